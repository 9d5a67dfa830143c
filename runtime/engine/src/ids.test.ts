import { describe, expect, it } from 'vitest';
import { isId, newId, newSecretToken, SECRET_TOKEN_PATTERN } from './ids.js';

describe('newId', () => {
  it('is 20 URL-safe characters', () => {
    const id = newId();
    expect(id).toMatch(/^[0-9a-z]{20}$/);
    expect(isId(id)).toBe(true);
  });

  it('sorts by creation time', () => {
    const earlier = newId(Date.UTC(2026, 0, 1));
    const later = newId(Date.UTC(2026, 0, 1, 0, 0, 0, 1));
    expect(earlier < later).toBe(true);
  });

  it('does not repeat', () => {
    const ids = new Set(Array.from({ length: 5000 }, () => newId(0)));
    expect(ids.size).toBe(5000);
  });

  it('rejects values that are not ids', () => {
    expect(isId('ABC')).toBe(false);
    expect(isId({})).toBe(false);
    expect(isId('0'.repeat(19) + '$')).toBe(false);
  });
});

describe('newSecretToken', () => {
  it('is 32 URL-safe characters and never repeats', () => {
    const tokens = new Set(Array.from({ length: 2000 }, () => newSecretToken()));
    expect(tokens.size).toBe(2000);
    for (const token of tokens) expect(token).toMatch(SECRET_TOKEN_PATTERN);
  });
});
