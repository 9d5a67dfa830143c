import { describe, expect, it } from 'vitest';
import { lastStatusCode, maskSecret, readableBody, urlHost } from './webhook-format';
import type { WebhookDelivery } from './webhooks-api';

describe('webhook screens: what they show', () => {
  it('a masked secret keeps only its prefix and four characters', () => {
    const secret = 'whsec_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abc';
    const masked = maskSecret(secret);
    expect(masked.startsWith('whsec_AbCd')).toBe(true);
    expect(masked).not.toContain('EfGh');
    expect(masked).toMatch(/•{24}$/);
    expect(maskSecret('short')).toBe(`shor${'•'.repeat(24)}`);
  });

  it('the receiver column names the host and port, never the path or query (tokens live there)', () => {
    expect(urlHost('https://hooks.example.com:8443/in?token=s3cret')).toBe('hooks.example.com:8443');
    expect(urlHost('http://user:pw@10.0.0.1/x')).toBe('10.0.0.1');
    expect(urlHost('not a url')).toBe('not a url');
  });

  it('the response column is the latest try’s status; none when no answer came', () => {
    const delivery = (codes: Array<number | null>) =>
      ({
        attempts: codes.map((statusCode, i) => ({
          attempt: i + 1,
          at: '',
          statusCode,
          error: null,
          durationMs: 1,
          response: null,
        })),
      }) as unknown as WebhookDelivery;
    expect(lastStatusCode(delivery([500, 200]))).toBe(200);
    expect(lastStatusCode(delivery([500, null]))).toBeNull();
    expect(lastStatusCode(delivery([]))).toBeNull();
  });

  it('a JSON body is indented for reading; other text is left as it is', () => {
    expect(readableBody('{"a":1,"b":[2]}')).toBe('{\n  "a": 1,\n  "b": [\n    2\n  ]\n}');
    expect(readableBody('<b>not json</b>')).toBe('<b>not json</b>');
  });
});
