/**
 * Faults of the flow runtime in-process: Redis stopped across timer due times (BullMQ, Redis
 * with an append-only file) and a new version published while 100 instances run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import {
  builtinNodeHandlers,
  createFlowRuntime,
  createNodeHandlerRegistry,
  type FlowInstanceDoc,
  type FlowJournalDoc,
  type FlowTimerDoc,
} from '@formloom/engine';
import { memoryOrgDirectory } from '@formloom/engine/flows/assignees/memory-org-directory';
import type { JobQueue } from '@formloom/model';
import { createBullmqQueue } from '../../platform/src/adapters/queue/index.js';
import { flowGraph, openFlowsWorld, until, type FlowsWorld } from '../api/flows-fixtures.js';
import { graph, openFlowEngine, ORG, type FlowEngine } from '../engine/flow-fixture.js';
import type { ApiBody } from '../api/records-fixtures.js';
import { startRedis, type RedisServer } from '../support/redis-server.js';

const users = (...userIds: string[]) => ({ rules: [{ type: 'users', userIds }], whenEmpty: 'error' });

describe('Redis stopped across timer due times', () => {
  const dir = mkdtempSync(join(tmpdir(), 'formloom-redis-aof-'));
  let redis: RedisServer | null = null;
  let world: FlowsWorld | null = null;
  afterAll(async () => {
    await world?.close().catch(() => undefined);
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('every timer fires exactly once after Redis returns', async () => {
    redis = await startRedis({ persistDir: dir });
    const port = redis.port;
    world = await openFlowsWorld({ queue: await createBullmqQueue({ url: redis.url, prefix: 'faults' }) });
    const w = world;
    await w.publishFlow(
      'Wait a second',
      flowGraph(
        'process',
        w.forms.purchase,
        [
          ['start', 'start'],
          ['wait', 'delay', { durationMs: 1500 }],
          ['end', 'end', { result: 'ended' }],
        ],
        [
          ['start', 'wait'],
          ['wait', 'end'],
        ],
      ),
    );
    const COUNT = 20;
    for (let i = 0; i < COUNT; i += 1) {
      const res = await w.admin('POST', `/api/forms/${w.forms.purchase}/records`, { data: { f_title: `t${i}` } });
      expect(res.status).toBe(201);
    }
    const timers = w.t.store.collection<FlowTimerDoc>('flow_timers');
    await until(
      'every instance waiting on its timer',
      async () => (await timers.countDocuments({ status: 'pending' })) === COUNT,
    );

    // Redis goes away before the timers are due and comes back after.
    await redis.stop();
    await sleep(2500);
    expect(await timers.countDocuments({ status: 'pending' })).toBe(COUNT);
    redis = await startRedis({ persistDir: dir, port });

    const instances = w.t.store.collection<FlowInstanceDoc>('flow_instances');
    await until('every instance ended', async () => (await instances.countDocuments({ status: 'ended' })) === COUNT);
    expect(await timers.countDocuments({ status: 'fired' })).toBe(COUNT);
    const journal = w.t.store.collection<FlowJournalDoc>('flow_journal');
    const fired = await journal.find({ type: 'timer' });
    expect(fired).toHaveLength(COUNT);
    expect(new Set(fired.map((j) => j.instanceId)).size).toBe(COUNT);
  }, 60_000);
});

describe('publishing a new version while 100 instances run', () => {
  let world: FlowsWorld | null = null;
  afterAll(async () => {
    await world?.close();
  });

  it('none of them changes path; new instances take the new version', async () => {
    world = await openFlowsWorld();
    const w = world;
    const v1 = flowGraph(
      'process',
      w.forms.purchase,
      [
        ['start', 'start'],
        ['mgr', 'approval', { label: 'Manager', assignees: users(w.ids.mia), mode: 'any' }],
        ['end', 'end', { result: 'approved' }],
      ],
      [
        ['start', 'mgr'],
        ['mgr', 'end'],
      ],
    );
    const flowId = await w.publishFlow('Purchase', v1);
    const COUNT = 100;
    await Promise.all(
      Array.from({ length: COUNT }, (_, i) =>
        w.as.ann('POST', `/api/forms/${w.forms.purchase}/records`, { data: { f_title: `r${i}` } }),
      ),
    );
    await until('100 tasks', async () => (await w.as.mia('GET', '/api/flow-inbox/counts')).body.todo === COUNT);

    const v2 = flowGraph(
      'process',
      w.forms.purchase,
      [
        ['start', 'start'],
        ['mgr', 'approval', { label: 'Manager', assignees: users(w.ids.mia), mode: 'any' }],
        ['dir', 'approval', { label: 'Director', assignees: users(w.ids.dan), mode: 'any' }],
        ['end', 'end', { result: 'approved' }],
      ],
      [
        ['start', 'mgr'],
        ['mgr', 'dir'],
        ['dir', 'end'],
      ],
    );
    const flow = await w.admin('GET', `/api/flows/${flowId}`);
    const saved = await w.admin('PUT', `/api/flows/${flowId}/draft`, {
      definition: v2,
      baseRevision: flow.body.draftRevision,
    });
    expect(saved.status).toBe(200);
    expect((await w.admin('POST', `/api/flows/${flowId}/publish`, {})).status).toBe(201);

    const todo: ApiBody[] = [];
    let cursor: string | null = null;
    do {
      const page = await w.as.mia('GET', `/api/flow-inbox/todo?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      todo.push(...(page.body.items ?? []));
      cursor = page.body.nextCursor ?? null;
    } while (cursor);
    expect(todo).toHaveLength(COUNT);
    const approved = await w.as.mia('POST', '/api/flow-tasks/batch-approve', { taskIds: todo.map((t) => t.id) });
    expect((approved.body.results as ApiBody[]).every((r) => r.ok)).toBe(true);

    const instances = w.t.store.collection<FlowInstanceDoc>('flow_instances');
    await until('all approved', async () => (await instances.countDocuments({ flowId, status: 'approved' })) === COUNT);
    expect(await instances.countDocuments({ flowId, flowVersion: 1 })).toBe(COUNT);
    expect((await w.as.dan('GET', '/api/flow-inbox/counts')).body.todo).toBe(0);

    await w.as.ann('POST', `/api/forms/${w.forms.purchase}/records`, { data: { f_title: 'after' } });
    const fresh = await until('the v2 instance', async () => instances.findOne({ flowId, flowVersion: 2 }));
    const task = await until('mia’s v2 task', async () => {
      const page = await w.as.mia('GET', '/api/flow-inbox/todo');
      return page.body.items?.find((i) => i.instanceId === fresh._id);
    });
    await w.as.mia('POST', `/api/flow-tasks/${String(task.id)}/actions`, { action: 'approve' });
    await until('the director’s task', async () => (await w.as.dan('GET', '/api/flow-inbox/counts')).body.todo === 1);
  }, 120_000);
});

describe('two workers on one Redis', () => {
  let redis: RedisServer | null = null;
  let fx: FlowEngine | null = null;
  let second: JobQueue | null = null;
  afterAll(async () => {
    await second?.close(2000);
    await fx?.close();
    await redis?.stop();
  });

  it('share the steps of parallel branches and apply each exactly once', async () => {
    redis = await startRedis();
    fx = await openFlowEngine({ queue: await createBullmqQueue({ url: redis.url, prefix: 'two-workers' }) });
    const engine = fx;
    // A second runtime on another connection: a second worker process, as far as the queue can tell.
    second = await createBullmqQueue({ url: redis.url, prefix: 'two-workers' });
    let otherRuns = 0;
    const counted = createNodeHandlerRegistry(
      builtinNodeHandlers.map((h) => ({
        kind: h.kind,
        execute: (execution: Parameters<typeof h.execute>[0]) => {
          otherRuns += 1;
          return h.execute(execution);
        },
      })),
    );
    const other = createFlowRuntime({
      handlers: counted,
      store: engine.store,
      queue: second,
      records: engine.records,
      forms: engine.forms,
      flows: engine.flows,
      org: memoryOrgDirectory(ORG),
      notifier: () => engine.notifier,
    });
    await other.startWorkers();

    const create = (prefix: string) => ({
      formId: 'followup',
      fieldMap: { f_subject: { from: 'formula', formula: `CONCATENATE("${prefix}", {f_title})` } },
    });
    engine.flows.publish(
      'fan',
      'Fan out',
      graph(
        'process',
        'purchase',
        [
          ['start', 'start'],
          ['split', 'parallel'],
          ['a', 'create_record', create('A:')],
          ['b', 'create_record', create('B:')],
          ['c', 'create_record', create('C:')],
          ['join', 'join'],
          ['end', 'end', { result: 'ended' }],
        ],
        [
          ['start', 'split'],
          ['split', 'a'],
          ['split', 'b'],
          ['split', 'c'],
          ['a', 'join'],
          ['b', 'join'],
          ['c', 'join'],
          ['join', 'end'],
        ],
      ),
    );
    const COUNT = 40;
    await Promise.all(
      Array.from({ length: COUNT }, (_, i) => engine.records.create(engine.ctx('purchase'), { f_title: `p${i}` })),
    );
    const instances = engine.store.collection<FlowInstanceDoc>('flow_instances');
    await engine.until(
      'every instance ended',
      async () => (await instances.countDocuments({ status: 'ended' })) === COUNT,
      60_000,
    );
    // start, split, 3 branches, 3 join arrivals, end.
    expect(await engine.store.collection('flow_steps').countDocuments({})).toBe(COUNT * 9);
    const subjects = (await engine.store.collection('rec_followup').find({})).map((r) => String(r.f_subject)).sort();
    expect(subjects).toEqual(
      Array.from({ length: COUNT }, (_, i) => [`A:p${i}`, `B:p${i}`, `C:p${i}`])
        .flat()
        .sort(),
    );
    const steps = await engine.store
      .collection<FlowJournalDoc>('flow_journal')
      .find({ type: 'step', stepId: { $ne: null } });
    expect(new Set(steps.map((j) => j.stepId)).size).toBe(steps.length);
    // Both workers took part.
    expect(otherRuns).toBeGreaterThan(0);
    expect(otherRuns).toBeLessThan(COUNT * 9);
  }, 120_000);
});
