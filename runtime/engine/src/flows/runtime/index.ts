export * from './flow-runtime.types.js';
export { createFlowRuntime, type FlowRuntime } from './flow-runtime.js';
export { type FlowRuntimeOptions, type FlowRuntimeLogger, type RuntimeCore, derivedId } from './runtime-core.js';
export * from './node-handlers.js';
export { flowNodeHandlers, registerFlowNodeKind } from './handler-registry.js';
export { decideActivation, type ActivationDecision, type ApprovalMode } from './approval-modes.js';
export {
  offeredActions,
  taskAccess,
  type TaskActionInput,
  type TaskActionName,
  type BatchResult,
} from './task-actions.js';
export { triggerOf } from './automations.js';
export type { FlowOutboxDoc } from './flow-outbox.js';
export { entryNode, type StartRequest, type StartResult } from './start-instance.js';
export { resolveValueSource, resolveFieldMap, ValueSourceError, type ValueSourceContext } from './value-sources.js';
export { builtinNodeHandlers } from './handlers/index.js';
export type { OrgDirectory } from '../assignees/org-directory.js';
export { taskStepParams, nodeParams } from './runtime-texts.js';
