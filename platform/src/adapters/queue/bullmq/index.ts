export { createBullmqQueue, type BullmqQueueOptions } from './bullmq-queue.js';
