import { createHash, randomBytes } from 'node:crypto';

/**
 * Bearer credentials: 32 random bytes, base64url, with a prefix telling what they are
 * (`flt_` session token, `flk_` API key). Only their SHA-256 is stored (as the document
 * `_id`), so a leaked database cannot be replayed against the API.
 */
export const SESSION_TOKEN_PREFIX = 'flt_';
export const API_KEY_PREFIX = 'flk_';
const CREDENTIAL_PATTERN = /^fl[tk]_[A-Za-z0-9_-]{43}$/;

export function newSessionToken(): string {
  return SESSION_TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

export function newApiKey(): string {
  return API_KEY_PREFIX + randomBytes(32).toString('base64url');
}

export function isWellFormedCredential(value: string): boolean {
  return CREDENTIAL_PATTERN.test(value);
}

export function hashCredential(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
