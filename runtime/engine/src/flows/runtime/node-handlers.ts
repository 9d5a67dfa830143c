import type { FlowNode, StoredRecord, TaskDeadline } from '@formloom/model';
import type { PublishedFlow } from '../flow-catalog.js';
import type { FlowInstanceDoc, FlowTaskDoc, FlowTimerDoc, TokenState, TokenWait } from './flow-runtime.types.js';
import type { RuntimeCore } from './runtime-core.js';
import type { MessageRef } from '../../messages/server-messages.js';

/** What a node handler gets: the instance and token as read before the step, and the runtime's services. */
export interface NodeExecution<D = Record<string, unknown>> {
  core: RuntimeCore;
  flow: PublishedFlow;
  instance: Readonly<FlowInstanceDoc>;
  token: Readonly<TokenState>;
  node: FlowNode<D>;
  /** `${instanceId}:${tokenId}:${step}`: the key of every side effect of this step (idempotency). */
  stepId: string;
  now: Date;
  /** The instance's record as stored, read once per step; null for automations without one. */
  record(): Promise<StoredRecord | null>;
  /** Starts another flow's instance (subflows); idempotent on `key`. Returns the child's id. */
  startChild(request: ChildStart): Promise<string>;
}

export interface ChildStart {
  key: string;
  flowId: string;
  recordId: string | null;
  formId: string | null;
  sync: boolean;
}

/**
 * What a node decided. The runtime applies it in one compare-and-set transaction:
 * - `next`: follow the outgoing edge (every outgoing edge for a parallel split);
 * - `goto`: follow the edge to `target` (condition branches);
 * - `fork` / `join`: split into one token per outgoing edge / wait for the siblings;
 * - `wait`: park the token (tasks, a timer, a subflow), storing the given tasks and timers;
 * - `end`: end the instance with that result;
 * - `fail`: stop the instance as failed now (no retry: a definition or data problem).
 * `journal` is what the step adds to the instance's journal.
 */
export type NodeOutcome =
  | { type: 'next'; tasks?: FlowTaskDoc[]; journal?: JournalNote }
  | { type: 'goto'; target: string; journal?: JournalNote }
  | { type: 'fork'; journal?: JournalNote }
  | { type: 'join'; journal?: JournalNote }
  | {
      type: 'wait';
      wait: TokenWait;
      tasks?: FlowTaskDoc[];
      /** Deadline of the pending tasks (reminders, due date). */
      deadline?: TaskDeadline;
      timers?: FlowTimerDoc[];
      journal?: JournalNote;
    }
  | { type: 'end'; result: 'approved' | 'rejected' | 'ended'; journal?: JournalNote }
  | { type: 'fail'; message: string; code?: string; i18n?: MessageRef };

export interface JournalNote {
  /** A `MessageRef` (`messageRef('flow.journal.…', params)`) is worded in the reader's language; a string stays as written. */
  message: string | MessageRef;
  data?: Record<string, unknown>;
}

/** The execution side of a node kind. Side effects must be idempotent on `stepId` (a step may run again after a crash). */
export interface FlowNodeHandler {
  kind: string;
  execute(execution: NodeExecution): Promise<NodeOutcome>;
}

/** Handlers by node kind: the built-ins and what plugins register. */
export interface FlowNodeHandlerRegistry {
  get(kind: string): FlowNodeHandler | undefined;
  register(handler: FlowNodeHandler): void;
  kinds(): string[];
}

export function createNodeHandlerRegistry(handlers: FlowNodeHandler[] = []): FlowNodeHandlerRegistry {
  const byKind = new Map<string, FlowNodeHandler>(handlers.map((h) => [h.kind, h]));
  return {
    get: (kind) => byKind.get(kind),
    register(handler) {
      byKind.set(handler.kind, handler);
    },
    kinds: () => [...byKind.keys()],
  };
}

/** The node's data as its kind's type (validated against the kind's schema when the flow was published). */
export function nodeData<D>(execution: NodeExecution): D {
  return execution.node.data as unknown as D;
}
