import { ApartmentOutlined, LoadingOutlined } from '@ant-design/icons';
import {
  Background,
  ControlButton,
  Controls,
  MiniMap,
  ReactFlow,
  applyEdgeChanges,
  applyNodeChanges,
  useReactFlow,
  useStore,
  type Connection,
  type EdgeChange,
  type IsValidConnection,
  type NodeChange,
  type OnNodeDrag,
} from '@xyflow/react';
import type { FlowDefinition, FlowEdgeData, FormDefinition } from '@formloom/model';
import type { FlowLintProblem } from '@formloom/engine/flows/definitions';
import { App as AntApp, Tooltip } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useDesignerShortcuts } from '../designer/use-designer-shortcuts.js';
import { needsLayout, toElkGraph, NODE_HEIGHT, NODE_WIDTH, type BoxSize, type FlowLayout } from './auto-layout.js';
import { cardSizes } from './card-size.js';
import { browserLayoutCache, cachedLayout } from './layout-cache.js';
import { edgeLabelSize, edgeLabelText } from './edge-label.js';
import { routesStillInPlace } from './edge-route.js';
import { branchOrder } from '@formloom/engine/flows/definitions';
import { connectionRefusal } from './connection-rules.js';
import { elkInWorker } from './elk-in-worker.js';
import { defaultNodeData } from './default-node-data.js';
import type { NodeKindInfo } from './flow-api.js';
import { useFlowCanvasContext } from './flow-canvas-context.js';
import { copySelection, pasteClipboard, type FlowClipboard } from './flow-clipboard.js';
import {
  addNode,
  connectNodes,
  keepOneDefault,
  moveNodes,
  removeElements,
  setEdgeData,
  setEdgesData,
  setNodeData,
} from './flow-edits.js';
import { FlowEdgeView } from './FlowEdgeView.js';
import { FlowNodeCard } from './FlowNodeCard.js';
import { FLOW_KIND_MIME, FlowPalette } from './FlowPalette.js';
import { FlowSidePanel } from './FlowSidePanel.js';
import { syncEdges, syncNodes, type CanvasDecor, type CanvasEdge, type CanvasNode } from './flow-view-model.js';
import { paletteGroups } from './node-kind-catalog.js';
import { categoryOf } from './node-kind-catalog.js';
import { kindColor } from './node-appearance.js';
import { ProblemsPanel } from './ProblemsPanel.js';

interface Props {
  definition: FlowDefinition;
  readOnly: boolean;
  apply: (next: FlowDefinition, tag?: string | null) => void;
  undo: () => void;
  redo: () => void;
  kindList: NodeKindInfo[];
  problems: FlowLintProblem[];
  serverProblems: FlowLintProblem[];
  /** The dry run's path, or null. */
  visited: Set<string> | null;
  form: FormDefinition | null;
  forms: Array<{ id: string; name: string }>;
  appId: string;
  flowId: string;
}

const edgeTypes = { flow: FlowEdgeView };
const defaultEdgeOptions = { type: 'flow' };
const proOptions = { hideAttribution: true };
const PASTE_OFFSET = { x: 40, y: 40 };
/** Above this many nodes only what is in view is rendered (the 500-node bench pans smoothly). */
const VIRTUALIZE_FROM = 150;
/** Below this zoom cards show only their frame and title, and edge labels are hidden (unreadable, costly to paint). */
const FAR_ZOOM = 0.3;
const isFar = (state: { transform: [number, number, number] }) => state.transform[2] < FAR_ZOOM;
/** Far enough out that "fit view" shows a 500-node flow whole (at 0.1 it showed ~70 cards). */
const MIN_ZOOM = 0.02;
const controlsFitView = { padding: 0.1, minZoom: MIN_ZOOM, duration: 200 };
const MINIMAP_MAX = { width: 220, height: 180 };
const MINIMAP_MIN_SIDE = 90;

/** A minimap box shaped like the flow (a tall flow gets a tall, narrower box), within 220 × 180 px. */
function miniMapSize(definition: FlowDefinition): { width: number; height: number } {
  if (definition.nodes.length === 0) return MINIMAP_MAX;
  const xs = definition.nodes.map((n) => n.position.x);
  const ys = definition.nodes.map((n) => n.position.y);
  const w = Math.max(...xs) - Math.min(...xs) + NODE_WIDTH;
  const h = Math.max(...ys) - Math.min(...ys) + NODE_HEIGHT;
  if (h / w >= MINIMAP_MAX.height / MINIMAP_MAX.width)
    return { width: Math.max(MINIMAP_MIN_SIDE, Math.round((MINIMAP_MAX.height * w) / h)), height: MINIMAP_MAX.height };
  return { width: MINIMAP_MAX.width, height: Math.max(MINIMAP_MIN_SIDE, Math.round((MINIMAP_MAX.width * h) / w)) };
}

/**
 * The flow canvas with its palette, problems and side panel. The definition (the engine's
 * document) is the one source of truth: every committed edit goes through `apply` (undo
 * history); React Flow's own state only carries what is in flight (a drag, the selection,
 * measured sizes) and is re-synced from the definition after each edit.
 */
export function FlowEditor(props: Props) {
  const {
    definition,
    readOnly,
    apply,
    undo,
    redo,
    kindList,
    problems,
    serverProblems,
    visited,
    form,
    forms,
    appId,
    flowId,
  } = props;
  const { t, i18n } = useTranslation();
  const { message } = AntApp.useApp();
  const flow = useReactFlow<CanvasNode, CanvasEdge>();
  const { kinds, names, fields, fieldsLoaded } = useFlowCanvasContext();
  /** The last layout (ELK's positions and edge routes); an edge draws its route while its cards stay where ELK put them. */
  const [lastLayout, setLastLayout] = useState<FlowLayout>(() => ({ positions: new Map(), routes: new Map() }));
  const routes = useMemo(() => routesStillInPlace(lastLayout, definition), [lastLayout, definition]);

  const decor = useMemo<CanvasDecor>(() => {
    const severity = new Map<string, 'error' | 'warning'>();
    for (const p of [...problems, ...serverProblems]) {
      const id = p.nodeId ?? p.edgeId;
      if (id && severity.get(id) !== 'error') severity.set(id, p.severity);
    }
    return { problems: severity, visited };
  }, [problems, serverProblems, visited]);

  const [nodes, setNodes] = useState<CanvasNode[]>(() => syncNodes([], definition, decor));
  const [edges, setEdges] = useState<CanvasEdge[]>(() => syncEdges([], definition, decor));
  /** Ids to select once the next definition is on the canvas (a new node, pasted nodes). */
  const pendingSelection = useRef<Set<string> | null>(null);
  const latest = useRef({ definition, nodes, edges });
  latest.current = { definition, nodes, edges };

  useEffect(() => {
    const select = pendingSelection.current;
    pendingSelection.current = null;
    setNodes((prev) => {
      const synced = syncNodes(prev, definition, decor);
      if (!select) return synced;
      return synced.map((n) => (Boolean(n.selected) === select.has(n.id) ? n : { ...n, selected: select.has(n.id) }));
    });
    setEdges((prev) => {
      const synced = syncEdges(prev, definition, decor, routes);
      if (!select) return synced;
      return synced.map((e) => (Boolean(e.selected) === select.has(e.id) ? e : { ...e, selected: select.has(e.id) }));
    });
  }, [definition, decor, routes]);

  const nodeTypes = useMemo(
    () => Object.fromEntries(kindList.map((k) => [k.kind, FlowNodeCard])),
    // One map per set of kinds: React Flow warns (and remounts) when nodeTypes changes identity.
    [kindList],
  );

  const commit = useCallback(
    (next: FlowDefinition, select?: string[], tag: string | null = null) => {
      if (select) pendingSelection.current = new Set(select);
      apply(next, tag);
    },
    [apply],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) =>
      setNodes((current) =>
        applyNodeChanges(
          changes.filter((c) => c.type !== 'remove'),
          current,
        ),
      ),
    [],
  );
  const onEdgesChange = useCallback(
    (changes: EdgeChange<CanvasEdge>[]) =>
      setEdges((current) =>
        applyEdgeChanges(
          changes.filter((c) => c.type !== 'remove'),
          current,
        ),
      ),
    [],
  );

  const onNodeDragStop = useCallback<OnNodeDrag<CanvasNode>>(
    (_event, _node, dragged) => {
      const positions = new Map(dragged.map((n) => [n.id, n.position]));
      commit(moveNodes(latest.current.definition, positions));
    },
    [commit],
  );

  const limitsOf = useCallback((kind: string) => kinds.get(kind)?.connections, [kinds]);
  const isValidConnection = useCallback<IsValidConnection<CanvasEdge>>(
    (connection) => connectionRefusal(latest.current.definition, connection, limitsOf) === null,
    [limitsOf],
  );
  const onConnect = useCallback(
    (connection: Connection) => {
      const refusal = connectionRefusal(latest.current.definition, connection, limitsOf);
      if (refusal) {
        void message.warning(t(`flows.connection.${refusal}`));
        return;
      }
      const { definition: next, id } = connectNodes(latest.current.definition, connection);
      commit(next, [id]);
    },
    [commit, limitsOf, message, t],
  );
  /** Tells why a connection dropped on a node was refused (React Flow only draws it red). */
  const onConnectEnd = useCallback(
    (
      _event: MouseEvent | TouchEvent,
      state: { isValid: boolean | null; fromNode: { id: string } | null; toNode: { id: string } | null },
    ) => {
      if (state.isValid !== false || !state.fromNode || !state.toNode) return;
      const refusal = connectionRefusal(
        latest.current.definition,
        { source: state.fromNode.id, target: state.toNode.id },
        limitsOf,
      );
      if (refusal) void message.warning(t(`flows.connection.${refusal}`));
    },
    [limitsOf, message, t],
  );

  const insertKind = useCallback(
    (kind: string, position: { x: number; y: number }) => {
      const info = kinds.get(kind);
      const current = latest.current.definition;
      const data = defaultNodeData(kind, info?.dataSchema, current, {
        notifySubject: t('flows.defaults.notifySubject'),
      });
      const { definition: next, id } = addNode(current, kind, position, data);
      commit(next, [id]);
    },
    [commit, kinds, t],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(FLOW_KIND_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);
  const onDrop = useCallback(
    (event: DragEvent) => {
      const kind = event.dataTransfer.getData(FLOW_KIND_MIME);
      if (!kind || readOnly) return;
      event.preventDefault();
      const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      insertKind(kind, { x: at.x - NODE_WIDTH / 2, y: at.y - NODE_HEIGHT / 2 });
    },
    [flow, insertKind, readOnly],
  );
  const wrapper = useRef<HTMLDivElement>(null);
  const addInView = useCallback(
    (kind: string) => {
      const box = wrapper.current?.getBoundingClientRect();
      const centre = box
        ? flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 3 })
        : { x: 0, y: 0 };
      // Nudge so several clicks do not stack the cards exactly.
      const nudge = (latest.current.definition.nodes.length % 5) * 24;
      insertKind(kind, { x: centre.x - NODE_WIDTH / 2 + nudge, y: centre.y - NODE_HEIGHT / 2 + nudge });
    },
    [flow, insertKind],
  );

  const [layingOut, setLayingOut] = useState(false);
  const far = useStore(isFar);
  const layoutRun = useRef(0);
  /**
   * Runs ELK on the flow as it is (card sizes from the definition — `card-size.ts` —, label
   * sizes); null when the flow changed meanwhile or a newer run started.
   */
  const runLayout = useCallback(async () => {
    const current = latest.current.definition;
    const run = ++layoutRun.current;
    const sizes = cardSizes(current);
    const branches = new Map<string, number>();
    for (const node of current.nodes)
      if (node.type === 'condition') branchOrder(current, node.id).forEach((e, i) => branches.set(e.id, i + 1));
    const labels = new Map<string, BoxSize>();
    for (const edge of current.edges) {
      const branchIndex = branches.get(edge.id) ?? null;
      const text = edgeLabelText(edge.label, edge.data, branchIndex, fields, t);
      if (text) labels.set(edge.id, edgeLabelSize(text, branchIndex !== null && !edge.data?.isDefault));
    }
    const graph = toElkGraph(
      current,
      (id) => sizes.get(id),
      (id) => labels.get(id),
    );
    const layout = await cachedLayout(graph, elkInWorker(), browserLayoutCache(), flowId);
    return latest.current.definition === current && layoutRun.current === run ? { current, layout } : null;
  }, [fields, t, flowId]);
  const tidy = useCallback(
    async (record: boolean) => {
      setLayingOut(true);
      const result = await runLayout().finally(() => setLayingOut(false));
      if (!result) return;
      setLastLayout(result.layout);
      commit(moveNodes(result.current, result.layout.positions), undefined, record ? null : 'layout');
      requestAnimationFrame(() => void flow.fitView({ padding: 0.2, maxZoom: 1, minZoom: MIN_ZOOM, duration: 200 }));
    },
    [commit, flow, runLayout],
  );
  // A new flow (or an imported one) is laid out once when it opens; one laid out before gets its
  // edge routes back: ELK is deterministic and card sizes come from the definition, so edges
  // whose cards are where ELK puts them follow its routes — measured or not (a large flow renders
  // only what is in view). Both wait for the form's fields (branch labels name them, and ELK keeps
  // room for the labels); the routes are fetched again when the language changes.
  const labelsKey = useMemo(
    () =>
      `${i18n.language}|${Object.entries(fields)
        .map(([key, meta]) => `${key}:${meta.label}`)
        .join('|')}`,
    [fields, i18n.language],
  );
  const openedWith = useRef<string | null>(null);
  const runLayoutNow = useRef(runLayout);
  runLayoutNow.current = runLayout;
  useEffect(() => {
    if (!fieldsLoaded || openedWith.current === labelsKey) return;
    const first = openedWith.current === null;
    openedWith.current = labelsKey;
    if (first && !readOnly && needsLayout(latest.current.definition)) {
      void tidy(true);
      return;
    }
    void runLayoutNow.current().then((result) => result && setLastLayout(result.layout));
  }, [labelsKey, fieldsLoaded, readOnly, tidy]);

  const selectedNodeIds = useMemo(() => nodes.filter((n) => n.selected).map((n) => n.id), [nodes]);
  const selectedEdgeIds = useMemo(() => edges.filter((e) => e.selected).map((e) => e.id), [edges]);
  const nodeKey = selectedNodeIds.join(',');
  const edgeKey = selectedEdgeIds.join(',');
  // Stable arrays while the selection is the same (the side panel is memoised on them); ids hold no commas.
  const stableNodeIds = useMemo(() => (nodeKey ? nodeKey.split(',') : []), [nodeKey]);
  const stableEdgeIds = useMemo(() => (edgeKey ? edgeKey.split(',') : []), [edgeKey]);

  const removeSelected = useCallback(() => {
    if (readOnly) return false;
    const nodeIds = latest.current.nodes.filter((n) => n.selected).map((n) => n.id);
    const edgeIds = latest.current.edges.filter((e) => e.selected).map((e) => e.id);
    if (nodeIds.length === 0 && edgeIds.length === 0) return false;
    commit(removeElements(latest.current.definition, nodeIds, edgeIds), []);
    return true;
  }, [commit, readOnly]);

  const clipboard = useRef<FlowClipboard | null>(null);
  const pasteCount = useRef(0);
  useDesignerShortcuts(
    {
      undo,
      redo,
      copy: () => {
        const ids = latest.current.nodes.filter((n) => n.selected).map((n) => n.id);
        const copied = copySelection(
          latest.current.definition,
          ids,
          (kind) => kinds.get(kind)?.connections.maxIn !== 0,
        );
        if (!copied) return false;
        clipboard.current = copied;
        pasteCount.current = 0;
        return true;
      },
      paste: () => {
        if (!clipboard.current || readOnly) return false;
        pasteCount.current += 1;
        const offset = { x: PASTE_OFFSET.x * pasteCount.current, y: PASTE_OFFSET.y * pasteCount.current };
        const { definition: next, nodeIds } = pasteClipboard(latest.current.definition, clipboard.current, offset);
        commit(next, nodeIds);
        return true;
      },
      remove: removeSelected,
    },
    true,
  );

  const onNodeData = useCallback(
    (nodeId: string, data: Record<string, unknown>) =>
      commit(setNodeData(latest.current.definition, nodeId, data), undefined, `node:${nodeId}`),
    [commit],
  );
  const onEdgeData = useCallback(
    (edgeId: string, data: FlowEdgeData, label?: string) =>
      commit(
        keepOneDefault(setEdgeData(latest.current.definition, edgeId, data, label), edgeId),
        undefined,
        `edge:${edgeId}`,
      ),
    [commit],
  );

  const onEdgesData = useCallback(
    (changes: Array<{ id: string; data: FlowEdgeData }>) =>
      commit(setEdgesData(latest.current.definition, changes), undefined, null),
    [commit],
  );
  const selectEdge = useCallback((edgeId: string) => {
    setNodes((current) => current.map((n) => (n.selected ? { ...n, selected: false } : n)));
    setEdges((current) =>
      current.map((e) => (Boolean(e.selected) === (e.id === edgeId) ? e : { ...e, selected: e.id === edgeId })),
    );
  }, []);

  const focusProblem = useCallback(
    (problem: FlowLintProblem) => {
      const edge = problem.edgeId ? latest.current.definition.edges.find((e) => e.id === problem.edgeId) : undefined;
      const nodeId = problem.nodeId ?? edge?.source;
      setNodes((current) =>
        current.map((n) =>
          Boolean(n.selected) === (n.id === problem.nodeId) ? n : { ...n, selected: n.id === problem.nodeId },
        ),
      );
      setEdges((current) =>
        current.map((e) =>
          Boolean(e.selected) === (e.id === problem.edgeId) ? e : { ...e, selected: e.id === problem.edgeId },
        ),
      );
      if (nodeId) void flow.fitView({ nodes: [{ id: nodeId }], maxZoom: 1.1, duration: 300, padding: 0.4 });
    },
    [flow],
  );
  const nodeName = useCallback(
    (nodeId: string) => {
      const node = latest.current.definition.nodes.find((n) => n.id === nodeId);
      if (!node) return nodeId;
      if (typeof node.data.label === 'string' && node.data.label.trim()) return node.data.label;
      return t(kinds.get(node.type)?.labelKey ?? node.type, { defaultValue: node.type });
    },
    [kinds, t],
  );

  // A large flow opens at its beginning, readable (and only what is in view is rendered); a small one fits whole.
  const [initialView] = useState(() => {
    if (definition.nodes.length <= VIRTUALIZE_FROM) return { padding: 0.2, maxZoom: 1 };
    const entry = definition.nodes.find((n) => kinds.get(n.type)?.connections.maxIn === 0) ?? definition.nodes[0];
    const near = definition.nodes
      .filter((n) => Math.abs(n.position.y - entry.position.y) < 600 && Math.abs(n.position.x - entry.position.x) < 900)
      .map((n) => ({ id: n.id }));
    return { nodes: near, padding: 0.1, maxZoom: 1, minZoom: 0.6 };
  });

  const groups = useMemo(() => paletteGroups(kindList, definition.mode), [kindList, definition.mode]);
  const miniMapColor = useCallback(
    (node: CanvasNode) => kindColor(node.type ?? '', categoryOf(kinds, node.type ?? ''), node.data),
    [kinds],
  );
  // A new style object only when the flow's extent changes shape (a layout), not on every edit.
  const miniMap = miniMapSize(definition);
  const miniMapStyle = useMemo(
    () => ({ width: miniMap.width, height: miniMap.height }),
    [miniMap.width, miniMap.height],
  );
  const formOptions = forms;
  void names;

  return (
    <div className="flow-editor">
      <FlowPalette groups={groups} disabled={readOnly} onAdd={addInView} />
      <div
        className={far ? 'flow-canvas is-far' : 'flow-canvas'}
        ref={wrapper}
        onDragOver={onDragOver}
        onDrop={onDrop}
        data-testid="flow-canvas"
      >
        <ReactFlow<CanvasNode, CanvasEdge>
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          defaultEdgeOptions={defaultEdgeOptions}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onNodeDragStop={onNodeDragStop}
          onConnect={onConnect}
          onConnectEnd={onConnectEnd}
          isValidConnection={isValidConnection}
          nodesDraggable={!readOnly}
          nodesConnectable={!readOnly}
          edgesReconnectable={false}
          deleteKeyCode={null}
          onlyRenderVisibleElements={nodes.length > VIRTUALIZE_FROM}
          fitView
          fitViewOptions={initialView}
          minZoom={MIN_ZOOM}
          maxZoom={2}
          proOptions={proOptions}
        >
          <Background gap={16} color="#e3e6ec" />
          <Controls showInteractive={false} fitViewOptions={controlsFitView}>
            {!readOnly && (
              <ControlButton
                onClick={() => void tidy(false)}
                title={t('flows.toolbar.tidy')}
                aria-label={t('flows.toolbar.tidy')}
                data-testid="flow-tidy"
              >
                <ApartmentOutlined />
              </ControlButton>
            )}
          </Controls>
          <MiniMap
            pannable
            zoomable
            nodeColor={miniMapColor}
            nodeStrokeWidth={0}
            nodeBorderRadius={6}
            maskColor="rgba(240, 242, 245, 0.75)"
            style={miniMapStyle}
            ariaLabel={t('flows.minimap')}
          />
        </ReactFlow>
        {!readOnly && (
          <div className="flow-canvas-actions">
            <Tooltip title={t('flows.toolbar.tidy')}>
              <button type="button" className="flow-chip" disabled={layingOut} onClick={() => void tidy(false)}>
                {layingOut ? <LoadingOutlined /> : <ApartmentOutlined />} {t('flows.toolbar.tidy')}
              </button>
            </Tooltip>
          </div>
        )}
        <ProblemsPanel problems={problems} serverProblems={serverProblems} nodeName={nodeName} onFocus={focusProblem} />
      </div>
      <FlowSidePanel
        definition={definition}
        nodeIds={stableNodeIds}
        edgeIds={stableEdgeIds}
        form={form}
        forms={formOptions}
        readOnly={readOnly}
        onNodeData={onNodeData}
        onEdgeData={onEdgeData}
        onEdgesData={onEdgesData}
        onSelectEdge={selectEdge}
        appId={appId}
        flowId={flowId}
        onRemove={() => void removeSelected()}
      />
    </div>
  );
}
