import type { EgressPolicy } from './address-policy.js';
import { checkTarget, systemResolver, type CheckedTarget, type HostResolver } from './check-target.js';
import { egressRequest, type EgressRequest, type EgressResponse } from './egress-request.js';

export {
  addressDecision,
  blockedRange,
  parseEgressAllow,
  STRICT_POLICY,
  type EgressPolicy,
  type AllowEntry,
} from './address-policy.js';
export { EgressBlockedError, EgressRequestError, isEgressBlockedError } from './egress-errors.js';
export { systemResolver, type CheckedTarget, type HostResolver, type ResolvedAddress } from './check-target.js';
export type { EgressRequest, EgressResponse } from './egress-request.js';

/** The one way out: every outbound HTTP request of the platform goes through an EgressGuard. */
export interface EgressGuard {
  /** The decision alone (no connection): resolves to the checked target or throws EgressBlockedError. */
  check(url: string): Promise<CheckedTarget>;
  request(req: EgressRequest): Promise<EgressResponse>;
}

export interface EgressGuardOptions {
  policy: EgressPolicy;
  /** Host name resolution (default: the system resolver, every address). */
  resolve?: HostResolver;
}

export function createEgressGuard(options: EgressGuardOptions): EgressGuard {
  const resolve = options.resolve ?? systemResolver;
  return {
    check: (url) => checkTarget(url, options.policy, resolve),
    request: (req) => egressRequest(req, options.policy, resolve),
  };
}
