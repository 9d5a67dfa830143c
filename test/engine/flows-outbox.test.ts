import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NotificationRequest } from '@formloom/model';
import { afterEach, describe, expect, it } from 'vitest';
import { graph, openFlowEngine, user, users, type FlowEngine } from './flow-fixture.js';

/** start → approval by mia → end: mia's new task is the message under test. */
const approvalFlow = () =>
  graph(
    'process',
    'purchase',
    [
      ['start', 'start'],
      ['a1', 'approval', { assignees: users('mia'), mode: 'any' }],
      ['end', 'end', { result: 'approved' }],
    ],
    [
      ['start', 'a1'],
      ['a1', 'end'],
    ],
  );

const outboxCount = (fx: FlowEngine) => fx.store.collection('flow_outbox').countDocuments({});

/** Counts the Notifier calls that went through for mia's task message. */
function countTaskMessages(
  fx: FlowEngine,
  behaviour: (n: number) => 'fail' | 'hang' | 'send',
): { calls: number; sent: number } {
  const seen = { calls: 0, sent: 0 };
  const notify = fx.notifier.notify.bind(fx.notifier);
  fx.notifier.notify = async (request: NotificationRequest) => {
    if (request.category !== 'task' || request.recipientIds[0] !== 'mia') return notify(request);
    seen.calls += 1;
    const what = behaviour(seen.calls);
    if (what === 'fail') throw new Error('mail server down');
    if (what === 'hang') return new Promise<void>(() => undefined); // the process "dies" mid-send
    seen.sent += 1;
    return notify(request);
  };
  return seen;
}

describe('flow messages are durable (flow_outbox)', () => {
  const open: FlowEngine[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const fx of open.splice(0)) await fx.close();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('a message whose send failed after the commit is delivered once by the sweep', async () => {
    const fx = await openFlowEngine();
    open.push(fx);
    const seen = countTaskMessages(fx, (n) => (n === 1 ? 'fail' : 'send'));
    fx.flows.publish('p', 'Purchase', approvalFlow());
    const rec = await fx.records.create(fx.ctx('purchase', user('ann')), { f_title: 'Laptop', f_amount: 900 });
    const inst = await fx.until('the instance', () =>
      fx.store.collection<{ _id: string }>('flow_instances').findOne({ recordId: rec.id }),
    );
    await fx.pendingTask(inst._id, 'mia');
    await fx.idle();
    // The transition committed (the task exists) but the message did not go out: it waits in the outbox.
    expect(fx.notifier.to('mia', 'task')).toHaveLength(0);
    expect(await outboxCount(fx)).toBe(1);

    // The sweep leaves fresh messages to the sending process; one left for a while is queued again.
    expect((await fx.runtime.sweep()).notifications).toBe(0);
    await fx.store
      .collection('flow_outbox')
      .updateMany({}, { $set: { createdAt: new Date(Date.now() - 60_000).toISOString() } });
    expect((await fx.runtime.sweep()).notifications).toBe(1);
    await fx.until('the outbox to drain', async () => (await outboxCount(fx)) === 0);
    expect(fx.notifier.to('mia', 'task')).toHaveLength(1);
    expect(seen.sent).toBe(1);
    // Nothing left: later sweeps send nothing again.
    expect((await fx.runtime.sweep()).notifications).toBe(0);
    expect(seen.sent).toBe(1);
  });

  it('a message not sent before the process stopped is delivered once after the restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'formloom-flow-outbox-'));
    dirs.push(dir);
    const first = await openFlowEngine({ dir });
    const hung = countTaskMessages(first, () => 'hang');
    first.flows.publish('p', 'Purchase', approvalFlow());
    const rec = await first.records.create(first.ctx('purchase', user('ann')), { f_title: 'Desk', f_amount: 300 });
    const inst = await first.until('the instance', () =>
      first.store.collection<{ _id: string }>('flow_instances').findOne({ recordId: rec.id }),
    );
    const task = await first.pendingTask(inst._id, 'mia');
    await first.until('the send to start', async () => hung.calls === 1);
    expect(await outboxCount(first)).toBe(1);
    // Stop without the send ever finishing (the data directory is kept for the restart).
    await first.queue.close(200);
    await first.store.close();

    const second = await openFlowEngine({ dir });
    open.push(second);
    second.flows.publish('p', 'Purchase', approvalFlow());
    const seen = countTaskMessages(second, () => 'send');
    expect((await second.runtime.rearm()).notifications).toBe(1);
    await second.until('the outbox to drain', async () => (await outboxCount(second)) === 0);
    const sent = second.notifier.to('mia', 'task');
    expect(sent).toHaveLength(1);
    expect(sent[0].link).toBe(`/tasks/${task._id}`);
    expect(seen.sent).toBe(1);
    // A second start-up finds nothing to send.
    expect((await second.runtime.rearm()).notifications).toBe(0);
    expect(seen.sent).toBe(1);
  });
});
