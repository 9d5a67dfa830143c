import type { FastifyServerOptions } from 'fastify';
import type { LogLevel } from '../config.js';

/**
 * Structured JSON logs (pino) with a request id on every line of a request. Credentials never
 * reach a log line: authorization and cookie headers are redacted wherever they appear.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.token',
];

export function loggerOptions(level: LogLevel): NonNullable<FastifyServerOptions['logger']> {
  return { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
}
