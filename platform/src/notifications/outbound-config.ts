/**
 * The configuration of everything that leaves the platform: the egress allowlist, SMTP and
 * webhook retries. Read by loadConfig (config.ts) with the rest of the environment.
 */
import { parseEgressAllow, type EgressPolicy } from '../egress/index.js';

export interface OutboundConfig {
  /** EGRESS_ALLOW parsed; empty allowlist = the guard fully on. */
  egressPolicy: EgressPolicy;
  /** SMTP_URL (smtp:// or smtps://); null = mail goes to the outbox admins read. */
  smtpUrl: string | null;
  /** MAIL_FROM, default `Formloom <formloom@localhost>`. */
  mailFrom: string;
  /** WEBHOOK_MAX_ATTEMPTS, default 8 (first try included). */
  webhookMaxAttempts: number;
  /** WEBHOOK_RETRY_BASE_MS, default 5000: retries wait base·2^(n−1). */
  webhookRetryBaseMs: number;
}

type Env = Record<string, string | undefined>;
type ConfigProblem = (variable: string, message: string) => Error;

function text(env: Env, name: string): string | null {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? null : value;
}

function wholeNumber(
  env: Env,
  name: string,
  fallback: number,
  min: number,
  max: number,
  problem: ConfigProblem,
): number {
  const raw = text(env, name);
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw problem(name, `must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return Number(raw);
}

function urlProtocol(raw: string): string | null {
  try {
    return new URL(raw).protocol;
  } catch {
    return null;
  }
}

export function loadOutboundConfig(env: Env, problem: ConfigProblem): OutboundConfig {
  let egressPolicy: EgressPolicy;
  try {
    egressPolicy = parseEgressAllow(text(env, 'EGRESS_ALLOW'));
  } catch (error) {
    throw problem('EGRESS_ALLOW', error instanceof Error ? error.message : String(error));
  }
  const smtpUrl = text(env, 'SMTP_URL');
  if (smtpUrl !== null) {
    const protocol = urlProtocol(smtpUrl);
    if (protocol === null) throw problem('SMTP_URL', 'must be a URL such as smtp://user:password@mail.example.com:587');
    if (protocol !== 'smtp:' && protocol !== 'smtps:') throw problem('SMTP_URL', 'must start with smtp:// or smtps://');
  }
  const mailFrom = text(env, 'MAIL_FROM') ?? 'Formloom <formloom@localhost>';
  if (!/@/.test(mailFrom) || /[\r\n]/.test(mailFrom))
    throw problem('MAIL_FROM', 'must be an address such as "Formloom <noreply@example.com>"');
  return {
    egressPolicy,
    smtpUrl,
    mailFrom,
    webhookMaxAttempts: wholeNumber(env, 'WEBHOOK_MAX_ATTEMPTS', 8, 1, 50, problem),
    webhookRetryBaseMs: wholeNumber(env, 'WEBHOOK_RETRY_BASE_MS', 5000, 10, 3_600_000, problem),
  };
}
