export * from './flow-catalog.js';
export * from './definitions/index.js';
export * from './runtime/index.js';
