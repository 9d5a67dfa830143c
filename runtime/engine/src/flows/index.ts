export * from './flow-catalog.js';
export * from './assignees/org-directory.js';
export * from './assignees/resolve-assignees.js';
export * from './branches.js';
