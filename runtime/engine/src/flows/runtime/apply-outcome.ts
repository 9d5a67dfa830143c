import type { FlowNode } from '@formloom/model';
import type { NodeOutcome } from './node-handlers.js';
import type { TokenState } from './flow-runtime.types.js';
import type { Draft } from './transitions.js';
import { messageRef } from '../../messages/server-messages.js';
import { nodeParams } from './runtime-texts.js';

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
    await draft.fail(token, { message: outcome.message, code: outcome.code, ...where, at: draft.nowIso });
    return;
  }
  draft.journal(
    'step',
    outcome.journal?.message ?? messageRef('flow.journal.stepDone', { ...nodeParams(node), outcome: outcome.type }),
    {
      ...where,
      data: { kind: node.type, outcome: outcome.type, ...(outcome.journal?.data ?? {}) },
    },
  );
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
