/**
 * The browser-safe side of flows: node-kind definitions, validation, the linter, branch choice,
 * assignee resolution and the dry run. The flow designer imports this (`@formloom/engine/flows/definitions`).
 */
export * from './node-kind-definition.js';
export * from './node-kinds.js';
export { builtinNodeKinds } from './builtin-node-kinds.js';
export { assigneesSchema } from './node-data-schemas.js';
export * from './flow-definition.meta-schema.js';
export * from './validate-flow-definition.js';
export * from './lint-messages.js';
export * from './node-kind-messages.js';
export {
  hasLintErrors,
  lintFlow,
  type FlowLintOptions,
  type FlowLintProblem,
  type FlowLintSeverity,
  type OrgLookup,
} from './lint-flow.js';
export * from '../flow-graph.js';
export * from '../branches.js';
export * from '../dry-run.js';
export * from '../assignees/org-directory.js';
export * from '../assignees/resolve-assignees.js';
export * from '../assignees/memory-org-directory.js';
