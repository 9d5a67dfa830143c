import {
  BaseEdge,
  EdgeLabelRenderer,
  getSmoothStepPath,
  useStoreApi,
  type EdgeProps,
  type InternalNode,
} from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { edgeLabelSize, edgeLabelText } from './edge-label.js';
import { currentRoute, detourAround, labelPoint, roundedPath, type Box } from './edge-route.js';
import { useFlowCanvasContext } from './flow-canvas-context.js';
import type { CanvasEdge, CanvasNode } from './flow-view-model.js';

/** The cards an edge must not cross: every card but its own two (read when the edge renders). */
function obstaclesFor(
  nodeLookup: ReadonlyMap<string, InternalNode<CanvasNode>>,
  source: string,
  target: string,
): Box[] {
  const boxes: Box[] = [];
  for (const [id, node] of nodeLookup) {
    if (id === source || id === target || !node.measured.width || !node.measured.height) continue;
    const { x, y } = node.internals.positionAbsolute;
    boxes.push({ x, y, width: node.measured.width, height: node.measured.height });
  }
  return boxes;
}

/**
 * An edge drawn along the route ELK computed at the last layout (a polyline with rounded
 * corners, so a branch that skips a level goes around the cards in between); when a card it
 * touches moved since (or the flow was opened with cards sized differently than at its layout),
 * as a rounded step line, or a detour around the cards that step line would cross. Branches of a condition node carry a label:
 * their order, the builder's label or a summary of the condition, and "default" for the fallback.
 */
export const FlowEdgeView = memo(function FlowEdgeView(props: EdgeProps<CanvasEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, label, markerEnd, selected } =
    props;
  const { t } = useTranslation();
  const { fields } = useFlowCanvasContext();
  const store = useStoreApi<CanvasNode, CanvasEdge>();
  const flow = data?.flow;
  const branchIndex = data?.branchIndex ?? null;
  const text = edgeLabelText(label, flow, branchIndex, fields, t);
  const source = { x: sourceX, y: sourceY };
  const target = { x: targetX, y: targetY };
  const elkRoute = currentRoute(data?.route, source, target);
  const route =
    elkRoute ??
    detourAround(
      source,
      target,
      obstaclesFor(store.getState().nodeLookup, props.source, props.target),
      text ? edgeLabelSize(text, branchIndex !== null).width / 2 + 12 : 24,
    );
  let path: string;
  let labelX: number;
  let labelY: number;
  if (route) {
    path = roundedPath(route.points);
    ({ x: labelX, y: labelY } = labelPoint(route));
  } else {
    [path, labelX, labelY] = getSmoothStepPath({
      sourceX,
      sourceY,
      targetX,
      targetY,
      sourcePosition,
      targetPosition,
      borderRadius: 8,
    });
  }
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        className={`flow-edge${elkRoute ? ' is-elk' : route ? ' is-detour' : ''}${selected ? ' is-selected' : ''}`}
      />
      {(text || branchIndex !== null) && (
        <EdgeLabelRenderer>
          <div
            className={`flow-edge-label nodrag nopan${flow?.isDefault ? ' is-default' : ''}${selected ? ' is-selected' : ''}`}
            data-testid={`flow-edge-label-${id}`}
            data-routed={elkRoute ? 'elk' : route ? 'detour' : 'step'}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            role="button"
            tabIndex={-1}
            onClick={() => store.getState().addSelectedEdges([id])}
          >
            {branchIndex !== null && !flow?.isDefault && <span className="flow-edge-order">{branchIndex}</span>}
            {text}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});
