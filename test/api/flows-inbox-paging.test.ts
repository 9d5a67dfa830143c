/**
 * Paging a flow inbox box (GET /api/flow-inbox/todo) when several tasks were created in the same
 * millisecond: following nextCursor two at a time returns every task exactly once, newest first
 * (ties by id), including tasks with the long ids that add-signer chains produce.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLOW_TASKS, type FlowTaskDoc } from '@formloom/engine';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { injectCall, type Call } from './records-fixtures.js';

let t: TestApp;
let admin: Call;

const SAME = '2026-11-23T10:00:00.000Z';
/** An add-signer chain's id (the activation, one suffix per signer added): its cursor is over 300 characters. */
const LONG = `inst-${'x'.repeat(40)}:approve:0:${'y'.repeat(20)}${':a1'.repeat(35)}`;
/** Newest first, ties by id descending ('inst-…' sorts below 'task-…'). */
const ROWS = [
  { id: 'task-z', createdAt: '2026-11-23T11:00:00.000Z' },
  ...['task-d', 'task-c', 'task-b', 'task-a', LONG].map((id) => ({ id, createdAt: SAME })),
  { id: 'task-0', createdAt: '2026-11-23T09:00:00.000Z' },
];

function task(id: string, createdAt: string, assigneeId: string): FlowTaskDoc {
  return {
    _id: id,
    instanceId: `inst-${id.slice(0, 20)}`,
    flowId: 'flow-1',
    flowName: 'Purchase',
    appId: 'app-1',
    formId: null,
    recordId: null,
    title: `Purchase · ${id.slice(0, 10)}`,
    initiatorId: null,
    nodeId: 'approve',
    nodeLabel: null,
    nodeKind: 'approval',
    tokenId: 'token-1',
    activation: 'act-1',
    kind: 'approval',
    assigneeId,
    status: 'pending',
    origin: 'rule',
    order: 0,
    blockedBy: null,
    auto: null,
    comment: null,
    signatureFileId: null,
    createdAt,
    actedAt: null,
    actedBy: null,
    readAt: null,
    fieldPermissions: {},
    dueAt: null,
    remindCount: 0,
    lastUrgedAt: null,
  };
}

beforeAll(async () => {
  t = await createTestApp();
  admin = injectCall(t.app, t.adminToken);
  const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: t.auth(t.adminToken) });
  const userId = String((me.json() as { user: { id: string } }).user.id);
  for (const row of ROWS)
    await t.store.collection<FlowTaskDoc>(FLOW_TASKS).insertOne(task(row.id, row.createdAt, userId));
});

afterAll(async () => {
  await t?.close();
});

describe('flow inbox paging with tasks sharing one createdAt', () => {
  it('returns every task exactly once, two at a time, newest first', async () => {
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const answer = await admin(
        'GET',
        `/api/flow-inbox/todo?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      ids.push(...(answer.body.items ?? []).map((item) => String(item.id)));
      cursor = answer.body.nextCursor ?? null;
      pages += 1;
    } while (cursor !== null && pages < 20);
    expect(ids).toEqual(ROWS.map((r) => r.id));
    expect(pages).toBe(4);
  });

  it('refuses a cursor of another box (another time field) with 400 naming cursor', async () => {
    const first = await admin('GET', '/api/flow-inbox/todo?limit=1');
    const answer = await admin('GET', `/api/flow-inbox/done?cursor=${String(first.body.nextCursor)}`);
    expect(answer.status).toBe(400);
    expect(answer.body.error?.details).toEqual([expect.objectContaining({ path: 'cursor', rule: 'cursor' })]);
  });
});
