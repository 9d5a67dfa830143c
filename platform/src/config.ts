import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadOutboundConfig, type OutboundConfig } from './notifications/outbound-config.js';

/**
 * The server's configuration, read from the environment once at start. Every variable is
 * documented in the top-level README. Secrets never have a literal fallback here: the server
 * secret is either given (required with MONGO_URL) or generated into `<DATA_DIR>/secret`.
 */
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
export type EmbeddedSync = 'normal' | 'full';

/** OutboundConfig: EGRESS_ALLOW, SMTP_URL, MAIL_FROM, WEBHOOK_MAX_ATTEMPTS, WEBHOOK_RETRY_BASE_MS. */
export interface Config extends OutboundConfig {
  port: number;
  host: string;
  /** Absolute path. */
  dataDir: string;
  mongoUrl: string | null;
  /** null = the database named in MONGO_URL, else `formloom`. */
  mongoDb: string | null;
  redisUrl: string | null;
  /** Password of the initial `admin` user; null = generate one and print it once. */
  adminPassword: string | null;
  /** Signs and derives server-side secrets; at least 32 characters. */
  serverSecret: string;
  logLevel: LogLevel;
  /** The address users reach, without a trailing slash. */
  publicUrl: string;
  /** Cookies get `Secure` when the public URL is https. */
  secureCookies: boolean;
  embeddedSync: EmbeddedSync;
  /** Fastify's trustProxy: false, true, a hop count or a list of addresses/CIDRs. */
  trustProxy: boolean | number | string;
  /** Largest accepted file upload in bytes (UPLOAD_MAX_MB, default 20). */
  uploadMaxBytes: number;
  /** Public-link submissions per minute from one address to one form (PUBLIC_FORM_RATE_LIMIT, default 10). */
  publicFormRateLimit: number;
  /** Sign-in attempts per minute for one address and user name (LOGIN_RATE_LIMIT, default 10). */
  loginRateLimit: number;
  /** Language of users who never chose one and sent no Accept-Language (DEFAULT_LOCALE: en or zh-CN, default en). */
  defaultLocale: 'en' | 'zh-CN';
}

/** A configuration problem; the CLI prints its message and exits with status 1. */
export class ConfigError extends Error {
  readonly variable: string;
  constructor(variable: string, message: string) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
    this.variable = variable;
  }
}

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const MIN_SECRET_LENGTH = 32;
const SECRET_FILE = 'secret';

type Env = Record<string, string | undefined>;

function text(env: Env, name: string): string | null {
  const value = env[name];
  if (value === undefined) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

function port(env: Env): number {
  const raw = text(env, 'PORT');
  if (raw === null) return 3000;
  if (!/^\d+$/.test(raw) || Number(raw) > 65535) {
    throw new ConfigError('PORT', `must be a whole number from 0 to 65535, got "${raw}"`);
  }
  return Number(raw);
}

function url(env: Env, name: string, protocols: string[]): string | null {
  const raw = text(env, name);
  if (raw === null) return null;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, 'must be a URL');
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  }
  return raw;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = text(env, name);
  if (raw === null) return fallback;
  const lower = raw.toLowerCase() as T;
  if (!allowed.includes(lower)) throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
  return lower;
}

function trustProxy(env: Env): boolean | number | string {
  const raw = text(env, 'TRUST_PROXY');
  if (raw === null) return false;
  const lower = raw.toLowerCase();
  if (['false', '0', 'no', 'off'].includes(lower)) return false;
  if (['true', 'yes', 'on'].includes(lower)) return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  if (/^[0-9a-fA-F:.,/\s]+$/.test(raw)) return raw;
  throw new ConfigError('TRUST_PROXY', 'must be true, false, a hop count or a comma-separated list of addresses');
}

function uploadMaxBytes(env: Env): number {
  const raw = text(env, 'UPLOAD_MAX_MB');
  if (raw === null) return 20 * 1024 * 1024;
  if (!/^\d+(\.\d+)?$/.test(raw) || Number(raw) <= 0 || Number(raw) > 10_240) {
    throw new ConfigError('UPLOAD_MAX_MB', `must be a number of megabytes above 0 and at most 10240, got "${raw}"`);
  }
  return Math.floor(Number(raw) * 1024 * 1024);
}

function publicFormRateLimit(env: Env): number {
  const raw = text(env, 'PUBLIC_FORM_RATE_LIMIT');
  if (raw === null) return 10;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 100_000) {
    throw new ConfigError('PUBLIC_FORM_RATE_LIMIT', `must be a whole number from 1 to 100000, got "${raw}"`);
  }
  return Number(raw);
}

function loginRateLimit(env: Env): number {
  const raw = text(env, 'LOGIN_RATE_LIMIT');
  if (raw === null) return 10;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 100_000) {
    throw new ConfigError('LOGIN_RATE_LIMIT', `must be a whole number from 1 to 100000, got "${raw}"`);
  }
  return Number(raw);
}

function checkSecret(value: string, origin: string): string {
  if (value.length < MIN_SECRET_LENGTH) {
    throw new ConfigError('SERVER_SECRET', `${origin} must be at least ${MIN_SECRET_LENGTH} characters long`);
  }
  return value;
}

/**
 * The embedded default keeps a generated secret in `<dataDir>/secret` (mode 0600) so that it
 * survives restarts; it is created on first start.
 */
function embeddedSecret(dataDir: string): string {
  const file = join(dataDir, SECRET_FILE);
  try {
    return checkSecret(readFileSync(file, 'utf8').trim(), `the secret in ${file}`);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  try {
    writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
  } catch (e) {
    // Another process created it first: use theirs.
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return embeddedSecret(dataDir);
    throw e;
  }
  chmodSync(file, 0o600);
  return secret;
}

export function loadConfig(env: Env = process.env): Config {
  const listenPort = port(env);
  const host = text(env, 'HOST') ?? '0.0.0.0';
  const dataDir = resolve(text(env, 'DATA_DIR') ?? './data');
  const mongoUrl = url(env, 'MONGO_URL', ['mongodb:', 'mongodb+srv:']);
  const mongoDb = text(env, 'MONGO_DB');
  if (mongoDb !== null && !/^[A-Za-z0-9_-]{1,63}$/.test(mongoDb)) {
    throw new ConfigError('MONGO_DB', 'must be 1-63 letters, digits, "_" or "-"');
  }
  const redisUrl = url(env, 'REDIS_URL', ['redis:', 'rediss:']);
  const adminPassword = env.ADMIN_PASSWORD === undefined || env.ADMIN_PASSWORD === '' ? null : env.ADMIN_PASSWORD;
  if (adminPassword !== null && adminPassword.length < 8) {
    throw new ConfigError('ADMIN_PASSWORD', 'must be at least 8 characters long');
  }
  const publicUrl = (url(env, 'PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${listenPort}`).replace(
    /\/+$/,
    '',
  );

  const givenSecret = text(env, 'SERVER_SECRET');
  let serverSecret: string;
  if (givenSecret !== null) serverSecret = checkSecret(givenSecret, 'the value');
  else if (mongoUrl !== null) {
    throw new ConfigError(
      'SERVER_SECRET',
      'is required when MONGO_URL is set (every server and worker must share it); generate one with `openssl rand -hex 32`',
    );
  } else serverSecret = embeddedSecret(dataDir);

  return {
    port: listenPort,
    host,
    dataDir,
    mongoUrl,
    mongoDb,
    redisUrl,
    adminPassword,
    serverSecret,
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    publicUrl,
    secureCookies: publicUrl.startsWith('https://'),
    embeddedSync: oneOf(env, 'EMBEDDED_SYNC', ['normal', 'full'] as const, 'normal'),
    trustProxy: trustProxy(env),
    uploadMaxBytes: uploadMaxBytes(env),
    publicFormRateLimit: publicFormRateLimit(env),
    loginRateLimit: loginRateLimit(env),
    defaultLocale: oneOf(env, 'DEFAULT_LOCALE', ['en', 'zh-CN'] as const, 'en'),
    ...loadOutboundConfig(env, (variable, message) => new ConfigError(variable, message)),
  };
}
