import { createHash } from 'node:crypto';
import { FormloomError } from '@formloom/model';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FormloomApp } from '../server/types.js';

const MINUTE = 60_000;

/** What a public request is counted against. */
export type PublicLimit = 'lookup' | 'submit' | 'submitPerForm' | 'upload';

export interface PublicRateLimits {
  /** Counts the request against `limit`; throws RATE_LIMITED (429, `Retry-After`) when it is over. */
  check(limit: PublicLimit, request: FastifyRequest, reply: FastifyReply, formId?: string): Promise<void>;
}

/**
 * The limits of the public-link routes, through @fastify/rate-limit's store (shared through
 * Redis when REDIS_URL is set, like the login limit). With `perMinute` = PUBLIC_FORM_RATE_LIMIT:
 * - lookup: every public request, per address: 6 × perMinute (token probing, page loads);
 * - submit: submissions per address and form: perMinute;
 * - submitPerForm: submissions per form from everywhere: 20 × perMinute;
 * - upload: files per address and form: 3 × perMinute.
 * Keys carry the form id (or a hash of the address only), never the link's token.
 */
export function publicRateLimits(app: FormloomApp, perMinute: number): PublicRateLimits {
  const formOf = new WeakMap<FastifyRequest, string>();
  const ipKey = (request: FastifyRequest) => createHash('sha256').update(request.ip).digest('base64url').slice(0, 22);
  const make = (max: number, key: (request: FastifyRequest) => string) =>
    app.createRateLimit({ max, timeWindow: MINUTE, keyGenerator: key });
  const limiters: Record<PublicLimit, ReturnType<typeof make>> = {
    lookup: make(perMinute * 6, (r) => `public-lookup|${ipKey(r)}`),
    submit: make(perMinute, (r) => `public-submit|${formOf.get(r) ?? ''}|${ipKey(r)}`),
    submitPerForm: make(perMinute * 20, (r) => `public-submit-form|${formOf.get(r) ?? ''}`),
    upload: make(perMinute * 3, (r) => `public-upload|${formOf.get(r) ?? ''}|${ipKey(r)}`),
  };
  return {
    async check(limit, request, reply, formId) {
      if (formId !== undefined) formOf.set(request, formId);
      const result = await limiters[limit](request);
      if (result.isAllowed || !result.isExceeded) return;
      reply.header('retry-after', String(result.ttlInSeconds));
      throw new FormloomError('RATE_LIMITED', `Too many requests; try again in ${result.ttlInSeconds} s`);
    },
  };
}
