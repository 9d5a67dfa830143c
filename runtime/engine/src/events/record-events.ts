import type { DocumentStore, JobQueue, RecordEvent } from '@formloom/model';

/** The outbox: one document per committed record event. */
export const RECORD_EVENTS_COLLECTION = 'record_events';
export const RECORD_EVENTS_QUEUE = 'record-events';
export const DISPATCH_JOB = 'dispatch';

export interface StoredRecordEvent extends Omit<RecordEvent, 'id'> {
  _id: string;
  /** When subscribers were called successfully; null until then. */
  dispatchedAt: string | null;
  [key: string]: unknown;
}

export type RecordEventHandler = (event: RecordEvent) => Promise<void>;

export interface RecordEvents {
  /** Writes the event to the outbox through `tx`, inside the record's transaction. */
  publish(tx: DocumentStore, event: RecordEvent): Promise<void>;
  /** After the transaction committed: queues a dispatch job per event (job id = event id). */
  enqueue(eventIds: string[]): Promise<void>;
  /** Adds a subscriber; returns a function that removes it. Handlers must be idempotent. */
  subscribe(handler: RecordEventHandler): () => void;
  /** Registers the queue processor that calls the subscribers and marks events dispatched. */
  startDispatcher(options?: { concurrency?: number }): Promise<void>;
  /** Creates the outbox index the dispatcher's drain query needs (idempotent; call at start-up). */
  ensureIndexes(): Promise<void>;
  /** Deletes dispatched events older than `olderThanMs` (the outbox is not an archive). Returns how many. */
  pruneDispatched(olderThanMs: number): Promise<number>;
  /** At boot: queues every event not yet dispatched (a crash between commit and enqueue loses none). Returns how many. */
  rearm(): Promise<number>;
}

export interface RecordEventsOptions {
  store: DocumentStore;
  queue: JobQueue;
  /** Tries per event before the queue gives up (the event stays undispatched and is re-armed at the next boot). */
  attempts?: number;
  clock?: () => Date;
  /** Events one dispatch job drains at most; default 200. */
  batchSize?: number;
}

function toEvent(doc: StoredRecordEvent): RecordEvent {
  return {
    id: doc._id,
    type: doc.type,
    appId: doc.appId,
    formId: doc.formId,
    recordId: doc.recordId,
    version: doc.version,
    at: doc.at,
    by: doc.by,
    changedFields: doc.changedFields,
    depth: doc.depth,
  };
}

/**
 * Record events through a transactional outbox: the event document commits with the record,
 * the queue only carries its id, and the dispatcher reads the document, calls the subscribers
 * and marks it dispatched. Redelivery of a dispatched event is a no-op.
 *
 * A dispatch job drains: it takes its own event and every other undispatched one (oldest
 * first, up to `batchSize`), calls the subscribers in that order and marks the whole batch
 * with one write. Under load most jobs then find their event already dispatched and cost one
 * read, so the outbox adds one write per batch instead of one per record write.
 */
export function createRecordEvents(options: RecordEventsOptions): RecordEvents {
  const { store, queue } = options;
  const clock = options.clock ?? (() => new Date());
  const attempts = options.attempts ?? 5;
  const batchSize = options.batchSize ?? 200;
  const handlers = new Set<RecordEventHandler>();
  const outbox = store.collection<StoredRecordEvent>(RECORD_EVENTS_COLLECTION);
  const jobOptions = (id: string) => ({
    jobId: id,
    attempts,
    backoff: { type: 'exponential' as const, delayMs: 1000 },
  });

  const enqueue = async (eventIds: string[]) => {
    for (const id of eventIds) await queue.add(RECORD_EVENTS_QUEUE, DISPATCH_JOB, { eventId: id }, jobOptions(id));
  };

  return {
    async publish(tx, event) {
      const { id, ...rest } = event;
      await tx
        .collection<StoredRecordEvent>(RECORD_EVENTS_COLLECTION)
        .insertOne({ _id: id, ...rest, dispatchedAt: null });
    },
    enqueue,
    subscribe(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    async startDispatcher(dispatchOptions) {
      await queue.process<{ eventId: string }>(
        RECORD_EVENTS_QUEUE,
        async (job) => {
          const own = await outbox.findOne({ _id: job.data.eventId });
          if (!own || own.dispatchedAt !== null) return;
          const batch = await outbox.find({ dispatchedAt: null }, { sort: { _id: 1 }, limit: batchSize });
          // More than a batch is waiting: this job's own event still goes out now.
          if (!batch.some((doc) => doc._id === own._id)) batch.push(own);
          const done: string[] = [];
          try {
            for (const doc of batch) {
              const event = toEvent(doc);
              for (const handler of handlers) await handler(event);
              done.push(doc._id);
            }
          } finally {
            // Mark what reached every subscriber, even when a later event failed (the job retries the rest).
            if (done.length > 0) {
              await outbox.updateMany(
                { _id: { $in: done }, dispatchedAt: null },
                { $set: { dispatchedAt: clock().toISOString() } },
              );
            }
          }
        },
        { concurrency: dispatchOptions?.concurrency ?? 1 },
      );
    },
    async ensureIndexes() {
      await outbox.createIndex({ keys: { dispatchedAt: 1, _id: 1 } });
    },
    async pruneDispatched(olderThanMs) {
      const cutoff = new Date(clock().getTime() - olderThanMs).toISOString();
      return outbox.deleteMany({ dispatchedAt: { $ne: null, $lt: cutoff } });
    },
    async rearm() {
      const pending = await outbox.find({ dispatchedAt: null }, { sort: { _id: 1 }, projection: { _id: 1 } });
      await enqueue(pending.map((d) => d._id));
      return pending.length;
    },
  };
}
