export type { QueueLogger } from './queue-logger.js';
export { createInlineQueue, type InlineQueueOptions } from './inline/index.js';
export { createBullmqQueue, type BullmqQueueOptions } from './bullmq/index.js';
