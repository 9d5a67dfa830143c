import { FormloomError } from '@formloom/model';

/**
 * An outbound request the egress guard refused before any connection was made (or at a
 * redirect). `reason` says which rule: `protocol`, `credentials`, `url`, `dns`, or the address
 * range (`loopback`, `private`, `linkLocal`, `uniqueLocal`, `ipv4Mapped`, `metadata`, …).
 */
export class EgressBlockedError extends FormloomError {
  readonly reason: string;
  readonly url: string;
  constructor(url: string, reason: string, message: string) {
    super('BAD_REQUEST', message, [{ path: 'url', rule: 'egress', message }]);
    this.name = 'EgressBlockedError';
    this.reason = reason;
    this.url = url;
  }
}

export function isEgressBlockedError(error: unknown): error is EgressBlockedError {
  return error instanceof EgressBlockedError;
}

/** The request was allowed but failed: refused connection, timeout, too many redirects, TLS. */
export class EgressRequestError extends Error {
  readonly kind: 'timeout' | 'network' | 'redirects';
  constructor(kind: EgressRequestError['kind'], message: string) {
    super(message);
    this.name = 'EgressRequestError';
    this.kind = kind;
  }
}
