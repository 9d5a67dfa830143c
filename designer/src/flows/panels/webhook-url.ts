/**
 * A client-side hint only: the server's egress guard decides (it resolves names and checks
 * every address). This flags URLs whose host is obviously private or local, so the builder
 * learns before publishing that the call would be refused.
 */
export type UrlHint = 'ok' | 'notHttp' | 'private';

const PRIVATE_V4: Array<[number, number, number]> = [
  // [first octet, second octet low, second octet high] (-1 = any)
  [10, -1, -1],
  [127, -1, -1],
  [0, -1, -1],
  [169, 254, 254],
  [172, 16, 31],
  [192, 168, 168],
  [100, 64, 127],
];

function privateV4(host: string): boolean {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return false;
  const [a, b] = [Number(m[1]), Number(m[2])];
  return PRIVATE_V4.some(([first, low, high]) => a === first && (low === -1 || (b >= low && b <= high)));
}

function privateV6(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (!h.includes(':')) return false;
  if (h === '::1' || h === '::') return true;
  if (/^f[cd]/.test(h) || /^fe[89ab]/.test(h)) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
  return mapped ? privateV4(mapped[1]) : false;
}

export function webhookUrlHint(url: string): UrlHint {
  const trimmed = url.trim();
  if (!trimmed) return 'ok';
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return 'notHttp';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'notHttp';
  const host = parsed.hostname.toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal'))
    return 'private';
  return privateV4(host) || privateV6(host) ? 'private' : 'ok';
}
