import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addressDecision,
  blockedRange,
  createEgressGuard,
  parseEgressAllow,
  STRICT_POLICY,
  type HostResolver,
} from './index.js';

const publicResolver: HostResolver = async () => [{ address: '93.184.215.14', family: 4 }];

describe('address policy', () => {
  it('passes public unicast addresses and names the range of everything else', () => {
    expect(blockedRange('93.184.215.14')).toBeNull();
    expect(blockedRange('2606:4700:4700::1111')).toBeNull();
    expect(blockedRange('127.0.0.1')).toBe('loopback');
    expect(blockedRange('10.1.2.3')).toBe('private');
    expect(blockedRange('169.254.169.254')).toBe('metadata');
    expect(blockedRange('::ffff:7f00:1')).toBe('ipv4Mapped');
    expect(blockedRange('fd12::1')).toBe('uniqueLocal');
    expect(blockedRange('100.64.0.1')).toBe('carrierGradeNat');
  });

  it('opens only what the allowlist names, and never the metadata or mapped addresses', () => {
    const policy = parseEgressAllow('127.0.0.1:4000, 10.0.0.0/8, ::1');
    expect(addressDecision('127.0.0.1', 4000, policy)).toBeNull();
    expect(addressDecision('127.0.0.1', 4001, policy)).toBe('loopback');
    expect(addressDecision('10.200.0.1', 80, policy)).toBeNull();
    expect(addressDecision('::1', 80, policy)).toBeNull();
    expect(addressDecision('192.168.0.1', 80, policy)).toBe('private');
    expect(addressDecision('169.254.169.254', 80, parseEgressAllow('169.254.0.0/16'))).toBe('metadata');
    expect(addressDecision('::ffff:7f00:1', 80, parseEgressAllow('::/0'))).toBe('ipv4Mapped');
    expect(() => parseEgressAllow('not-an-address')).toThrow(/not-an-address/);
  });
});

describe('egress guard', () => {
  let server: Server;
  let port = 0;
  const seen: Array<{ url: string; method: string; host: string | undefined }> = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push({ url: req.url ?? '', method: req.method ?? '', host: req.headers.host });
      if (req.url === '/redirect-out') {
        res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      } else if (req.url === '/loop') {
        res.writeHead(307, { location: '/loop' }).end();
      } else if (req.url === '/big') {
        res.end('x'.repeat(10_000));
      } else if (req.url === '/see-other') {
        res.writeHead(303, { location: '/ok' }).end();
      } else {
        res.end('ok');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('refuses non-http protocols, credentials and blocked names before connecting', async () => {
    const guard = createEgressGuard({ policy: STRICT_POLICY, resolve: publicResolver });
    await expect(guard.check('ftp://example.com/')).rejects.toMatchObject({ reason: 'protocol' });
    await expect(guard.check('https://user:pw@example.com/')).rejects.toMatchObject({ reason: 'credentials' });
    await expect(guard.check('http://2130706433/')).rejects.toMatchObject({ reason: 'loopback' });
    const target = await guard.check('https://hooks.example.com/in');
    expect(target.address).toEqual({ address: '93.184.215.14', family: 4 });
    expect(target.port).toBe(443);
  });

  it('blocks a host name when any of its addresses is blocked', async () => {
    const mixed: HostResolver = async () => [
      { address: '93.184.215.14', family: 4 },
      { address: '10.0.0.5', family: 4 },
    ];
    const guard = createEgressGuard({ policy: STRICT_POLICY, resolve: mixed });
    await expect(guard.check('http://rebind.example/')).rejects.toThrow(
      /private network address are blocked \(rebind\.example resolves to 10\.0\.0\.5\)/,
    );
  });

  it('connects to the checked address, not to what the name resolves to later', async () => {
    let calls = 0;
    // First answer (the check) is the allowed test server; any later lookup would say 10.0.0.1.
    const rebinding: HostResolver = async () => {
      calls += 1;
      return [{ address: calls === 1 ? '127.0.0.1' : '10.0.0.1', family: 4 }];
    };
    const guard = createEgressGuard({ policy: parseEgressAllow(`127.0.0.1:${port}`), resolve: rebinding });
    const response = await guard.request({ url: `http://receiver.test:${port}/hello` });
    expect(response).toMatchObject({ status: 200, body: 'ok', address: '127.0.0.1' });
    expect(calls).toBe(1);
    expect(seen.at(-1)).toEqual({ url: '/hello', method: 'GET', host: `receiver.test:${port}` });
  });

  it('checks every redirect again and stops after five', async () => {
    const guard = createEgressGuard({ policy: parseEgressAllow(`127.0.0.1:${port}`) });
    await expect(guard.request({ url: `http://127.0.0.1:${port}/redirect-out` })).rejects.toMatchObject({
      reason: 'metadata',
    });
    await expect(guard.request({ url: `http://127.0.0.1:${port}/loop` })).rejects.toThrow(/More than 5 redirects/);
    const seeOther = await guard.request({ url: `http://127.0.0.1:${port}/see-other`, method: 'POST', body: '{}' });
    expect(seeOther.redirects).toEqual([`http://127.0.0.1:${port}/ok`]);
    expect(seen.at(-1)?.method).toBe('GET');
  });

  it('keeps at most maxResponseBytes of the body', async () => {
    const guard = createEgressGuard({ policy: parseEgressAllow(`127.0.0.1:${port}`) });
    const response = await guard.request({ url: `http://127.0.0.1:${port}/big`, maxResponseBytes: 100 });
    expect(response.body).toHaveLength(100);
    expect(response.truncated).toBe(true);
  });

  it('reports a refused connection as a request error', async () => {
    const guard = createEgressGuard({ policy: parseEgressAllow('127.0.0.1') });
    await expect(guard.request({ url: 'http://127.0.0.1:1/' })).rejects.toMatchObject({
      name: 'EgressRequestError',
      kind: 'network',
    });
  });
});
