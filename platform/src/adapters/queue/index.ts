import type { JobQueue } from '@formloom/model';
import type { BullmqQueueOptions } from './bullmq/index.js';

export type { QueueLogger } from './queue-logger.js';
export type { BullmqQueueOptions } from './bullmq/index.js';
export { createInlineQueue, type InlineQueueOptions } from './inline/index.js';

/** Opens the BullMQ queue; bullmq and ioredis are loaded only then, so the embedded default never loads them. */
export async function createBullmqQueue(options: BullmqQueueOptions): Promise<JobQueue> {
  const { createBullmqQueue: create } = await import('./bullmq/index.js');
  return create(options);
}
