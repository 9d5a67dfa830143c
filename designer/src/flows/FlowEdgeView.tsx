import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, useStoreApi, type EdgeProps } from '@xyflow/react';
import type { Condition, ConditionLeaf } from '@formloom/model';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFlowCanvasContext } from './flow-canvas-context.js';
import type { CanvasEdge } from './flow-view-model.js';

function leaves(condition: Condition | undefined): ConditionLeaf[] {
  if (!condition) return [];
  return condition.cond.flatMap((c) => ('rel' in c ? leaves(c) : [c]));
}

/**
 * An edge drawn as a rounded orthogonal line. Branches of a condition node carry a label: their
 * order, the builder's label or a summary of the condition, and "default" for the fallback.
 */
export const FlowEdgeView = memo(function FlowEdgeView(props: EdgeProps<CanvasEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, label, markerEnd, selected } =
    props;
  const { t } = useTranslation();
  const { names } = useFlowCanvasContext();
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
    else {
      const conditions = leaves(flow?.condition);
      text =
        conditions.length === 0
          ? t('flows.edge.noCondition')
          : conditions.length === 1
            ? t('flows.edge.oneCondition', { field: names.field(conditions[0].field) })
            : t('flows.edge.conditions', { count: conditions.length });
    }
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
