import { describe, expect, it } from 'vitest';
import { messagePath } from './message-link';

describe('where a notification leads', () => {
  it('follows links to a task or an instance, absolute or relative', () => {
    expect(messagePath('https://forms.example.com/tasks/i1:t0:2:1')).toBe('/tasks/i1:t0:2:1');
    expect(messagePath('/flows/instances/i1')).toBe('/flows/instances/i1');
    expect(messagePath('http://127.0.0.1:3000/inbox/cc')).toBe('/inbox/cc');
  });

  it('refuses anything that is not one of the player’s screens', () => {
    expect(messagePath(null)).toBeNull();
    expect(messagePath('javascript:alert(1)')).toBeNull();
    expect(messagePath('https://evil.example.com/steal')).toBeNull();
    expect(messagePath('/login')).toBeNull();
  });
});
