import type { FlowDefinition } from '@formloom/model';
import { builtinNodeKinds, createNodeKindRegistry, lintFlow } from '@formloom/engine/flows/definitions';
import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { undoReducer, type UndoHistory } from '../history/use-undo-history.js';
import { layoutFlow, needsLayout, NODE_HEIGHT, NODE_WIDTH, positionsFromElk, toElkGraph } from './auto-layout.js';
import { currentRoute, detourAround, labelPoint, roundedPath, routesStillInPlace } from './edge-route.js';
import { connectionRefusal } from './connection-rules.js';
import { defaultNodeData, valueFromSchema } from './default-node-data.js';
import { copySelection, pasteClipboard } from './flow-clipboard.js';
import { CARD_HEAD_HEIGHT, CARD_LINE_HEIGHT, cardSizes } from './card-size.js';
import { connectNodes, keepOneDefault, moveNodes, removeElements, setEdgeData, setEdgesData } from './flow-edits.js';
import { nodeSummary } from './node-summary.js';
import { syncNodes, NO_DECOR } from './flow-view-model.js';
import { paletteGroups } from './node-kind-catalog.js';
import type { NodeKindInfo } from './flow-api.js';

const registry = createNodeKindRegistry();
const limitsOf = (kind: string) => registry.get(kind)?.connections;
const at = (x: number, y: number) => ({ x, y });

function flow(): FlowDefinition {
  return {
    mode: 'process',
    formId: 'form1',
    nodes: [
      { id: 's', type: 'start', position: at(0, 0), data: {} },
      {
        id: 'a',
        type: 'approval',
        position: at(0, 100),
        data: { assignees: { rules: [{ type: 'initiator' }], whenEmpty: 'skip' }, mode: 'any' },
      },
      { id: 'p', type: 'parallel', position: at(0, 200), data: {} },
      { id: 'j', type: 'join', position: at(0, 300), data: {} },
      {
        id: 'x',
        type: 'cc',
        position: at(200, 300),
        data: { assignees: { rules: [{ type: 'initiator' }], whenEmpty: 'skip' } },
      },
      { id: 'e', type: 'end', position: at(0, 400), data: { result: 'approved' } },
    ],
    edges: [
      { id: 'e1', source: 's', target: 'a' },
      { id: 'e2', source: 'a', target: 'p' },
    ],
  };
}

describe('connection rules (from the registry’s limits)', () => {
  it('refuses edges into start, out of end, a second edge out of a step, loops and duplicates', () => {
    const def = flow();
    expect(connectionRefusal(def, { source: 'a', target: 's' }, limitsOf)).toBe('intoEntry');
    expect(connectionRefusal(def, { source: 'e', target: 'a' }, limitsOf)).toBe('outOfEnd');
    expect(connectionRefusal(def, { source: 'a', target: 'e' }, limitsOf)).toBe('sourceFull');
    expect(connectionRefusal(def, { source: 'a', target: 'a' }, limitsOf)).toBe('self');
    expect(connectionRefusal(def, { source: 's', target: 'a' }, limitsOf)).toBe('duplicate');
    expect(connectionRefusal(def, { source: 'p', target: 'e' }, limitsOf)).toBeNull();
  });
  it('lets a join follow only nodes below a parallel split', () => {
    const def = flow();
    expect(connectionRefusal(def, { source: 'x', target: 'j' }, limitsOf)).toBe('joinWithoutSplit');
    expect(connectionRefusal(def, { source: 'p', target: 'j' }, limitsOf)).toBeNull();
    const withBranch = { ...def, edges: [...def.edges, { id: 'e3', source: 'p', target: 'x' }] };
    expect(connectionRefusal(withBranch, { source: 'x', target: 'j' }, limitsOf)).toBeNull();
  });
  it('refuses a second edge into a parallel split (maxIn 1)', () => {
    const def = flow();
    expect(connectionRefusal(def, { source: 'x', target: 'p' }, limitsOf)).toBe('targetFull');
  });
});

describe('new node data', () => {
  it('is valid per the kind’s schema for kinds that need no choice, and linted (not invalid) for the rest', () => {
    const def = flow();
    for (const kind of [
      'start',
      'approval',
      'handle',
      'cc',
      'condition',
      'parallel',
      'join',
      'notify',
      'delay',
      'end',
      'update_records',
      'delete_records',
    ]) {
      const data = defaultNodeData(kind, registry.get(kind)?.dataSchema, def, { notifySubject: 'Hi' });
      const validate = registry.dataValidator(kind);
      expect(validate?.(data), `${kind}: ${JSON.stringify(validate?.errors)}`).toBe(true);
    }
  });
  it('derives a plugin kind’s data from its schema: required properties, consts and enums', () => {
    const schema = {
      type: 'object',
      required: ['channel', 'retries', 'target'],
      properties: {
        channel: { enum: ['sms', 'fax'] },
        retries: { type: 'integer', minimum: 1 },
        target: { type: 'object', required: ['kind'], properties: { kind: { const: 'phone' } } },
        optional: { type: 'string' },
      },
    };
    expect(valueFromSchema(schema)).toEqual({ channel: 'sms', retries: 1, target: { kind: 'phone' } });
    expect(defaultNodeData('sms_plugin', schema, flow(), { notifySubject: '' })).toEqual({
      channel: 'sms',
      retries: 1,
      target: { kind: 'phone' },
    });
  });
});

describe('edits', () => {
  it('makes the second branch of a condition the default and later ones the next priority', () => {
    let def: FlowDefinition = {
      ...flow(),
      nodes: [...flow().nodes, { id: 'c', type: 'condition', position: at(0, 0), data: {} }],
    };
    def = connectNodes(def, { source: 'c', target: 'a' }).definition;
    def = connectNodes(def, { source: 'c', target: 'x' }).definition;
    def = connectNodes(def, { source: 'c', target: 'e' }).definition;
    const branches = def.edges.filter((e) => e.source === 'c').map((e) => e.data);
    expect(branches).toEqual([{ priority: 1 }, { isDefault: true }, { priority: 2 }]);
  });
  it('keeps one default per condition when another branch becomes it', () => {
    let def: FlowDefinition = {
      ...flow(),
      edges: [
        { id: 'b1', source: 'p', target: 'x', data: { isDefault: true } },
        { id: 'b2', source: 'p', target: 'e', data: { priority: 1 } },
      ],
    };
    def = keepOneDefault(setEdgeData(def, 'b2', { isDefault: true }, 'Else'), 'b2');
    expect(def.edges.map((e) => e.data?.isDefault)).toEqual([false, true]);
    expect(def.edges[1].label).toBe('Else');
  });
  it('removes a node with every edge touching it', () => {
    const def = removeElements(flow(), ['a'], []);
    expect(def.nodes.map((n) => n.id)).not.toContain('a');
    expect(def.edges).toEqual([]);
  });
});

describe('clipboard', () => {
  it('copies nodes with the edges between them and pastes them with new ids, shifted, references remapped', () => {
    const def = flow();
    def.nodes[4].data = { ...def.nodes[4].data, rejectTo: { type: 'node', nodeId: 'a' } };
    const clip = copySelection(def, ['s', 'a', 'p', 'x'], (kind) => kind !== 'start');
    expect(clip?.nodes.map((n) => n.id)).toEqual(['a', 'p', 'x']);
    expect(clip?.edges.map((e) => e.id)).toEqual(['e2']);
    const { definition, nodeIds } = pasteClipboard(def, clip!, { x: 40, y: 40 });
    expect(definition.nodes).toHaveLength(def.nodes.length + 3);
    const copies = definition.nodes.filter((n) => nodeIds.includes(n.id));
    expect(copies[0].position).toEqual({ x: 40, y: 140 });
    const pastedEdge = definition.edges.at(-1)!;
    expect(nodeIds).toContain(pastedEdge.source);
    expect(nodeIds).toContain(pastedEdge.target);
    expect((copies[2].data.rejectTo as { nodeId: string }).nodeId).toBe(copies[0].id);
  });
  it('copies nothing when only the start is selected', () => {
    expect(copySelection(flow(), ['s'], (kind) => kind !== 'start')).toBeNull();
  });
});

describe('auto-layout', () => {
  it('maps nodes and edges to ELK and positions back, top to bottom in edge order', async () => {
    const def: FlowDefinition = {
      ...flow(),
      nodes: flow().nodes.map((n) => ({ ...n, position: at(0, 0) })),
      edges: [
        { id: 'e1', source: 's', target: 'a' },
        { id: 'e2', source: 'a', target: 'p' },
        { id: 'e3', source: 'p', target: 'x' },
        { id: 'e4', source: 'p', target: 'j' },
        { id: 'e5', source: 'x', target: 'j' },
        { id: 'e6', source: 'j', target: 'e' },
      ],
    };
    expect(needsLayout(def)).toBe(true);
    expect(toElkGraph(def).edges).toHaveLength(6);
    const { positions, routes } = await layoutFlow(def, new ELK(), undefined, (id) =>
      id === 'e4' ? { width: 60, height: 20 } : undefined,
    );
    const y = (id: string) => positions.get(id)!.y;
    expect(y('s')).toBeLessThan(y('a'));
    expect(y('a')).toBeLessThan(y('p'));
    expect(y('p')).toBeLessThan(y('x'));
    expect(y('x')).toBeLessThan(y('j'));
    expect(y('j')).toBeLessThan(y('e'));
    const laid = { ...def, nodes: def.nodes.map((n) => ({ ...n, position: positions.get(n.id)! })) };
    expect(needsLayout(laid)).toBe(false);
    // The branch p → j skips x's level: its route and its label go around x's card, never through it.
    const x = positions.get('x')!;
    const insideX = (p: { x: number; y: number }) =>
      p.x > x.x && p.x < x.x + NODE_WIDTH && p.y > x.y && p.y < x.y + NODE_HEIGHT;
    const route = routes.get('e4')!;
    expect(route.points[0]).toEqual({ x: positions.get('p')!.x + NODE_WIDTH / 2, y: y('p') + NODE_HEIGHT });
    for (let i = 1; i < route.points.length; i += 1) {
      const [a, b] = [route.points[i - 1], route.points[i]];
      expect(a.x === b.x || a.y === b.y).toBe(true);
      for (let f = 0; f <= 1; f += 0.1)
        expect(insideX({ x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f })).toBe(false);
    }
    expect(insideX(labelPoint(route))).toBe(false);
  });
  it('draws a route only while the cards it joins stay where the layout put them', () => {
    const route = { points: [at(0, 76), at(0, 100), at(200, 100), at(200, 300)] };
    expect(currentRoute(route, at(2, 80), at(200, 300))?.points).toEqual([
      at(2, 80),
      at(2, 100),
      at(200, 100),
      at(200, 300),
    ]);
    expect(currentRoute(route, at(0, 76), at(400, 300))).toBeNull();
    expect(currentRoute(route, at(0, 120), at(200, 300))).toBeNull();
    expect(currentRoute(null, at(0, 76), at(200, 300))).toBeNull();
    expect(roundedPath([at(0, 0), at(0, 50), at(100, 50)])).toBe('M 0 0 L 0 42 Q 0 50 8 50 L 100 50');
    expect(labelPoint({ points: [at(0, 0), at(0, 10), at(100, 10)] })).toEqual(at(50, 10));
    // Without a route: a step line when nothing is in the way, else around the card in between.
    expect(detourAround(at(0, 0), at(0, 300), [], 40)).toBeNull();
    const card = { x: -120, y: 100, width: 240, height: 76 };
    const detour = detourAround(at(0, 0), at(0, 300), [card], 40)!;
    expect(detour.points.map((p) => p.x)).toContain(160);
    expect(labelPoint(detour)).toEqual(at(160, 150));
    const def: FlowDefinition = {
      ...flow(),
      edges: [
        { id: 'e1', source: 's', target: 'a' },
        { id: 'e2', source: 'a', target: 'p' },
      ],
    };
    const layout = {
      positions: new Map(def.nodes.map((n) => [n.id, n.position])),
      routes: new Map([
        ['e1', route],
        ['e2', route],
      ]),
    };
    expect([...routesStillInPlace(layout, def).keys()]).toEqual(['e1', 'e2']);
    const moved = { ...def, nodes: def.nodes.map((n) => (n.id === 'p' ? { ...n, position: at(999, 999) } : n)) };
    expect([...routesStillInPlace(layout, moved).keys()]).toEqual(['e1']);
  });
  it('centres the laid-out graph on x = 0', () => {
    const positions = positionsFromElk({ id: 'root', width: 400, children: [{ id: 'a', x: 0, y: 0, width: 400 }] });
    expect(positions.get('a')).toEqual({ x: -200, y: 0 });
  });
});

describe('undo history', () => {
  it('undoes and redoes steps, merges edits with the same tag, drops the future on a new edit', () => {
    let h: UndoHistory<number> = { past: [], present: 0, future: [], lastTag: null };
    h = undoReducer(h, { type: 'apply', next: 1, tag: null });
    h = undoReducer(h, { type: 'apply', next: 2, tag: 'label' });
    h = undoReducer(h, { type: 'apply', next: 3, tag: 'label' });
    expect(h.past).toEqual([0, 1]);
    h = undoReducer(h, { type: 'undo' });
    expect(h.present).toBe(1);
    h = undoReducer(h, { type: 'redo' });
    expect(h.present).toBe(3);
    h = undoReducer(h, { type: 'undo' });
    h = undoReducer(h, { type: 'apply', next: 9, tag: null });
    expect(h.future).toEqual([]);
    expect(h.present).toBe(9);
  });
});

describe('canvas sync and palette', () => {
  it('keeps node objects an edit did not touch and carries selection over', () => {
    const def = flow();
    const first = syncNodes([], def, NO_DECOR).map((n) => (n.id === 'a' ? { ...n, selected: true } : n));
    const edited = {
      ...def,
      nodes: def.nodes.map((n) => (n.id === 'a' ? { ...n, data: { ...n.data, label: 'Boss' } } : n)),
    };
    const second = syncNodes(first, edited, NO_DECOR);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    expect(second[1].selected).toBe(true);
    const decorated = syncNodes(second, edited, { problems: new Map([['x', 'error']]), visited: null });
    expect(decorated[4].className).toBe('flow-has-error');
    expect(decorated[0]).toBe(second[0]);
  });
  it('offers only the kinds of the flow’s mode, grouped by category; plugin kinds included', () => {
    const items: NodeKindInfo[] = [
      ...builtinNodeKinds.map((k) => ({ ...k, modes: [...k.modes] })),
      {
        kind: 'sms',
        category: 'action',
        modes: ['process', 'automation'],
        connections: { maxOut: 1 },
        labelKey: 'x',
        descriptionKey: 'y',
        dataSchema: {},
      },
    ];
    const automation = paletteGroups(items, 'automation').flatMap((g) => g.kinds.map((k) => k.kind));
    expect(automation).toContain('trigger');
    expect(automation).not.toContain('approval');
    expect(automation).not.toContain('start');
    expect(automation).toContain('sms');
    expect(paletteGroups(items, 'process').map((g) => g.category)).toEqual(['boundary', 'human', 'control', 'action']);
  });
  it('a new process flow drawn from defaults lints with the problems the user must fix (no approver yet)', () => {
    const def = flow();
    def.nodes[1].data = defaultNodeData('approval', undefined, def, { notifySubject: '' });
    const codes = lintFlow(def, { kinds: registry }).map((p) => p.code);
    expect(codes).toContain('assignees.none');
  });
});

describe('node card summaries', () => {
  const names = {
    user: (id: string) => ({ u1: '王经理', u2: '李总', u3: '赵六' })[id] ?? id,
    department: (id: string) => id,
    role: (id: string) => (id === 'r1' ? '财务' : id),
    field: (key: string) => (key === 'f_owner' ? '负责人' : key),
    form: (id: string) => (id === 'f1' ? '采购单' : id),
  };
  it('says who approves, how and by when; warns when nobody is chosen', () => {
    const lines = nodeSummary(
      'approval',
      {
        assignees: {
          rules: [{ type: 'users', userIds: ['u1', 'u2', 'u3'] }, { type: 'initiator' }],
          whenEmpty: 'admin',
        },
        mode: 'vote',
        votePercent: 60,
        deadline: { dueAfterMs: 2 * 86_400_000 },
      },
      names,
    );
    expect(lines).toEqual([
      {
        key: 'rule',
        rule: { type: 'users', userIds: ['u1', 'u2', 'u3'] },
        names: { users: { u1: '王经理', u2: '李总', u3: '赵六' }, roles: {}, departments: {}, fields: {} },
        more: 1,
      },
      { key: 'mode.vote', params: { percent: 60 } },
      { key: 'deadline.d', params: { count: 2 } },
    ]);
    expect(nodeSummary('cc', { assignees: { rules: [], whenEmpty: 'skip' } }, names)).toEqual([
      { key: 'nobody', warn: true },
    ]);
    // A role is named (the card says what the panel says: "角色：财务", not "1 个角色").
    const [cc] = nodeSummary(
      'cc',
      { assignees: { rules: [{ type: 'roles', roleIds: ['r1'] }], whenEmpty: 'skip' } },
      names,
    );
    expect(cc.names?.roles).toEqual({ r1: '财务' });
  });
  it('names the trigger’s form, the webhook’s host and the wait', () => {
    expect(nodeSummary('trigger', { trigger: { type: 'record_updated', formId: 'f1' } }, names)).toEqual([
      { key: 'trigger.record_updated', params: { form: '采购单' } },
    ]);
    expect(nodeSummary('webhook', { url: 'https://hooks.example.com/x' }, names)).toEqual([
      { key: 'url', params: { host: 'hooks.example.com' } },
    ]);
    expect(nodeSummary('webhook', { url: 'https://' }, names)[0].warn).toBe(true);
    expect(nodeSummary('delay', { durationMs: 90 * 60_000 }, names)).toEqual([
      { key: 'wait.m', params: { count: 90 } },
    ]);
    expect(
      nodeSummary(
        'notify',
        {
          recipients: { rules: [{ type: 'field', field: 'f_owner' }], whenEmpty: 'skip' },
          channels: ['inapp', 'email'],
        },
        names,
      ),
    ).toEqual([
      {
        key: 'rule',
        rule: { type: 'field', field: 'f_owner' },
        names: { users: {}, roles: {}, departments: {}, fields: { f_owner: '负责人' } },
      },
      { key: 'channels.email_inapp' },
    ]);
  });
});

describe('several edges at once', () => {
  it('replaces the data of the given edges in one step and leaves the others', () => {
    const def: FlowDefinition = {
      ...flow(),
      edges: [
        { id: 'b1', source: 'p', target: 'x', data: { isDefault: true } },
        { id: 'b2', source: 'p', target: 'e', data: { priority: 1 } },
        { id: 'b3', source: 'a', target: 'p' },
      ],
    };
    const next = setEdgesData(def, [
      { id: 'b1', data: { priority: 1 } },
      { id: 'b2', data: { isDefault: true } },
    ]);
    expect(next.edges.map((e) => e.data)).toEqual([{ priority: 1 }, { isDefault: true }, undefined]);
    expect(next.edges[2]).toBe(def.edges[2]);
  });
});

describe('card sizes and routes of a reopened large flow', () => {
  /** `rounds` blocks of: condition → (approval with a deadline | cc) → handle; ~4 nodes and 5 edges each. */
  function bigFlow(rounds: number): FlowDefinition {
    const nodes: FlowDefinition['nodes'] = [{ id: 's', type: 'start', position: at(0, 0), data: {} }];
    const edges: FlowDefinition['edges'] = [];
    const who = { rules: [{ type: 'initiator' as const }], whenEmpty: 'skip' as const };
    let previous = 's';
    for (let i = 0; i < rounds; i += 1) {
      const c = `c${i}`;
      const a = `a${i}`;
      const x = `x${i}`;
      const h = `h${i}`;
      nodes.push(
        { id: c, type: 'condition', position: at(0, 0), data: {} },
        {
          id: a,
          type: 'approval',
          position: at(0, 0),
          data: { assignees: who, mode: 'all', deadline: { dueAfterMs: 86_400_000 } },
        },
        { id: x, type: 'cc', position: at(0, 0), data: { assignees: who } },
        { id: h, type: 'handle', position: at(0, 0), data: { assignees: who, mode: 'any' } },
      );
      edges.push(
        { id: `${previous}-${c}`, source: previous, target: c },
        { id: `${c}-${a}`, source: c, target: a, data: { priority: 1 } },
        { id: `${c}-${x}`, source: c, target: x, data: { isDefault: true } },
        { id: `${a}-${h}`, source: a, target: h },
        { id: `${x}-${h}`, source: x, target: h },
      );
      previous = h;
    }
    nodes.push({ id: 'end', type: 'end', position: at(0, 0), data: {} });
    edges.push({ id: `${previous}-end`, source: previous, target: 'end' });
    return { mode: 'process', formId: 'form1', nodes, edges };
  }

  it('sizes a card by its summary lines: an approval with a deadline is taller than a CC, a join has no body', () => {
    const def = bigFlow(1);
    const sizes = cardSizes(def);
    expect(sizes.get('a0')!.height).toBeGreaterThan(sizes.get('x0')!.height);
    expect(sizes.get('a0')!.height - sizes.get('x0')!.height).toBe(2 * CARD_LINE_HEIGHT);
    expect(sizes.get('s')!.height).toBe(CARD_HEAD_HEIGHT);
    expect(new Set([...sizes.values()].map((s) => s.width))).toEqual(new Set([NODE_WIDTH]));
  });

  it('gives every edge of a 200-node flow its ELK route back when reopened, with no card measured', async () => {
    const elk = new ELK();
    const drawn = bigFlow(50);
    expect(drawn.nodes.length).toBeGreaterThan(200);
    const sizesAtLayout = cardSizes(drawn);
    const first = await layoutFlow(drawn, elk, (id) => sizesAtLayout.get(id));
    const saved = moveNodes(drawn, first.positions);
    expect(needsLayout(saved)).toBe(false);

    // Reopened: the editor lays out again without moving anything, sizes from the saved definition.
    const sizesAtReopen = cardSizes(structuredClone(saved));
    const reopened = await layoutFlow(saved, elk, (id) => sizesAtReopen.get(id));
    const routes = routesStillInPlace(reopened, saved);
    expect(routes.size).toBe(saved.edges.length);

    // A card moved since keeps only the routes of edges that do not touch it.
    const moved = moveNodes(saved, new Map([['a3', at(900, 900)]]));
    expect(routesStillInPlace(reopened, moved).size).toBe(saved.edges.length - 2);
  });
});
