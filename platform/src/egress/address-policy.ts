/**
 * Which IP addresses outbound requests may reach. Only globally routable unicast addresses
 * pass; everything ipaddr.js classifies otherwise (loopback, private, link-local, unique-local,
 * IPv4-mapped and -embedding IPv6, CGNAT, unspecified, broadcast, multicast, documentation and
 * reserved ranges) is blocked, and so are the cloud metadata addresses. An allowlist (the
 * EGRESS_ALLOW setting, for development and tests) can open exact addresses, CIDR ranges or
 * address:port pairs, but never the metadata addresses, unspecified, broadcast, multicast or
 * IPv4-mapped addresses.
 */
import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** Cloud metadata endpoints (AWS/GCP/Azure/OpenStack, AWS ECS and IPv6, Alibaba, Oracle legacy). */
const METADATA_ADDRESSES = ['169.254.169.254', '169.254.170.2', 'fd00:ec2::254', '100.100.100.200', '192.0.0.192'];

const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96') as [ipaddr.IPv6, number];
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3') as [ipaddr.IPv6, number];

/** Ranges an allowlist entry can never open. */
const NEVER_ALLOWED = new Set(['unspecified', 'broadcast', 'multicast', 'ipv4Mapped', 'metadata']);

export interface AllowEntry {
  /** The original text, for messages. */
  text: string;
  range: [Address, number];
  /** Only this port when set. */
  port: number | null;
}

export interface EgressPolicy {
  allow: AllowEntry[];
}

export const STRICT_POLICY: EgressPolicy = { allow: [] };

function parseAddress(text: string): Address | null {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (!ipaddr.isValid(bare)) return null;
  // Only canonical dotted quads for IPv4 (ipaddr.js also takes 0x7f.1 and 2130706433).
  if (bare.includes('.') && !bare.includes(':') && !ipaddr.IPv4.isValidFourPartDecimal(bare)) return null;
  return ipaddr.parse(bare);
}

/** The blocked range `address` is in, or null when it is a public unicast address. */
export function blockedRange(address: string): string | null {
  const parsed = parseAddress(address);
  if (parsed === null) return 'invalid';
  if (METADATA_ADDRESSES.some((meta) => ipaddr.parse(meta).toNormalizedString() === parsed.toNormalizedString())) {
    return 'metadata';
  }
  const range = parsed.range();
  if (range !== 'unicast') return range;
  if (parsed.kind() === 'ipv6') {
    // IPv4-compatible (::a.b.c.d, deprecated) embeds an IPv4 address like the mapped form does.
    if (parsed.match(IPV4_COMPATIBLE)) return 'ipv4Mapped';
    // Only 2000::/3 is global unicast; ipaddr.js calls the unallocated rest "unicast" too.
    if (!parsed.match(GLOBAL_UNICAST_V6)) return 'reserved';
  }
  return null;
}

/**
 * Parses EGRESS_ALLOW: comma-separated `CIDR` (`10.0.0.0/8`), addresses (`127.0.0.1`, `::1`)
 * and `address:port` (`127.0.0.1:4000`, `[::1]:4000`). Throws an Error naming the bad entry.
 */
export function parseEgressAllow(raw: string | null): EgressPolicy {
  if (raw === null || raw.trim() === '') return STRICT_POLICY;
  const allow: AllowEntry[] = [];
  for (const entry of raw
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')) {
    if (entry.includes('/')) {
      let range: [Address, number];
      try {
        range = ipaddr.parseCIDR(entry);
      } catch {
        throw new Error(`"${entry}" is not a CIDR range`);
      }
      allow.push({ text: entry, range, port: null });
      continue;
    }
    const withPort =
      /^\[([0-9a-fA-F:.]+)\]:(\d{1,5})$/.exec(entry) ?? /^(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})$/.exec(entry);
    const addressText = withPort ? withPort[1] : entry;
    const address = parseAddress(addressText);
    const port = withPort ? Number(withPort[2]) : null;
    if (address === null || (port !== null && (port < 1 || port > 65535))) {
      throw new Error(`"${entry}" is not an address, address:port or CIDR range`);
    }
    allow.push({ text: entry, range: [address, address.kind() === 'ipv4' ? 32 : 128], port });
  }
  return { allow };
}

/** Why `address` (on `port`) may not be reached under `policy`, or null when it may. */
export function addressDecision(address: string, port: number, policy: EgressPolicy): string | null {
  const range = blockedRange(address);
  if (range === null) return null;
  if (NEVER_ALLOWED.has(range) || range === 'invalid') return range;
  const parsed = parseAddress(address);
  if (parsed === null) return 'invalid';
  const allowed = policy.allow.some(
    (entry) =>
      entry.range[0].kind() === parsed.kind() &&
      parsed.match(entry.range) &&
      (entry.port === null || entry.port === port),
  );
  return allowed ? null : range;
}
