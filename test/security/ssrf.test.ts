import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createEgressGuard,
  EgressBlockedError,
  parseEgressAllow,
  STRICT_POLICY,
  type HostResolver,
} from '@formloom/platform';

/**
 * SSRF corpus against the one egress guard, fully on (no allowlist): loopback in every
 * spelling, RFC 1918, link-local and the cloud metadata addresses, IPv4-mapped and embedding
 * IPv6, unique-local, unspecified, multicast/broadcast/reserved, DNS names that resolve to any
 * of them, other protocols and credentials. Every one is refused before a connection is made,
 * with a sentence saying why. Redirects from an allowed local server to blocked targets are
 * refused at the hop, and the target never sees a request.
 */
const DNS: Record<string, string[]> = {
  'evil.test': ['127.0.0.1'],
  'internal.test': ['10.0.0.5'],
  'mixed.test': ['93.184.215.14', '192.168.1.10'],
  'v6loop.test': ['::1'],
  'mapped.test': ['::ffff:127.0.0.1'],
  'app.localhost': ['127.0.0.1'],
  'metadata.google.internal': ['169.254.169.254'],
  'ula.test': ['fd00::5'],
  'hooks.example.com': ['93.184.215.14'],
  'example.com': ['93.184.215.14'],
};

/** A resolver for the corpus: the names above, `localhost` from the system, anything else NXDOMAIN. */
const corpusResolver: HostResolver = async (hostname) => {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  const addresses = DNS[name];
  if (addresses) return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  if (name === 'localhost') return [{ address: '127.0.0.1', family: 4 }];
  throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
};

/** [url, the reason the guard must give]. */
const CORPUS: Array<[string, string]> = [
  // loopback, every spelling
  ['http://127.0.0.1/', 'loopback'],
  ['http://127.0.0.1:8080/admin', 'loopback'],
  ['https://127.0.0.1:443/', 'loopback'],
  ['http://127.1/', 'loopback'],
  ['http://127.0.1/', 'loopback'],
  ['http://2130706433/', 'loopback'],
  ['http://0x7f000001/', 'loopback'],
  ['http://0x7f.0x0.0x0.0x1/', 'loopback'],
  ['http://0177.0.0.1/', 'loopback'],
  ['http://0177.0000.0000.0001/', 'loopback'],
  ['http://017700000001/', 'loopback'],
  ['http://127.255.255.254/', 'loopback'],
  ['http://127\u30020\u30020\u30021/', 'loopback'],
  ['http://[::1]/', 'loopback'],
  ['http://[0:0:0:0:0:0:0:1]/', 'loopback'],
  ['http://localhost/', 'loopback'],
  ['http://LOCALHOST./', 'loopback'],
  ['http://app.localhost/', 'loopback'],
  ['http://evil.test/', 'loopback'],
  ['http://v6loop.test/', 'loopback'],
  // IPv4-mapped / -compatible / embedding IPv6
  ['http://[::ffff:127.0.0.1]/', 'ipv4Mapped'],
  ['http://[::ffff:7f00:1]/', 'ipv4Mapped'],
  ['http://[0:0:0:0:0:ffff:127.0.0.1]/', 'ipv4Mapped'],
  ['http://[::127.0.0.1]/', 'ipv4Mapped'],
  ['http://[::ffff:10.0.0.1]/', 'ipv4Mapped'],
  ['http://[::ffff:c0a8:101]/', 'ipv4Mapped'],
  ['http://[::ffff:169.254.169.254]/', 'ipv4Mapped'],
  ['http://[::ffff:a9fe:a9fe]/', 'ipv4Mapped'],
  ['http://mapped.test/', 'ipv4Mapped'],
  ['http://[64:ff9b::7f00:1]/', 'rfc6052'],
  ['http://[2002:7f00:1::]/', '6to4'],
  // unspecified
  ['http://0.0.0.0/', 'unspecified'],
  ['http://0.0.0.0:22/', 'unspecified'],
  ['http://0/', 'unspecified'],
  ['http://0x0/', 'unspecified'],
  ['http://[::]/', 'unspecified'],
  ['http://[::ffff:0.0.0.0]/', 'ipv4Mapped'],
  // RFC 1918, in every spelling
  ['http://10.0.0.1/', 'private'],
  ['http://10.255.255.255/', 'private'],
  ['http://172.16.0.1/', 'private'],
  ['http://172.31.255.254/', 'private'],
  ['http://192.168.0.1/', 'private'],
  ['http://192.168.1.1:8443/', 'private'],
  ['http://0xa000001/', 'private'],
  ['http://167772161/', 'private'],
  ['http://0300.0250.0.1/', 'private'],
  ['http://0xc0.0xa8.0x01.0x01/', 'private'],
  ['http://internal.test/', 'private'],
  ['http://mixed.test/', 'private'],
  // link-local and cloud metadata
  ['http://169.254.169.254/latest/meta-data/', 'metadata'],
  ['http://169.254.169.254/computeMetadata/v1/', 'metadata'],
  ['http://2852039166/', 'metadata'],
  ['http://0xa9fea9fe/', 'metadata'],
  ['http://0251.0376.0251.0376/', 'metadata'],
  ['http://169.254.170.2/v2/credentials', 'metadata'],
  ['http://[fd00:ec2::254]/', 'metadata'],
  ['http://100.100.100.200/latest/meta-data/', 'metadata'],
  ['http://metadata.google.internal/computeMetadata/v1/', 'metadata'],
  ['http://169.254.1.1/', 'linkLocal'],
  ['http://[fe80::1]/', 'linkLocal'],
  ['http://[fe80::a9fe:a9fe]/', 'linkLocal'],
  // IPv6 unique-local
  ['http://[fc00::1]/', 'uniqueLocal'],
  ['http://[fd12:3456:789a::1]/', 'uniqueLocal'],
  ['http://[fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff]/', 'uniqueLocal'],
  ['http://ula.test/', 'uniqueLocal'],
  // CGNAT, broadcast, multicast, documentation and reserved
  ['http://100.64.0.1/', 'carrierGradeNat'],
  ['http://255.255.255.255/', 'broadcast'],
  ['http://224.0.0.1/', 'multicast'],
  ['http://[ff02::1]/', 'multicast'],
  ['http://192.0.2.1/', 'reserved'],
  ['http://198.18.0.1/', 'reserved'],
  ['http://240.0.0.1/', 'reserved'],
  ['http://[2001:db8::1]/', 'reserved'],
  ['http://[0:0:1::1]/', 'reserved'],
  ['http://[100::1]/', 'discard'],
  // names that do not resolve, other protocols, credentials, junk
  ['http://nxdomain.test/', 'dns'],
  ['file:///etc/passwd', 'protocol'],
  ['gopher://127.0.0.1:6379/_INFO', 'protocol'],
  ['dict://127.0.0.1:11211/stats', 'protocol'],
  ['ftp://10.0.0.1/', 'protocol'],
  ['javascript:alert(1)', 'protocol'],
  ['data:text/plain,hi', 'protocol'],
  ['http://user:pass@example.com/', 'credentials'],
  ['http://admin@hooks.example.com/', 'credentials'],
  ['http://', 'url'],
  ['not a url', 'url'],
];

describe('SSRF corpus, guard fully on', () => {
  const guard = createEgressGuard({ policy: STRICT_POLICY, resolve: corpusResolver });

  it('has at least 60 URLs', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(60);
  });

  it.each(CORPUS)('%s → blocked (%s)', async (url, reason) => {
    const refusal = await guard.check(url).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(EgressBlockedError);
    const blocked = refusal as EgressBlockedError;
    expect(blocked.reason).toBe(reason);
    expect(blocked.message).toMatch(
      /blocked|Only http and https|user name or password|not valid|could not be resolved|no host/,
    );
    expect(blocked.details[0]).toMatchObject({ path: 'url', rule: 'egress' });
    // The request path refuses the same way, before any connection.
    await expect(guard.request({ url, timeoutMs: 1000 })).rejects.toBeInstanceOf(EgressBlockedError);
  });

  it('blocks the same names with the system resolver (localhost)', async () => {
    const system = createEgressGuard({ policy: STRICT_POLICY });
    await expect(system.check('http://localhost:9/')).rejects.toMatchObject({ reason: 'loopback' });
  });

  it('lets public addresses through the check stage (no connection is made)', async () => {
    for (const url of [
      'http://93.184.215.14/',
      'https://hooks.example.com/in?x=1',
      'http://[2606:4700:4700::1111]/',
      'https://example.com:8443/',
    ]) {
      const target = await guard.check(url);
      expect(target.url.href).toBe(new URL(url).href);
    }
  });
});

describe('redirects from an allowed server to blocked addresses', () => {
  let allowed: Server;
  let bystander: Server;
  let allowedPort = 0;
  let bystanderPort = 0;
  let bystanderHits = 0;

  const listen = async (server: Server): Promise<number> => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  };

  beforeAll(async () => {
    allowed = createServer((req, res) => {
      const target = new URL(req.url ?? '/', 'http://x').searchParams.get('to');
      if (target) res.writeHead(302, { location: target }).end();
      else res.end('allowed');
    });
    bystander = createServer((_req, res) => {
      bystanderHits += 1;
      res.end('secret');
    });
    allowedPort = await listen(allowed);
    bystanderPort = await listen(bystander);
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => allowed.close(() => resolve()));
    await new Promise<void>((resolve) => bystander.close(() => resolve()));
  });

  const targets = (): Array<[string, string]> => [
    [`http://127.0.0.1:${bystanderPort}/`, 'loopback'],
    [`http://localhost:${bystanderPort}/`, 'loopback'],
    [`http://2130706433:${bystanderPort}/`, 'loopback'],
    [`http://0x7f.1:${bystanderPort}/`, 'loopback'],
    [`http://[::1]:${bystanderPort}/`, 'loopback'],
    [`http://[::ffff:127.0.0.1]:${bystanderPort}/`, 'ipv4Mapped'],
    [`http://0.0.0.0:${bystanderPort}/`, 'unspecified'],
    ['http://169.254.169.254/latest/meta-data/', 'metadata'],
    ['http://10.0.0.1/', 'private'],
    ['http://[fd00::1]/', 'uniqueLocal'],
    ['file:///etc/passwd', 'protocol'],
  ];

  it('allows exactly the test server, then refuses every blocked redirect target', async () => {
    const guard = createEgressGuard({ policy: parseEgressAllow(`127.0.0.1:${allowedPort}`) });
    const direct = await guard.request({ url: `http://127.0.0.1:${allowedPort}/` });
    expect(direct.body).toBe('allowed');
    await expect(guard.check(`http://127.0.0.1:${bystanderPort}/`)).rejects.toMatchObject({ reason: 'loopback' });

    for (const [target, reason] of targets()) {
      const url = `http://127.0.0.1:${allowedPort}/?to=${encodeURIComponent(target)}`;
      await expect(guard.request({ url, method: 'POST', body: '{}' }), target).rejects.toMatchObject({
        name: 'EgressBlockedError',
        reason,
      });
    }
    // Two hops: allowed → allowed → blocked.
    const twoHops = `http://127.0.0.1:${allowedPort}/?to=${encodeURIComponent(`/?to=${encodeURIComponent(`http://127.0.0.1:${bystanderPort}/`)}`)}`;
    await expect(guard.request({ url: twoHops })).rejects.toMatchObject({ reason: 'loopback' });
    expect(bystanderHits).toBe(0);
  });
});
