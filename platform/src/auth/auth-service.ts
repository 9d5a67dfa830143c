import { newId } from '@formloom/engine';
import { FormloomError, unauthorized, notFound, type DocumentStore, type Principal } from '@formloom/model';
import type { FastifyRequest } from 'fastify';
import type { RequestAuthenticator } from '../server/route-access.js';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './passwords.js';
import { PrincipalCache } from './principal-cache.js';
import { principalFor } from './principals.js';
import {
  hashCredential,
  isWellFormedCredential,
  newApiKey,
  newSessionToken,
  API_KEY_PREFIX,
  SESSION_TOKEN_PREFIX,
} from './tokens.js';
import {
  API_KEYS,
  SESSIONS,
  USERS,
  normalizeUsername,
  type ApiKeyDoc,
  type SessionDoc,
  type UserDoc,
  type UserLocale,
} from './users.js';

/**
 * Sign-in, sessions, API keys and the request authenticator.
 * - Bearer `flt_…` (session token) or `flk_…` (API key) in `Authorization`, on every call.
 * - The `formloom_session` cookie for the web apps; unsafe methods then also need the header
 *   `X-Formloom-Request: 1` (a cross-site form cannot set it), else 403.
 * A session is valid while it has not expired, its user is enabled and its generation equals
 * the user's `tokenGeneration`; disabling a user or changing their password bumps it.
 */
export const SESSION_COOKIE = 'formloom_session';
export const CSRF_HEADER = 'x-formloom-request';
export const SESSION_TTL_MS = 7 * 24 * 3600 * 1000;
/** lastSeenAt/expiresAt are refreshed at most this often per session (a write per request would be wasteful). */
const TOUCH_INTERVAL_MS = 60 * 1000;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface LoginResult {
  token: string;
  user: UserDoc;
  expiresAt: string;
}

export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
}

const INVALID_CREDENTIALS = () => new FormloomError('UNAUTHORIZED', 'Wrong username or password');

function toApiKeyView(doc: ApiKeyDoc): ApiKeyView {
  return { id: doc.id, name: doc.name, prefix: doc.prefix, createdAt: doc.createdAt, lastUsedAt: doc.lastUsedAt };
}

export class AuthService implements RequestAuthenticator {
  private readonly cache: PrincipalCache | null;

  constructor(private readonly store: DocumentStore) {
    this.cache = store.kind === 'embedded' ? new PrincipalCache() : null;
  }

  /**
   * Call after any write that changes who someone is or what they may do (users, roles,
   * sessions, API keys) made outside this service; the org routes do.
   */
  forgetCachedPrincipals(): void {
    this.cache?.clear();
  }

  private get users() {
    return this.store.collection<UserDoc>(USERS);
  }
  private get sessions() {
    return this.store.collection<SessionDoc>(SESSIONS);
  }
  private get apiKeys() {
    return this.store.collection<ApiKeyDoc>(API_KEYS);
  }

  async ensureIndexes(): Promise<void> {
    await this.users.createIndex({ keys: { username: 1 }, unique: true });
    await this.sessions.createIndex({ keys: { userId: 1 } });
    await this.sessions.createIndex({ keys: { expiresAt: 1 } });
    await this.apiKeys.createIndex({ keys: { id: 1 }, unique: true });
    await this.apiKeys.createIndex({ keys: { userId: 1 } });
  }

  /** Same answer for an unknown user, a wrong password and a disabled account. */
  async login(
    username: string,
    password: string,
    meta: { ip: string | null; userAgent: string | null },
  ): Promise<LoginResult> {
    const user = await this.users.findOne({ username: normalizeUsername(username) });
    if (!user) {
      await verifyAgainstDummy(password);
      throw INVALID_CREDENTIALS();
    }
    const ok = await verifyPassword(password, user.passwordHash);
    if (!ok || !user.enabled) throw INVALID_CREDENTIALS();
    const token = newSessionToken();
    const now = new Date();
    const expiresAt = new Date(now.getTime() + SESSION_TTL_MS).toISOString();
    await this.sessions.insertOne({
      _id: hashCredential(token),
      userId: user._id,
      generation: user.tokenGeneration,
      createdAt: now.toISOString(),
      expiresAt,
      lastSeenAt: now.toISOString(),
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    });
    await this.users.updateOne({ _id: user._id }, { $set: { lastLoginAt: now.toISOString() } });
    // Opportunistic clean-up of this user's expired sessions.
    await this.sessions.deleteMany({ userId: user._id, expiresAt: { $lt: now.toISOString() } });
    return { token, user: { ...user, lastLoginAt: now.toISOString() }, expiresAt };
  }

  /** Deletes every expired session; run hourly by the session clean-up job. Returns how many. */
  async deleteExpiredSessions(now = new Date()): Promise<number> {
    return this.sessions.deleteMany({ expiresAt: { $lte: now.toISOString() } });
  }

  async logout(token: string): Promise<void> {
    if (token.startsWith(SESSION_TOKEN_PREFIX)) await this.sessions.deleteOne({ _id: hashCredential(token) });
    this.forgetCachedPrincipals();
  }

  /** From the `Authorization` header, else the session cookie (with the CSRF header on unsafe methods). */
  credentialOf(request: FastifyRequest): { value: string; via: 'header' | 'cookie' } | null {
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!match) throw unauthorized('The Authorization header must be "Bearer <token or API key>"');
      return { value: match[1], via: 'header' };
    }
    const raw = request.cookies?.[SESSION_COOKIE];
    if (raw === undefined) return null;
    const unsigned = request.unsignCookie(raw);
    if (!unsigned.valid || unsigned.value === null) return null;
    return { value: unsigned.value, via: 'cookie' };
  }

  async authenticate(request: FastifyRequest): Promise<Principal> {
    const credential = this.credentialOf(request);
    if (credential === null) throw unauthorized();
    if (credential.via === 'cookie' && !SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== '1') {
      throw new FormloomError(
        'FORBIDDEN',
        `Requests authenticated by cookie must send the header X-Formloom-Request: 1`,
      );
    }
    return this.principalOfCredential(credential.value);
  }

  async principalOfCredential(value: string): Promise<Principal> {
    if (!isWellFormedCredential(value)) throw unauthorized('Invalid or expired credentials');
    const hash = hashCredential(value);
    const cached = this.cache?.get(hash);
    if (cached) return cached;
    const epoch = this.cache?.epoch ?? 0;
    if (value.startsWith(API_KEY_PREFIX)) return this.principalOfApiKey(hash, epoch);
    return this.principalOfSession(hash, epoch);
  }

  private async principalOfSession(hash: string, epoch: number): Promise<Principal> {
    const session = await this.sessions.findOne({ _id: hash });
    const now = Date.now();
    if (!session || Date.parse(session.expiresAt) <= now) throw unauthorized('Invalid or expired credentials');
    const user = await this.users.findOne({ _id: session.userId });
    if (!user || !user.enabled || user.tokenGeneration !== session.generation) {
      throw unauthorized('Invalid or expired credentials');
    }
    if (now - Date.parse(session.lastSeenAt) > TOUCH_INTERVAL_MS) {
      await this.sessions.updateOne(
        { _id: session._id },
        { $set: { lastSeenAt: new Date(now).toISOString(), expiresAt: new Date(now + SESSION_TTL_MS).toISOString() } },
      );
    }
    const principal = await principalFor(this.store, user, 'user');
    this.cache?.set(hash, principal, epoch, Date.parse(session.expiresAt));
    return principal;
  }

  private async principalOfApiKey(hash: string, epoch: number): Promise<Principal> {
    const apiKey = await this.apiKeys.findOne({ _id: hash });
    if (!apiKey) throw unauthorized('Invalid or expired credentials');
    const user = await this.users.findOne({ _id: apiKey.userId });
    if (!user || !user.enabled) throw unauthorized('Invalid or expired credentials');
    const now = Date.now();
    if (apiKey.lastUsedAt === null || now - Date.parse(apiKey.lastUsedAt) > TOUCH_INTERVAL_MS) {
      await this.apiKeys.updateOne({ _id: apiKey._id }, { $set: { lastUsedAt: new Date(now).toISOString() } });
    }
    const principal = await principalFor(this.store, user, 'apikey');
    this.cache?.set(hash, principal, epoch);
    return principal;
  }

  /** Ends every session of the user (their API keys stay, but stop working while the user is disabled). */
  async invalidateSessions(userId: string): Promise<void> {
    await this.users.updateOne({ _id: userId }, { $inc: { tokenGeneration: 1 } });
    await this.sessions.deleteMany({ userId });
    this.forgetCachedPrincipals();
  }

  async setPassword(userId: string, password: string): Promise<void> {
    const passwordHash = await hashPassword(password);
    const result = await this.users.updateOne(
      { _id: userId },
      { $set: { passwordHash, updatedAt: new Date().toISOString() }, $inc: { tokenGeneration: 1 } },
    );
    if (result.matchedCount === 0) throw notFound('User');
    await this.sessions.deleteMany({ userId });
    this.forgetCachedPrincipals();
  }

  async changeOwnPassword(userId: string, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.users.findOne({ _id: userId });
    if (!user) throw notFound('User');
    if (!(await verifyPassword(currentPassword, user.passwordHash))) {
      throw new FormloomError('FORBIDDEN', 'The current password is wrong', [
        { path: 'body.currentPassword', rule: 'matches', message: 'does not match your current password' },
      ]);
    }
    await this.setPassword(userId, newPassword);
  }

  /** Stores the language the user reads; returns the user as stored. */
  async setLocale(userId: string, locale: UserLocale): Promise<UserDoc> {
    const updated = await this.users.updateOne({ _id: userId }, { $set: { locale } });
    if (updated.matchedCount === 0) throw notFound('User');
    return this.getUser(userId);
  }

  async getUser(userId: string): Promise<UserDoc> {
    const user = await this.users.findOne({ _id: userId });
    if (!user) throw notFound('User');
    return user;
  }

  async createApiKey(userId: string, name: string): Promise<{ key: string; apiKey: ApiKeyView }> {
    const key = newApiKey();
    const doc: ApiKeyDoc = {
      _id: hashCredential(key),
      id: newId(),
      name,
      userId,
      prefix: key.slice(0, 10),
      createdAt: new Date().toISOString(),
      lastUsedAt: null,
    };
    await this.apiKeys.insertOne(doc);
    return { key, apiKey: toApiKeyView(doc) };
  }

  async listApiKeys(userId: string): Promise<ApiKeyView[]> {
    const keys = await this.apiKeys.find({ userId }, { sort: { createdAt: 1 } });
    return keys.map(toApiKeyView);
  }

  async revokeApiKey(userId: string, id: string): Promise<void> {
    const deleted = await this.apiKeys.deleteOne({ userId, id });
    this.forgetCachedPrincipals();
    if (deleted === 0) throw notFound('API key');
  }
}
