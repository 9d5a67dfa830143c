/**
 * The decision stage of the egress guard: parse the URL the way browsers do (WHATWG URL turns
 * 2130706433, 0x7f.1 and 0177.0.0.1 into 127.0.0.1), refuse anything but http/https and
 * credentials in the URL, resolve the host name to every address, and refuse when any of them
 * is blocked. The caller then connects to exactly the checked address (see egress-request.ts).
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { addressDecision, type EgressPolicy } from './address-policy.js';
import { EgressBlockedError } from './egress-errors.js';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to all its addresses (tests inject their own). */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: HostResolver = async (hostname) => {
  const found = await dnsLookup(hostname, { all: true, verbatim: true });
  return found.map((entry) => ({ address: entry.address, family: entry.family === 6 ? 6 : 4 }));
};

export interface CheckedTarget {
  url: URL;
  /** The host name without IPv6 brackets. */
  hostname: string;
  port: number;
  /** The address the request must connect to (checked, with all others). */
  address: ResolvedAddress;
}

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };

function describe(range: string): string {
  const names: Record<string, string> = {
    loopback: 'a loopback address',
    private: 'a private network address',
    linkLocal: 'a link-local address',
    uniqueLocal: 'a unique-local IPv6 address',
    ipv4Mapped: 'an IPv4-mapped IPv6 address',
    unspecified: 'an unspecified address',
    multicast: 'a multicast address',
    broadcast: 'the broadcast address',
    carrierGradeNat: 'a carrier-grade NAT address',
    reserved: 'a reserved or documentation address',
    metadata: 'a cloud metadata address',
    invalid: 'not a usable address',
  };
  return names[range] ?? `in the ${range} range`;
}

export async function checkTarget(rawUrl: string, policy: EgressPolicy, resolve: HostResolver): Promise<CheckedTarget> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new EgressBlockedError(rawUrl, 'url', 'The URL is not valid');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new EgressBlockedError(rawUrl, 'protocol', `Only http and https URLs can be called (not ${url.protocol})`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new EgressBlockedError(
      rawUrl,
      'credentials',
      'URLs with a user name or password cannot be called; send credentials in headers',
    );
  }
  const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  if (hostname === '') throw new EgressBlockedError(rawUrl, 'url', 'The URL has no host');
  const port = url.port === '' ? DEFAULT_PORTS[url.protocol] : Number(url.port);

  let addresses: ResolvedAddress[];
  const literal = isIP(hostname);
  if (literal !== 0) {
    addresses = [{ address: hostname, family: literal === 6 ? 6 : 4 }];
  } else {
    try {
      addresses = await resolve(hostname);
    } catch (error) {
      throw new EgressBlockedError(
        rawUrl,
        'dns',
        `The host name ${hostname} could not be resolved (${error instanceof Error ? error.message : String(error)})`,
      );
    }
    if (addresses.length === 0) throw new EgressBlockedError(rawUrl, 'dns', `The host name ${hostname} has no address`);
  }
  for (const { address } of addresses) {
    const blocked = addressDecision(address, port, policy);
    if (blocked !== null) {
      const via = literal !== 0 ? '' : ` (${hostname} resolves to ${address})`;
      throw new EgressBlockedError(rawUrl, blocked, `Requests to ${describe(blocked)} are blocked${via}`);
    }
  }
  return { url, hostname, port, address: addresses[0] };
}
