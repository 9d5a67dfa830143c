/** How the webhook screens show deliveries and secrets (pure, unit-tested). */
import type { WebhookDelivery } from './webhooks-api';

/** The receiver's host (and port) of a delivery URL, or the URL itself when it does not parse. */
export function urlHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** The answer of the latest try: its HTTP status, or null when none came. */
export function lastStatusCode(delivery: WebhookDelivery): number | null {
  return delivery.attempts.at(-1)?.statusCode ?? null;
}

/** A JSON body indented for reading; other text as it is. */
export function readableBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/** Shows the secret's prefix and hides the rest: `whsec_AbCd••••••••`. */
export function maskSecret(secret: string): string {
  const prefix = secret.startsWith('whsec_') ? 'whsec_' : '';
  return `${secret.slice(0, prefix.length + 4)}${'•'.repeat(24)}`;
}
