/**
 * Browser stand-in for the one thing the engine's browser-safe modules take from node:crypto
 * (ids.ts → `randomBytes`), backed by the Web Crypto CSPRNG.
 */
export function randomBytes(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  globalThis.crypto.getRandomValues(bytes);
  return bytes;
}
