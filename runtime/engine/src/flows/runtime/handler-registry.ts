import { registerNodeKindDefinition } from '../definitions/node-kinds.js';
import type { FlowNodeKindDefinition } from '../definitions/node-kind-definition.js';
import { builtinNodeHandlers } from './handlers/index.js';
import { createNodeHandlerRegistry, type FlowNodeHandler, type FlowNodeHandlerRegistry } from './node-handlers.js';

/** The process-wide execution registry: the built-in handlers plus what plugins register. */
export const flowNodeHandlers: FlowNodeHandlerRegistry = createNodeHandlerRegistry(builtinNodeHandlers);

/**
 * How a plugin adds a node kind: its definition (data schema, connections, labels — validated and
 * linted like the built-ins) and its handler (what a step of it does), in one call.
 */
export function registerFlowNodeKind(kind: {
  definition: FlowNodeKindDefinition;
  handler: Omit<FlowNodeHandler, 'kind'>;
}): void {
  if (flowNodeHandlers.get(kind.definition.kind))
    throw new Error(`Flow node kind "${kind.definition.kind}" already has a handler`);
  registerNodeKindDefinition(kind.definition);
  flowNodeHandlers.register({ kind: kind.definition.kind, execute: (execution) => kind.handler.execute(execution) });
}
