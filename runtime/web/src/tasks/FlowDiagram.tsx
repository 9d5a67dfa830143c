import { Background, Controls, Handle, Position, ReactFlow, type Edge, type Node, type NodeProps } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { Space, Tag } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { diagramProgress, type NodeProgress } from './flow-progress';
import type { FlowDiagram as Diagram, InstanceState } from './tasks-api';

type StepData = { label: string; kind: string; progress: NodeProgress; kindLabel: string };
type StepNode = Node<StepData, 'step'>;

function StepBox({ data }: NodeProps<StepNode>) {
  return (
    <div className={`fl-flow-node ${data.progress}`} data-progress={data.progress}>
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <span className="fl-flow-node-kind">{data.kindLabel}</span>
      {data.label}
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
}
const NODE_TYPES = { step: StepBox };

/**
 * The instance's flow version drawn read-only (@xyflow/react) at the designer's positions: the
 * current step(s) highlighted, passed steps and the edges walked marked in green.
 */
export function FlowDiagram({ diagram, state }: { diagram: Diagram; state: InstanceState }) {
  const { t, i18n } = useTranslation();
  const { nodes, edges } = useMemo(() => {
    const progress = diagramProgress(diagram, state);
    const nodes: StepNode[] = diagram.nodes.map((n) => {
      const kindLabel = t(`tasks.flow.kinds.${n.type}`, { defaultValue: n.type });
      return {
        id: n.id,
        type: 'step',
        position: n.position,
        data: { label: n.label || kindLabel, kind: n.type, kindLabel, progress: progress.nodes.get(n.id) ?? 'idle' },
        draggable: false,
        connectable: false,
        selectable: false,
      };
    });
    const edges: Edge[] = diagram.edges.map((e) => {
      const walked = progress.passedEdges.has(e.id);
      return {
        id: e.id,
        source: e.source,
        target: e.target,
        label: e.label || undefined,
        animated: walked && progress.nodes.get(e.target) === 'current',
        style: walked ? { stroke: '#52c41a', strokeWidth: 2 } : { stroke: '#bfbfbf' },
      };
    });
    return { nodes, edges };
  }, [diagram, state, i18n.language]);

  return (
    <div>
      <div className="fl-flow-diagram" data-testid="flow-diagram">
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={NODE_TYPES}
          fitView
          fitViewOptions={{ padding: 0.15, maxZoom: 1.2 }}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          proOptions={{ hideAttribution: true }}
          minZoom={0.2}
        >
          <Background gap={16} size={1} />
          <Controls showInteractive={false} />
        </ReactFlow>
      </div>
      <Space size={4} style={{ marginTop: 8 }}>
        <Tag color="processing">{t('tasks.flow.legend.current')}</Tag>
        <Tag color="success">{t('tasks.flow.legend.passed')}</Tag>
        <Tag>{t('tasks.flow.legend.idle')}</Tag>
      </Space>
    </div>
  );
}
