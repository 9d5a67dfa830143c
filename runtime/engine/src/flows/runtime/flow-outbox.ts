import type { Doc, NotificationRequest } from '@formloom/model';
import { FLOW_OUTBOX, FLOW_STEPS_QUEUE } from './flow-runtime.types.js';
import type { RuntimeCore } from './runtime-core.js';

/**
 * A message a committed transition asked for (new task, CC, urge…), stored in the same
 * transaction as the transition. It is deleted once the Notifier took it; one still here was
 * not sent (the process died between the commit and the send, or the Notifier failed) and is
 * delivered by a `notify` job on `flow-steps`, queued at start-up and by the sweep. The Notifier
 * is idempotent on `request.idempotencyKey`, so a message sent but not yet deleted goes out once.
 */
export interface FlowOutboxDoc extends Doc {
  instanceId: string;
  createdAt: string;
  request: NotificationRequest;
}

export interface NotifyJobData {
  outboxId: string;
}

/** Sends one stored message and forgets it. Throws when the Notifier fails (the queue retries). */
export async function deliverOutbox(core: RuntimeCore, doc: FlowOutboxDoc): Promise<boolean> {
  const notifier = core.notifier();
  if (!notifier) return false; // kept: a notifier registered later sends it
  await notifier.notify(doc.request);
  await core.store.collection<FlowOutboxDoc>(FLOW_OUTBOX).deleteOne({ _id: doc._id });
  return true;
}

/** The `notify` job: the message, if it is still waiting. */
export async function runNotifyJob(core: RuntimeCore, data: NotifyJobData): Promise<void> {
  const doc = await core.store.collection<FlowOutboxDoc>(FLOW_OUTBOX).findOne({ _id: data.outboxId });
  if (doc) await deliverOutbox(core, doc);
}

/** Queues a `notify` job (deterministic id) for every message stored at least `olderThanMs` ago. */
export async function rearmOutbox(core: RuntimeCore, olderThanMs: number): Promise<number> {
  const before = new Date(core.clock().getTime() - olderThanMs).toISOString();
  const waiting = await core.store
    .collection<FlowOutboxDoc>(FLOW_OUTBOX)
    .find({ createdAt: { $lte: before } }, { projection: { _id: 1 } });
  for (const doc of waiting)
    await core.queue.add(FLOW_STEPS_QUEUE, 'notify', { outboxId: doc._id } satisfies NotifyJobData, {
      jobId: `notify:${doc._id}`,
      attempts: 5,
      backoff: { type: 'exponential', delayMs: 1000 },
    });
  return waiting.length;
}
