const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';
/** 9 base36 digits cover millisecond timestamps until the year 5188. */
const TIME_LENGTH = 9;
const RANDOM_LENGTH = 11;

/**
 * A new id for records, history entries and events: 20 lowercase base36 characters, URL-safe,
 * sortable by creation time (9 characters of millisecond timestamp, then 11 random characters,
 * about 57 bits of randomness from the system's CSPRNG). Web Crypto, so the same code runs in
 * the browser (the designer and player give subform rows their ids too).
 */
export function newId(now: number = Date.now()): string {
  const time = Math.floor(now).toString(36).padStart(TIME_LENGTH, '0');
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(RANDOM_LENGTH));
  let random = '';
  for (let i = 0; i < RANDOM_LENGTH; i++) random += ALPHABET[bytes[i] % 36];
  return time + random;
}

export const ID_PATTERN = /^[0-9a-z]{20}$/;

export function isId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

/** Bytes of randomness in a secret token (192 bits). */
const TOKEN_BYTES = 24;

/**
 * An unguessable secret for capability URLs such as a form's public link: 24 bytes from the
 * CSPRNG (Web Crypto), base64url without padding (32 characters).
 */
export function newSecretToken(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(TOKEN_BYTES));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export const SECRET_TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/;
