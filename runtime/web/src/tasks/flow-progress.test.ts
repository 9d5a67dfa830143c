import { describe, expect, it } from 'vitest';
import { diagramProgress, timelineRows } from './flow-progress';
import type { FlowDiagram, InstanceState, TimelineEntry } from './tasks-api';

const entry = (type: string, extra: Partial<TimelineEntry> = {}): TimelineEntry => ({
  at: '2026-11-23T10:00:00.000Z',
  type,
  nodeId: null,
  nodeLabel: null,
  nodeKind: null,
  userId: null,
  action: null,
  comment: null,
  signatureFileId: null,
  message: type,
  i18n: null,
  ...extra,
});

describe('the timeline of an instance', () => {
  const timeline = [
    entry('started', { userId: 'ann' }),
    entry('step', { nodeId: 'start', nodeLabel: 'Submit' }),
    entry('step', { nodeId: 'mgr', nodeLabel: 'Manager' }),
    entry('action', { nodeId: 'mgr', nodeLabel: 'Manager', userId: 'mia', action: 'return', comment: 'Too much' }),
    entry('step', { nodeId: 'cond', nodeLabel: 'Amount?' }),
    entry('action', { nodeId: 'mgr', nodeLabel: 'Manager', userId: 'mia', action: 'approve', signatureFileId: 'b1' }),
  ];

  it('keeps actions with who, comment and signature, and drops steps an action at the same node (or the start itself) explains', () => {
    const rows = timelineRows({ timeline, waitingOn: [], status: 'running' });
    expect(rows.map((r) => [r.kind, r.nodeLabel, r.action])).toEqual([
      ['started', null, null],
      ['action', 'Manager', 'return'],
      ['step', 'Amount?', null],
      ['action', 'Manager', 'approve'],
    ]);
    expect(rows[1]).toMatchObject({ userIds: ['mia'], comment: 'Too much', tone: 'orange' });
    expect(rows[3]).toMatchObject({ signatureFileId: 'b1', tone: 'green' });
  });

  it('words approving a resubmit or handling task as submitting it', () => {
    const task = { kind: 'resubmit', nodeId: 'start' } as InstanceState['tasks'][number];
    const rows = timelineRows({
      timeline: [entry('action', { nodeId: 'start', userId: 'ann', action: 'approve' })],
      waitingOn: [],
      status: 'running',
      tasks: [task],
    });
    expect(rows.map((r) => r.action)).toEqual(['submit']);
  });

  it('ends with one row per node still waiting, naming everyone and the earliest due time', () => {
    const rows = timelineRows({
      timeline: [],
      status: 'running',
      waitingOn: [
        {
          taskId: 't1',
          nodeId: 'fin',
          nodeLabel: 'Finance',
          nodeKind: 'approval',
          assigneeId: 'fay',
          dueAt: '2026-11-25T00:00:00.000Z',
        },
        {
          taskId: 't2',
          nodeId: 'fin',
          nodeLabel: 'Finance',
          nodeKind: 'approval',
          assigneeId: 'fox',
          dueAt: '2026-11-24T00:00:00.000Z',
        },
        { taskId: 't3', nodeId: 'dir', nodeLabel: 'Director', nodeKind: 'approval', assigneeId: 'dan', dueAt: null },
      ],
    });
    expect(rows.map((r) => [r.kind, r.nodeLabel, r.userIds, r.dueAt])).toEqual([
      ['waiting', 'Finance', ['fay', 'fox'], '2026-11-24T00:00:00.000Z'],
      ['waiting', 'Director', ['dan'], null],
    ]);
  });

  it('colours a rejection red and an approved end green', () => {
    const rows = timelineRows({
      timeline: [entry('action', { action: 'reject', nodeId: 'x' }), entry('ended')],
      waitingOn: [],
      status: 'approved',
    });
    expect(rows.map((r) => r.tone)).toEqual(['red', 'green']);
  });
});

describe('the diagram’s progress', () => {
  const diagram: FlowDiagram = {
    nodes: ['start', 'mgr', 'dir', 'end'].map((id) => ({ id, type: 'approval', label: id, position: { x: 0, y: 0 } })),
    edges: [
      { id: 'a', source: 'start', target: 'mgr', label: '' },
      { id: 'b', source: 'mgr', target: 'dir', label: '' },
      { id: 'c', source: 'dir', target: 'end', label: '' },
    ],
  };
  const passed = (ids: string[]) => ids.map((nodeId) => ({ nodeId, label: nodeId, kind: '', at: '' }));

  it('marks passed nodes, the current one and the edges walked', () => {
    const progress = diagramProgress(diagram, {
      status: 'running',
      error: null,
      nodesPassed: passed(['start', 'mgr', 'dir']),
      currentNodes: [{ nodeId: 'dir', label: 'dir', kind: 'approval' }],
    });
    expect(Object.fromEntries(progress.nodes)).toEqual({
      start: 'passed',
      mgr: 'passed',
      dir: 'current',
      end: 'idle',
    });
    expect([...progress.passedEdges]).toEqual(['a', 'b']);
  });

  it('shows no current node once the instance ended, and the failed node of a failed one', () => {
    const ended = diagramProgress(diagram, {
      status: 'approved',
      error: null,
      nodesPassed: passed(['start', 'mgr', 'dir', 'end']),
      currentNodes: [],
    });
    expect([...ended.nodes.values()].every((p) => p === 'passed')).toBe(true);
    const failed = diagramProgress(diagram, {
      status: 'failed',
      error: { message: 'boom', code: null, nodeId: 'dir' },
      nodesPassed: passed(['start', 'mgr', 'dir']),
      currentNodes: [{ nodeId: 'dir', label: 'dir', kind: 'approval' }],
    });
    expect(failed.nodes.get('dir')).toBe('failed');
  });
});
