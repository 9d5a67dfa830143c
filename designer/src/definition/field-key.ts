const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A new stable key: `f_` + 6 random [a-z0-9] (Web Crypto). Generated once when a field is
 * created; labels can change freely, the key never does. `taken` avoids the (rare) collision.
 */
export function newKey(taken: ReadonlySet<string> | Record<string, unknown>, prefix = 'f_'): string {
  const has = (k: string) => (taken instanceof Set ? taken.has(k) : Object.hasOwn(taken, k));
  for (;;) {
    const bytes = new Uint8Array(6);
    globalThis.crypto.getRandomValues(bytes);
    let key = prefix;
    for (const b of bytes) key += ALPHABET[b % ALPHABET.length];
    if (!has(key)) return key;
  }
}
