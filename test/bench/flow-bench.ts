import type { JobQueue, NotificationRequest } from '@formloom/model';
import { createBullmqQueue } from '../../platform/src/adapters/queue/index.js';
import { graph, openFlowEngine, user, users, type FlowEngine } from '../engine/flow-fixture.js';
import { startRedis } from '../support/redis-server.js';

type Report = (name: string, value: number, unit: string) => void;

const seconds = (since: number) => (performance.now() - since) / 1000;
/** Jobs processed at once, the same for the raw BullMQ worker and the flow-steps worker (a fair comparison). */
const WORKER_CONCURRENCY = Number(process.env.BENCH_FLOW_CONCURRENCY ?? 16);

/** Raw BullMQ: N no-op jobs added and processed on this Redis (a queue of its own), jobs/s. */
async function rawBullmq(redisUrl: string, prefix: string, count: number): Promise<number> {
  const queue = await createBullmqQueue({ url: redisUrl, prefix });
  try {
    return await rawBullmqOn(queue, count);
  } finally {
    await queue.close(2000);
  }
}

async function rawBullmqOn(queue: JobQueue, count: number): Promise<number> {
  let done = 0;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  await queue.process(
    'bench-noop',
    async () => {
      done += 1;
      if (done === count) finish();
    },
    { concurrency: WORKER_CONCURRENCY },
  );
  const started = performance.now();
  const adders = 16;
  let next = 0;
  await Promise.all(
    Array.from({ length: adders }, async () => {
      while (next < count) {
        const i = next++;
        await queue.add('bench-noop', 'noop', { i }, { jobId: `noop:${i}` });
      }
    }),
  );
  await finished;
  return count / seconds(started);
}

const approvalFlow = (second: boolean) =>
  graph(
    'process',
    'purchase',
    [
      ['start', 'start'],
      ['a1', 'approval', { assignees: users('mia'), mode: 'any' }],
      ...(second
        ? [['a2', 'approval', { assignees: users('dan'), mode: 'any' }] as [string, string, Record<string, unknown>]]
        : []),
      ['end', 'end', { result: 'approved' }],
    ],
    second
      ? [
          ['start', 'a1'],
          ['a1', 'a2'],
          ['a2', 'end'],
        ]
      : [
          ['start', 'a1'],
          ['a1', 'end'],
        ],
  );

/** Waits (polling every 100 ms, so the wait costs the store little) for `count` instances of the flow to reach `status`. */
async function allInStatus(fx: FlowEngine, flowId: string, status: string, count: number): Promise<void> {
  const deadline = Date.now() + 300_000;
  while ((await fx.store.collection('flow_instances').countDocuments({ flowId, status })) !== count) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${count} ${status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The flow engine on BullMQ (real redis-server) and the embedded store:
 * - approval step transitions/s: N instances wait at an approval; all are approved at once (16
 *   callers); each approval is two transitions (the task decision, then the end step run as a
 *   queue job), counted from the first approval until every instance ended;
 * - raw BullMQ no-op jobs/s on the same Redis, measured right before and right after the flow
 *   run (the shared machine's load drifts within seconds), and the ratio to their mean;
 * - the CPU time of this process per transition (less sensitive to the machine's load);
 * - the latency from an approval to the next approver's task being stored (its notification
 *   goes out after the commit), p50/p95 over sequential samples.
 */
export async function benchFlows(report: Report): Promise<void> {
  const redis = await startRedis();
  let fx: FlowEngine | null = null;
  try {
    const rawBefore = await rawBullmq(redis.url, 'bench-raw-1', 3000);

    fx = await openFlowEngine({
      queue: await createBullmqQueue({ url: redis.url, prefix: 'bench-flows' }),
      concurrency: WORKER_CONCURRENCY,
    });
    const engine = fx;

    // Throughput: instances waiting at an approval, approved all at once.
    engine.flows.publish('tp', 'Throughput', approvalFlow(false));
    const count = 1000;
    let nextCreate = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (nextCreate < count) {
          const i = nextCreate++;
          await engine.records.create(engine.ctx('purchase', user('ann')), { f_title: `bench ${i}`, f_amount: i });
        }
      }),
    );
    await allInStatus(engine, 'tp', 'running', count);
    const tasksReady = async () =>
      (await engine.store.collection('flow_tasks').countDocuments({ assigneeId: 'mia', status: 'pending' })) === count;
    while (!(await tasksReady())) await new Promise((resolve) => setTimeout(resolve, 100));
    const tasks = await engine.store
      .collection<{ _id: string }>('flow_tasks')
      .find({ assigneeId: 'mia', status: 'pending' }, { projection: { _id: 1 } });
    const started = performance.now();
    const cpuFrom = process.cpuUsage();
    const profileFrom = process.hrtime.bigint() / 1000n;
    let nextTask = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (nextTask < tasks.length) {
          const task = tasks[nextTask++];
          await engine.runtime.act(user('mia'), task._id, { action: 'approve' });
        }
      }),
    );
    await allInStatus(engine, 'tp', 'approved', count);
    // With BENCH_PROF: the throughput phase in the CPU profile's clock (µs), for reading the profile.
    if (process.env.BENCH_PROF) console.log(`[bench] profile window ${profileFrom} ${process.hrtime.bigint() / 1000n}`);
    const transitionRate = (2 * count) / seconds(started);
    const cpu = process.cpuUsage(cpuFrom);
    const rawAfter = await rawBullmq(redis.url, 'bench-raw-2', 3000);
    const rawRate = (rawBefore + rawAfter) / 2;
    report(
      `raw BullMQ no-op jobs (same Redis, concurrency ${WORKER_CONCURRENCY}; before/after the flows)`,
      rawRate,
      `jobs/s (${Math.round(rawBefore)} / ${Math.round(rawAfter)})`,
    );
    report('flow approval step transitions (BullMQ + embedded store)', transitionRate, 'transitions/s (goal >= 500)');
    report('ratio: flow transitions / raw BullMQ no-op jobs', transitionRate / rawRate, 'x (goal >= 0.3)');
    report('flow CPU per approval step transition (this process)', (cpu.user + cpu.system) / (2 * count), 'µs');

    // Latency: approval → the next approver's task, one instance at a time.
    engine.flows.disable('tp');
    engine.flows.publish('lat', 'Latency', approvalFlow(true));
    let waiting: { instanceId: string; resolve: () => void } | null = null;
    const notify = engine.notifier.notify.bind(engine.notifier);
    engine.notifier.notify = async (request: NotificationRequest) => {
      if (
        waiting &&
        request.category === 'task' &&
        request.recipientIds[0] === 'dan' &&
        request.idempotencyKey.includes(waiting.instanceId)
      )
        waiting.resolve();
      return notify(request);
    };
    const samples: number[] = [];
    for (let i = 0; i < 200; i += 1) {
      const rec = await engine.records.create(engine.ctx('purchase', user('ann')), { f_title: `lat ${i}` });
      const inst = await engine.until('the instance', async () =>
        engine.store.collection<{ _id: string }>('flow_instances').findOne({ flowId: 'lat', recordId: rec.id }),
      );
      const task = await engine.pendingTask(inst._id, 'mia');
      const appeared = new Promise<void>((resolve) => (waiting = { instanceId: inst._id, resolve }));
      const t0 = performance.now();
      await engine.runtime.act(user('mia'), task._id, { action: 'approve' });
      await appeared;
      samples.push(performance.now() - t0);
      waiting = null;
    }
    samples.sort((a, b) => a - b);
    report('approval → next task p50 (BullMQ + embedded store)', samples[Math.floor(samples.length * 0.5)], 'ms');
    report(
      'approval → next task p95 (BullMQ + embedded store)',
      samples[Math.floor(samples.length * 0.95)],
      'ms (goal <= 100)',
    );
  } finally {
    await fx?.close();
    await redis.stop();
  }
}
