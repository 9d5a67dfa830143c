import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, useStoreApi, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFlowCanvasContext } from './flow-canvas-context.js';
import type { CanvasEdge } from './flow-view-model.js';
import { conditionSummary } from './panels/condition-summary.js';

/**
 * An edge drawn as a rounded orthogonal line. Branches of a condition node carry a label: their
 * order, the builder's label or a summary of the condition, and "default" for the fallback.
 */
export const FlowEdgeView = memo(function FlowEdgeView(props: EdgeProps<CanvasEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, label, markerEnd, selected } =
    props;
  const { t } = useTranslation();
  const { fields } = useFlowCanvasContext();
  const store = useStoreApi();
  const [path, labelX, labelY] = getSmoothStepPath({
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
    borderRadius: 8,
  });
  const flow = data?.flow;
  const branchIndex = data?.branchIndex ?? null;
  let text = typeof label === 'string' ? label : '';
  if (!text && branchIndex !== null) {
    if (flow?.isDefault) text = t('flows.edge.default');
    else if (!flow?.condition || flow.condition.cond.length === 0) text = t('flows.edge.noCondition');
    else text = conditionSummary(flow.condition, fields, t);
  }
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        className={selected ? 'flow-edge is-selected' : 'flow-edge'}
      />
      {(text || branchIndex !== null) && (
        <EdgeLabelRenderer>
          <div
            className={`flow-edge-label nodrag nopan${flow?.isDefault ? ' is-default' : ''}${selected ? ' is-selected' : ''}`}
            data-testid={`flow-edge-label-${id}`}
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
