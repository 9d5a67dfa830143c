import type { ServerText } from '../i18n/server-text';
import type { FlowDiagram, InstanceState, TimelineEntry } from './tasks-api';

/**
 * Pure shaping of an instance's state for the record page: the timeline rows (what happened,
 * then who is being waited on) and the status of each node and edge of the read-only diagram.
 */
export type TimelineTone = 'blue' | 'green' | 'red' | 'orange' | 'gray';

export interface TimelineRow {
  key: string;
  kind: 'started' | 'step' | 'action' | 'timer' | 'ended' | 'error' | 'note' | 'waiting';
  at: string | null;
  tone: TimelineTone;
  nodeLabel: string | null;
  nodeKind: string | null;
  userIds: string[];
  action: string | null;
  comment: string | null;
  signatureFileId: string | null;
  message: string;
  /** The message by key, to word in the reader's language (absent on old entries). */
  i18n: ServerText | null;
  dueAt: string | null;
}

const ACTION_TONES: Record<string, TimelineTone> = {
  approve: 'green',
  submit: 'green',
  reject: 'red',
  return: 'orange',
  withdraw: 'gray',
  transfer: 'blue',
  add_signer: 'blue',
  comment: 'gray',
};

const KINDS = new Set<TimelineRow['kind']>(['started', 'step', 'action', 'timer', 'ended', 'error', 'note']);

function toneOf(entry: TimelineEntry, status: string): TimelineTone {
  if (entry.type === 'error') return 'red';
  if (entry.type === 'action') return ACTION_TONES[entry.action ?? ''] ?? 'blue';
  if (entry.type === 'ended') return status === 'approved' || status === 'completed' ? 'green' : 'gray';
  if (entry.type === 'timer') return 'orange';
  return entry.type === 'started' ? 'blue' : 'gray';
}

/**
 * What happened in order; steps into human nodes are left out when an action at that node says
 * more (the action row names the node), and so is entering the start node right after the start. Then one row per node still waiting, naming its people.
 */
export function timelineRows(
  state: Pick<InstanceState, 'timeline' | 'waitingOn' | 'status'> & { tasks?: InstanceState['tasks'] },
): TimelineRow[] {
  const actedNodes = new Set(state.timeline.filter((e) => e.type === 'action').map((e) => e.nodeId));
  // Approving a handling or resubmit task is submitting it.
  const submitNodes = new Set(
    (state.tasks ?? []).filter((t) => t.kind === 'handle' || t.kind === 'resubmit').map((t) => t.nodeId),
  );
  const rows: TimelineRow[] = [];
  state.timeline.forEach((entry, i) => {
    if (entry.type === 'step' && entry.nodeId !== null && actedNodes.has(entry.nodeId)) return;
    // Entering the start node is the start itself.
    if (entry.type === 'step' && state.timeline[i - 1]?.type === 'started') return;
    const kind = KINDS.has(entry.type as TimelineRow['kind']) ? (entry.type as TimelineRow['kind']) : 'note';
    const submits = entry.action === 'approve' && entry.nodeId !== null && submitNodes.has(entry.nodeId);
    rows.push({
      key: `e${i}`,
      kind,
      at: entry.at,
      tone: toneOf(entry, state.status),
      nodeLabel: entry.nodeLabel,
      nodeKind: entry.nodeKind ?? null,
      userIds: entry.userId === null ? [] : [entry.userId],
      action: submits ? 'submit' : entry.action,
      comment: entry.comment,
      signatureFileId: entry.signatureFileId,
      message: entry.message,
      i18n: entry.i18n ?? null,
      dueAt: null,
    });
  });
  const waiting = new Map<string, TimelineRow>();
  for (const w of state.waitingOn) {
    const row = waiting.get(w.nodeId);
    if (row) {
      if (!row.userIds.includes(w.assigneeId)) row.userIds.push(w.assigneeId);
      if (w.dueAt !== null && (row.dueAt === null || w.dueAt < row.dueAt)) row.dueAt = w.dueAt;
      continue;
    }
    waiting.set(w.nodeId, {
      key: `w-${w.nodeId}`,
      kind: 'waiting',
      at: null,
      tone: 'blue',
      nodeLabel: w.nodeLabel,
      nodeKind: w.nodeKind,
      userIds: [w.assigneeId],
      action: null,
      comment: null,
      signatureFileId: null,
      message: '',
      i18n: null,
      dueAt: w.dueAt,
    });
  }
  return [...rows, ...waiting.values()];
}

export type NodeProgress = 'current' | 'passed' | 'failed' | 'idle';

export interface DiagramProgress {
  nodes: Map<string, NodeProgress>;
  /** Edges between two nodes the instance went through (or into a current one). */
  passedEdges: Set<string>;
}

/** Which nodes of the drawing are current, passed, failed or not reached. */
export function diagramProgress(
  diagram: FlowDiagram,
  state: Pick<InstanceState, 'currentNodes' | 'nodesPassed' | 'error' | 'status'>,
): DiagramProgress {
  const passed = new Set(state.nodesPassed.map((n) => n.nodeId));
  const current = new Set(state.status === 'running' ? state.currentNodes.map((n) => n.nodeId) : []);
  const failed = state.status === 'failed' && state.error?.nodeId ? state.error.nodeId : null;
  const nodes = new Map<string, NodeProgress>();
  for (const node of diagram.nodes) {
    if (node.id === failed) nodes.set(node.id, 'failed');
    else if (current.has(node.id)) nodes.set(node.id, 'current');
    else if (passed.has(node.id)) nodes.set(node.id, 'passed');
    else nodes.set(node.id, 'idle');
  }
  const reached = (id: string) => nodes.get(id) !== 'idle';
  const passedEdges = new Set(diagram.edges.filter((e) => passed.has(e.source) && reached(e.target)).map((e) => e.id));
  return { nodes, passedEdges };
}
