export { createInlineQueue, type InlineQueueOptions } from './inline-queue.js';
