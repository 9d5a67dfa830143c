import type { FlowTaskDoc } from './flow-runtime.types.js';

export type ApprovalMode = 'any' | 'all' | 'sequence' | 'vote';

export type TaskLite = Pick<FlowTaskDoc, '_id' | 'status' | 'origin' | 'order' | 'blockedBy'>;

export interface ActivationDecision {
  /** approved / rejected: the node is decided; open: it still waits. */
  decision: 'approved' | 'rejected' | 'open';
  /** Queued tasks that become pending now. */
  activate: string[];
}

const APPROVED = new Set(['approved', 'submitted']);
const GONE = new Set(['transferred', 'cancelled']);

/** Tasks whose votes decide the node: from the rules, added alongside, or given on by transfer/escalation. */
function voting(tasks: TaskLite[]): TaskLite[] {
  return tasks.filter((t) => t.origin !== 'before' && t.origin !== 'after' && !GONE.has(t.status));
}

/**
 * Whether the tasks of one activation of a human node decide it, by mode:
 * any (或签) — the first approve or reject decides; all (会签) — every voter approves, any reject
 * rejects; sequence (依次) — like all, one voter at a time in `order`; vote — approvals reach
 * `votePercent` of the voters (rejected once that can no longer happen). Signers added before a
 * task unblock it when they approve; signers added after must approve too. Pure: unit-tested per mode.
 */
export function decideActivation(mode: ApprovalMode, tasks: TaskLite[], votePercent = 50): ActivationDecision {
  const voters = voting(tasks);
  const approved = voters.filter((t) => APPROVED.has(t.status)).length;
  const rejected = tasks.some((t) => t.status === 'rejected' && !GONE.has(t.status));
  const total = voters.length;

  let decision: ActivationDecision['decision'] = 'open';
  if (mode === 'vote') {
    const pct = Math.min(Math.max(votePercent, 1), 100);
    const rejections = voters.filter((t) => t.status === 'rejected').length;
    if (total > 0 && (approved * 100) / total >= pct) decision = 'approved';
    else if (total === 0 || ((total - rejections) * 100) / total < pct) decision = 'rejected';
    // A signer added after/before who rejects rejects the node too.
    if (tasks.some((t) => (t.origin === 'before' || t.origin === 'after') && t.status === 'rejected'))
      decision = 'rejected';
  } else if (rejected) decision = 'rejected';
  else if (mode === 'any' ? approved > 0 : total > 0 && approved === total) decision = 'approved';

  const approvedIds = new Set(tasks.filter((t) => APPROVED.has(t.status)).map((t) => t._id));
  const activate: string[] = [];
  const queued = tasks.filter((t) => t.status === 'queued');
  // Unblocked by an approval (add signer before/after).
  for (const t of queued) if (t.blockedBy !== null && approvedIds.has(t.blockedBy)) activate.push(t._id);

  // Signers added after a task must still approve before the node is approved.
  const openAfter = tasks.some((t) => t.origin === 'after' && (t.status === 'pending' || t.status === 'queued'));
  if (decision === 'approved' && openAfter) decision = 'open';
  if (decision !== 'open') return { decision, activate: [] };

  // Sequence: the next voter in order when nobody is pending or unblocked.
  if (mode === 'sequence' && activate.length === 0) {
    const busy = tasks.some((t) => t.status === 'pending');
    if (!busy) {
      const next = queued.filter((t) => t.blockedBy === null).sort((a, b) => a.order - b.order)[0];
      if (next) activate.push(next._id);
    }
  }
  return { decision, activate };
}
