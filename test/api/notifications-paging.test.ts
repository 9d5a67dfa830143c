/**
 * Paging the webhook delivery log and the mail outbox: rows written in the same millisecond
 * straddle page boundaries, and "load more" with the answer's nextCursor still returns every
 * row exactly once, newest first (ties by id). A cursor that is not one of ours is a 400 on
 * `cursor`; the older `before=<time>` keeps working for callers that still send it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAIL_OUTBOX, WEBHOOK_DELIVERIES, type MailDoc, type WebhookDeliveryDoc } from '@formloom/platform';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { injectCall, type Call } from './records-fixtures.js';

let t: TestApp;
let admin: Call;
let flowId: string;

const SAME = '2026-11-23T10:00:00.000Z';
const EARLIER = '2026-11-23T09:00:00.000Z';
const LATER = '2026-11-23T11:00:00.000Z';
/** Five rows sharing one createdAt, one newer, one older: newest first, ties by id descending. */
const ROWS = [
  { id: 'row-z', createdAt: LATER },
  ...['row-e', 'row-d', 'row-c', 'row-b', 'row-a'].map((id) => ({ id, createdAt: SAME })),
  { id: 'row-0', createdAt: EARLIER },
];

function delivery(id: string, createdAt: string): WebhookDeliveryDoc {
  return {
    _id: id,
    idempotencyKey: `key-${id}`,
    flowId,
    instanceId: 'inst-1',
    nodeId: 'hook',
    url: 'https://hooks.example.com/in',
    headers: {},
    body: '{}',
    status: 'delivered',
    attempts: [],
    maxAttempts: 3,
    lastError: null,
    createdAt,
    updatedAt: createdAt,
    deliveredAt: createdAt,
  };
}

function mail(id: string, createdAt: string): MailDoc {
  return {
    _id: id,
    idempotencyKey: `key-${id}`,
    userId: 'user-1',
    to: 'someone@example.com',
    from: 'formloom@example.com',
    subject: `Mail ${id}`,
    text: 'Hello',
    html: '<p>Hello</p>',
    category: 'task',
    createdAt,
    status: 'outbox',
    attempts: 0,
    lastError: null,
    sentAt: null,
  };
}

beforeAll(async () => {
  t = await createTestApp();
  admin = injectCall(t.app, t.adminToken);
  const created = await admin('POST', '/api/apps', { name: 'Paging' });
  const flow = await admin('POST', `/api/apps/${String(created.body.id)}/flows`, { name: 'Hooks', mode: 'automation' });
  expect(flow.status, JSON.stringify(flow.body)).toBe(201);
  flowId = String(flow.body.id);
  for (const row of ROWS) {
    await t.store.collection<WebhookDeliveryDoc>(WEBHOOK_DELIVERIES).insertOne(delivery(row.id, row.createdAt));
    await t.store.collection<MailDoc>(MAIL_OUTBOX).insertOne(mail(row.id, row.createdAt));
  }
});

afterAll(async () => {
  await t?.close();
});

/** Follows nextCursor from the first page to the last; returns the ids in the order they came. */
async function everyPage(path: string): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const answer = await admin('GET', `${path}?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    ids.push(...(answer.body.items ?? []).map((item) => String(item.id)));
    cursor = answer.body.nextCursor ?? null;
    pages += 1;
  } while (cursor !== null && pages < 20);
  return { ids, pages };
}

const lists = () => [
  { name: 'webhook delivery log', path: `/api/flows/${flowId}/webhook-deliveries` },
  { name: 'mail outbox', path: '/api/admin/mail-outbox' },
];

describe('newest-first paging with same-millisecond rows', () => {
  it('returns every delivery and every mail exactly once, two at a time', async () => {
    for (const { name, path } of lists()) {
      const { ids, pages } = await everyPage(path);
      expect(ids, name).toEqual(ROWS.map((r) => r.id));
      expect(pages, name).toBe(4);
    }
  });

  it('answers a cursor that is not a nextCursor with 400 naming cursor', async () => {
    for (const { name, path } of lists()) {
      for (const bad of ['not-a-cursor', Buffer.from('{"s":"createdAt:1","v":[1,"x"]}').toString('base64url')]) {
        const answer = await admin('GET', `${path}?cursor=${bad}`);
        expect(answer.status, name).toBe(400);
        expect(answer.body.error?.details).toEqual([expect.objectContaining({ path: 'cursor', rule: 'cursor' })]);
      }
    }
  });

  it('still takes before=<time>: rows created strictly earlier', async () => {
    for (const { name, path } of lists()) {
      const answer = await admin('GET', `${path}?before=${encodeURIComponent(SAME)}`);
      expect(answer.status, name).toBe(200);
      expect(
        (answer.body.items ?? []).map((item) => item.id),
        name,
      ).toEqual(['row-0']);
    }
  });
});
