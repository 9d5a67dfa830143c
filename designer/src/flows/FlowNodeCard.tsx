import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFlowCanvasContext } from './flow-canvas-context.js';
import { categoryOf } from './node-kind-catalog.js';
import { kindColor, kindIcon } from './node-appearance.js';
import { nodeSummary } from './node-summary.js';
import { summarizeRule } from './panels/summaries.js';
import type { CanvasNode } from './flow-view-model.js';

/**
 * One node on the canvas, for every kind: a card with the kind's icon and colour, its name, and
 * what it does at a glance (who approves and how, the deadline, the trigger …). Memoised: React
 * Flow hands it a new object only when the node itself changed.
 */
export const FlowNodeCard = memo(function FlowNodeCard({ id, type, data, selected }: NodeProps<CanvasNode>) {
  const { t } = useTranslation();
  const { kinds, names } = useFlowCanvasContext();
  const info = kinds.get(type);
  const category = categoryOf(kinds, type);
  const color = kindColor(type, category, data);
  const kindLabel = t(info?.labelKey ?? `flow.node.${type}.label`, { defaultValue: type });
  const label = typeof data.label === 'string' && data.label.trim() ? data.label : kindLabel;
  const lines = nodeSummary(type, data, names);
  const acceptsInput = info?.connections.maxIn !== 0;
  const hasOutput = info?.connections.maxOut !== 0;
  return (
    <div
      className={`flow-node-card${selected ? ' is-selected' : ''}`}
      data-testid={`flow-node-${id}`}
      data-kind={type}
      aria-label={`${kindLabel}: ${label}`}
      style={{ ['--flow-node-color' as string]: color }}
    >
      {acceptsInput && <Handle type="target" position={Position.Top} className="flow-handle" />}
      <div className="flow-node-head">
        <span className="flow-node-icon">{kindIcon(type)}</span>
        <span className="flow-node-title" title={label}>
          {label}
        </span>
        {label !== kindLabel && <span className="flow-node-kind">{kindLabel}</span>}
      </div>
      {lines.length > 0 && (
        <div className="flow-node-body">
          {lines.map((line, i) => (
            <div key={i} className={line.warn ? 'flow-node-line is-warn' : 'flow-node-line'}>
              {line.rule ? summarizeRule(line.rule, t, line.names) : t(`flows.summary.${line.key}`, line.params)}
              {line.more ? ` +${line.more}` : ''}
            </div>
          ))}
        </div>
      )}
      {hasOutput && <Handle type="source" position={Position.Bottom} className="flow-handle" />}
    </div>
  );
});
