import type { Principal } from '@formloom/model';

/**
 * Principals of recently seen credentials, so an authenticated request does not cost three
 * store reads. Only used where this process sees every write to users, roles, sessions and
 * API keys — the embedded store, which a single process owns — and cleared entirely on every
 * such write made through AuthService or the org routes. Entries live `ttlMs` at most (less
 * than the session touch interval, so sliding expiry keeps working).
 */
interface Entry {
  principal: Principal;
  /** When the entry stops being used: min(now + ttl, session expiry). */
  until: number;
}

export class PrincipalCache {
  private readonly entries = new Map<string, Entry>();
  /**
   * Bumped by clear(). A lookup notes it before reading the store and passes it to set(), so a
   * principal read before a concurrent change is not cached after that change cleared the cache.
   */
  epoch = 0;

  constructor(
    private readonly ttlMs = 30_000,
    private readonly maxEntries = 10_000,
  ) {}

  get(credentialHash: string, now = Date.now()): Principal | null {
    const entry = this.entries.get(credentialHash);
    if (!entry) return null;
    if (entry.until <= now) {
      this.entries.delete(credentialHash);
      return null;
    }
    return entry.principal;
  }

  set(credentialHash: string, principal: Principal, readAtEpoch: number, expiresAt = Infinity, now = Date.now()): void {
    if (readAtEpoch !== this.epoch) return;
    if (this.entries.size >= this.maxEntries) {
      // Drop the oldest entry (Map keeps insertion order).
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(credentialHash, { principal, until: Math.min(now + this.ttlMs, expiresAt) });
  }

  clear(): void {
    this.epoch++;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
