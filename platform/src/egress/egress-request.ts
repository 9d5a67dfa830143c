/**
 * The connection stage of the egress guard: one request per hop to exactly the address the
 * check approved (the socket's `lookup` answers only with it, so a DNS answer that changes
 * between check and connect is never used), redirects followed by hand and checked again at
 * every hop, one deadline for the whole exchange and a cap on the response body kept.
 */
import { request as httpRequest, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { EgressPolicy } from './address-policy.js';
import { checkTarget, type CheckedTarget, type HostResolver } from './check-target.js';
import { EgressRequestError } from './egress-errors.js';

export interface EgressRequest {
  url: string;
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers?: Record<string, string>;
  body?: string;
  /** For the whole exchange including redirects; default 10 s. */
  timeoutMs?: number;
  /** Bytes of the response body kept; the rest is not read. Default 64 KiB. */
  maxResponseBytes?: number;
  /** Default 5. */
  maxRedirects?: number;
}

export interface EgressResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The first `maxResponseBytes` of the body, as UTF-8. */
  body: string;
  truncated: boolean;
  /** The URL that answered (after redirects). */
  url: string;
  /** Every URL redirected to, in order. */
  redirects: string[];
  /** The address connected to last. */
  address: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024;
const DEFAULT_MAX_REDIRECTS = 5;

/** A lookup that answers every query with the one checked address. */
function pinnedLookup(target: CheckedTarget): LookupFunction {
  const { address, family } = target.address;
  return ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  }) as unknown as LookupFunction;
}

interface Hop {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  truncated: boolean;
}

function send(
  target: CheckedTarget,
  method: string,
  headers: OutgoingHttpHeaders,
  body: string | undefined,
  maxBytes: number,
  deadline: number,
): Promise<Hop> {
  return new Promise((resolve, reject) => {
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      reject(new EgressRequestError('timeout', 'The request timed out'));
      return;
    }
    const request = (target.url.protocol === 'https:' ? httpsRequest : httpRequest)({
      host: target.hostname,
      port: target.port,
      path: `${target.url.pathname}${target.url.search}`,
      method,
      headers,
      lookup: pinnedLookup(target),
      agent: false,
      servername:
        target.url.protocol === 'https:' && target.address.address !== target.hostname ? target.hostname : undefined,
    });
    const timer = setTimeout(
      () => request.destroy(new EgressRequestError('timeout', 'The request timed out')),
      remaining,
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(error instanceof EgressRequestError ? error : new EgressRequestError('network', error.message));
    };
    request.once('error', fail);
    request.once('response', (response) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      let truncated = false;
      const finish = () => {
        clearTimeout(timer);
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          truncated,
        });
      };
      response.on('data', (chunk: Buffer) => {
        if (truncated) return;
        const room = maxBytes - kept;
        if (chunk.length > room) {
          chunks.push(chunk.subarray(0, room));
          kept = maxBytes;
          truncated = true;
          response.destroy();
          finish();
          return;
        }
        chunks.push(chunk);
        kept += chunk.length;
      });
      response.once('end', () => {
        if (!truncated) finish();
      });
      response.once('error', (error) => {
        if (!truncated) fail(error);
      });
    });
    if (body !== undefined) request.end(body);
    else request.end();
  });
}

/** Sends `req` through the guard; throws EgressBlockedError (refused) or EgressRequestError (failed). */
export async function egressRequest(
  req: EgressRequest,
  policy: EgressPolicy,
  resolve: HostResolver,
): Promise<EgressResponse> {
  const deadline = Date.now() + (req.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const maxRedirects = req.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const maxBytes = req.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  let method: string = req.method ?? 'GET';
  let body = req.body;
  let headers: Record<string, string> = { ...req.headers };
  let url = req.url;
  const redirects: string[] = [];
  for (;;) {
    const target = await checkTarget(url, policy, resolve);
    const outgoing: OutgoingHttpHeaders = { ...headers, host: target.url.host };
    if (body !== undefined) outgoing['content-length'] = Buffer.byteLength(body);
    const hop = await send(target, method, outgoing, body, maxBytes, deadline);
    const location = hop.headers.location;
    if (!REDIRECTS.has(hop.status) || typeof location !== 'string') {
      return { ...hop, url: target.url.href, redirects, address: target.address.address };
    }
    if (redirects.length >= maxRedirects) {
      throw new EgressRequestError('redirects', `More than ${maxRedirects} redirects`);
    }
    let next: URL;
    try {
      next = new URL(location, target.url);
    } catch {
      throw new EgressRequestError('network', `The redirect location "${location}" is not a URL`);
    }
    if (hop.status === 303 || ((hop.status === 301 || hop.status === 302) && method === 'POST')) {
      method = 'GET';
      body = undefined;
      headers = Object.fromEntries(Object.entries(headers).filter(([name]) => !/^content-/i.test(name)));
    }
    if (next.origin !== target.url.origin) {
      headers = Object.fromEntries(Object.entries(headers).filter(([name]) => !/^(authorization|cookie)$/i.test(name)));
    }
    url = next.href;
    redirects.push(url);
  }
}
