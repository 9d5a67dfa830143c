export * from './server-messages.js';
export * from './error-messages.js';
