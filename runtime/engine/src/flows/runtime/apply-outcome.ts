import type { FlowNode } from '@formloom/model';
import type { NodeOutcome } from './node-handlers.js';
import type { TokenState } from './flow-runtime.types.js';
import type { Draft } from './transitions.js';
import { messageRef, type ServerMessageKey } from '../../messages/server-messages.js';
import { nodeParams } from './runtime-texts.js';

/** What a step without a journal note of its own says, by outcome. */
const STEP_KEYS = {
  next: 'flow.journal.stepNext',
  goto: 'flow.journal.stepGoto',
  fork: 'flow.journal.stepFork',
  join: 'flow.journal.stepJoin',
  wait: 'flow.journal.stepWait',
  end: 'flow.journal.stepEnd',
} as const satisfies Record<Exclude<NodeOutcome['type'], 'fail'>, ServerMessageKey>;

/** Applies what a node decided to the draft: tasks and timers stored, the token moved, parked or ended. */
export async function applyOutcome(
  draft: Draft,
  token: TokenState,
  node: FlowNode,
  outcome: NodeOutcome,
  stepId: string,
): Promise<void> {
  const where = { nodeId: node.id, tokenId: token.id, stepId };
  if (outcome.type === 'fail') {
    await draft.fail(token, {
      message: outcome.message,
      code: outcome.code,
      ...(outcome.i18n ? { i18n: outcome.i18n } : {}),
      ...where,
      at: draft.nowIso,
    });
    return;
  }
  draft.journal('step', outcome.journal?.message ?? messageRef(STEP_KEYS[outcome.type], nodeParams(node)), {
    ...where,
    data: { kind: node.type, outcome: outcome.type, ...(outcome.journal?.data ?? {}) },
  });
  switch (outcome.type) {
    case 'next':
      await draft.insertTasks(outcome.tasks ?? []);
      if (node.type === 'parallel') draft.fork(token);
      else draft.advance(token);
      return;
    case 'goto':
      draft.moveTo(token, outcome.target);
      return;
    case 'fork':
      draft.fork(token);
      return;
    case 'join':
      draft.join(token);
      return;
    case 'wait':
      draft.park(token, outcome.wait);
      await draft.insertTasks(outcome.tasks ?? [], outcome.deadline);
      await draft.insertTimers(outcome.timers ?? []);
      return;
    case 'end':
      token.status = 'done';
      await draft.finish(outcome.result);
      return;
  }
}
