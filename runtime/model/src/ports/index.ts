export * from './document-store.js';
export * from './job-queue.js';
export * from './blob-store.js';
export * from './notifier.js';
