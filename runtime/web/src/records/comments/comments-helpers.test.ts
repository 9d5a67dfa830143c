import { describe, expect, it } from 'vitest';
import type { DirectoryUser } from './comments-api';
import { mentionedIds } from './mentions';
import { relativeTime } from './relative-time';

const person = (id: string, username: string): DirectoryUser => ({ id, username, displayName: username, deptIds: [] });

describe('mentionedIds', () => {
  const picked = new Map([
    ['wang', person('u1', 'wang')],
    ['wang.fang', person('u2', 'wang.fang')],
    ['li', person('u3', 'li')],
  ]);

  it('sends only the picked people whose @username is still in the text', () => {
    expect(mentionedIds('@wang.fang please look', picked)).toEqual(['u2']);
    expect(mentionedIds('Thanks @wang and @li!', picked)).toEqual(['u1', 'u3']);
    expect(mentionedIds('Ask @li.', picked)).toEqual(['u3']);
    expect(mentionedIds('mail wang@li.example', picked)).toEqual([]);
  });
});

describe('relativeTime', () => {
  const now = Date.parse('2026-11-23T12:00:00Z');
  it('speaks the user language', () => {
    expect(relativeTime('2026-11-23T11:57:00Z', 'en', now)).toBe('3 minutes ago');
    expect(relativeTime('2026-11-23T09:00:00Z', 'zh-CN', now)).toBe('3小时前');
    expect(relativeTime('2026-11-23T11:59:58Z', 'en', now)).toBe('now');
    expect(relativeTime('2026-11-21T12:00:00Z', 'en', now)).toBe('2 days ago');
  });
});
