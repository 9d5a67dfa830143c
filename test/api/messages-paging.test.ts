/**
 * Paging the bell (GET /api/messages): several messages share one `at` at page boundaries, and
 * following the answer's nextCursor two at a time still returns every message exactly once,
 * newest first (ties by id). Filters hold on every page; a cursor that is not one of ours is a
 * 400 on `cursor`; the older `before=<time>` keeps working.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES, type MessageDoc } from '@formloom/platform';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { injectCall, type Call } from './records-fixtures.js';

let t: TestApp;
let admin: Call;

const SAME = '2026-11-23T10:00:00.000Z';
const EARLIER = '2026-11-23T09:00:00.000Z';
const LATER = '2026-11-23T11:00:00.000Z';
/** Five messages at one instant, one newer, one older: newest first, ties by id descending. */
const ROWS = [
  { id: 'msg-z', at: LATER },
  ...['msg-e', 'msg-d', 'msg-c', 'msg-b', 'msg-a'].map((id) => ({ id, at: SAME })),
  { id: 'msg-0', at: EARLIER },
];
/** Read ones: left out by unread=1. */
const READ = new Set(['msg-d', 'msg-a']);

function message(id: string, at: string, userId: string): MessageDoc {
  return {
    _id: id,
    kind: 'notification',
    userId,
    category: 'task',
    title: `Message ${id}`,
    body: 'Hello',
    link: null,
    idempotencyKey: `key-${id}`,
    at,
    readAt: READ.has(id) ? LATER : null,
  };
}

beforeAll(async () => {
  t = await createTestApp();
  admin = injectCall(t.app, t.adminToken);
  const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: t.auth(t.adminToken) });
  const userId = String((me.json() as { user: { id: string } }).user.id);
  const messages = t.store.collection<MessageDoc>(MESSAGES);
  for (const row of ROWS) await messages.insertOne(message(row.id, row.at, userId));
  // Someone else's message at the same instant never shows up in the admin's pages.
  await messages.insertOne(message('msg-other', SAME, 'someone-else'));
});

afterAll(async () => {
  await t?.close();
});

/** Follows nextCursor from the first page to the last; returns the ids in the order they came. */
async function everyPage(query: string): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const answer = await admin(
      'GET',
      `/api/messages?limit=2${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    ids.push(...(answer.body.items ?? []).map((item) => String(item.id)));
    cursor = answer.body.nextCursor ?? null;
    pages += 1;
  } while (cursor !== null && pages < 20);
  return { ids, pages };
}

describe('paging the bell with messages sharing one time', () => {
  it('returns every message exactly once, two at a time, newest first', async () => {
    const { ids, pages } = await everyPage('');
    expect(ids).toEqual(ROWS.map((r) => r.id));
    expect(pages).toBe(4);
  });

  it('keeps the unread filter on every page', async () => {
    const { ids } = await everyPage('&unread=1');
    expect(ids).toEqual(ROWS.map((r) => r.id).filter((id) => !READ.has(id)));
  });

  it('answers a cursor that is not a nextCursor with 400 naming cursor', async () => {
    const deliveryCursor = Buffer.from(JSON.stringify({ s: 'createdAt:-1,_id:-1', v: [SAME, 'msg-c'] })).toString(
      'base64url',
    );
    for (const bad of ['not-a-cursor', deliveryCursor]) {
      const answer = await admin('GET', `/api/messages?cursor=${bad}`);
      expect(answer.status).toBe(400);
      expect(answer.body.error?.details).toEqual([expect.objectContaining({ path: 'cursor', rule: 'cursor' })]);
    }
  });

  it('still takes before=<time>: messages strictly earlier', async () => {
    const answer = await admin('GET', `/api/messages?before=${encodeURIComponent(SAME)}`);
    expect(answer.status).toBe(200);
    expect((answer.body.items ?? []).map((item) => item.id)).toEqual(['msg-0']);
    expect(answer.body.nextCursor).toBeNull();
  });
});
