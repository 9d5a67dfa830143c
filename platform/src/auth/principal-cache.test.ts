import type { Principal } from '@formloom/model';
import { describe, expect, it } from 'vitest';
import { PrincipalCache } from './principal-cache.js';

const principal = (userId: string): Principal => ({
  kind: 'user',
  userId,
  username: userId,
  deptIds: [],
  roleIds: [],
  permissions: [],
  isAdmin: false,
});

describe('PrincipalCache', () => {
  it('forgets entries after the ttl or the session expiry, whichever is first', () => {
    const cache = new PrincipalCache(1000);
    cache.set('a', principal('a'), cache.epoch, Infinity, 0);
    cache.set('b', principal('b'), cache.epoch, 500, 0);
    expect(cache.get('a', 999)?.userId).toBe('a');
    expect(cache.get('a', 1000)).toBeNull();
    expect(cache.get('b', 499)?.userId).toBe('b');
    expect(cache.get('b', 500)).toBeNull();
  });

  it('does not keep a principal read before a clear (a concurrent disable or role change)', () => {
    const cache = new PrincipalCache();
    const epoch = cache.epoch;
    cache.clear();
    cache.set('a', principal('a'), epoch);
    expect(cache.get('a')).toBeNull();
  });

  it('stays bounded, dropping the oldest entry', () => {
    const cache = new PrincipalCache(60_000, 2);
    for (const id of ['a', 'b', 'c']) cache.set(id, principal(id), cache.epoch);
    expect(cache.size).toBe(2);
    expect(cache.get('a')).toBeNull();
    expect(cache.get('c')?.userId).toBe('c');
  });
});
