export * from './errors.js';
export * from './condition.js';
export * from './record.js';
export * from './form-definition.js';
export * from './flow-definition.js';
export * from './principal.js';
export * from './ports/index.js';
