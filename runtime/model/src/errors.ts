/**
 * The one error shape of Formloom. Every layer throws a FormloomError (or a subclass);
 * the HTTP layer turns it into `{error: {code, message, details: [{path, rule, message}]}}`
 * with `status` as the HTTP status. Nothing else decides status codes.
 */
export interface ErrorDetail {
  /** Where the problem is: a field key, a JSON pointer-ish path such as `data.f_amount` or `filter.cond[0].method`. */
  path: string;
  /** The rule that failed, e.g. `required`, `type`, `unique`, `maxLength`, `operator`, `unknownField`. */
  rule: string;
  /** A sentence for a person. */
  message: string;
}

export type ErrorCode =
  | 'BAD_REQUEST'
  | 'VALIDATION_FAILED'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'VERSION_CONFLICT'
  | 'DUPLICATE'
  | 'RATE_LIMITED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNAVAILABLE'
  | 'INTERNAL';

const STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  VERSION_CONFLICT: 409,
  DUPLICATE: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

export class FormloomError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: ErrorDetail[];
  /** Extra data the HTTP layer adds to the error body, e.g. `current` (the current record) on VERSION_CONFLICT. */
  readonly extra?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details: ErrorDetail[] = [], extra?: Record<string, unknown>) {
    super(message);
    this.name = 'FormloomError';
    this.code = code;
    this.status = STATUS[code];
    this.details = details;
    this.extra = extra;
  }
}

export const badRequest = (message: string, details: ErrorDetail[] = []) =>
  new FormloomError('BAD_REQUEST', message, details);
export const validationFailed = (details: ErrorDetail[], message = 'Validation failed') =>
  new FormloomError('VALIDATION_FAILED', message, details);
export const notFound = (what: string) => new FormloomError('NOT_FOUND', `${what} not found`);
export const forbidden = (message = 'You do not have permission to do this') => new FormloomError('FORBIDDEN', message);
export const unauthorized = (message = 'Authentication required') => new FormloomError('UNAUTHORIZED', message);
export const conflict = (message: string, details: ErrorDetail[] = [], extra?: Record<string, unknown>) =>
  new FormloomError('CONFLICT', message, details, extra);

export function isFormloomError(e: unknown): e is FormloomError {
  return e instanceof FormloomError;
}
