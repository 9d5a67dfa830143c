import { DeleteOutlined } from '@ant-design/icons';
import type { FlowDefinition, FlowEdgeData, FormDefinition } from '@formloom/model';
import { Button, Descriptions, Typography } from 'antd';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFlowCanvasContext } from './flow-canvas-context.js';
import { kindColor, kindIcon } from './node-appearance.js';
import { categoryOf } from './node-kind-catalog.js';
import { EdgePanel } from './panels/EdgePanel.js';
import { NodePanel } from './panels/NodePanel.js';

interface Props {
  definition: FlowDefinition;
  nodeIds: string[];
  edgeIds: string[];
  form: FormDefinition | null;
  forms: Array<{ id: string; name: string }>;
  readOnly: boolean;
  onNodeData: (nodeId: string, data: Record<string, unknown>) => void;
  onEdgeData: (edgeId: string, data: FlowEdgeData, label?: string) => void;
  onEdgesData: (changes: Array<{ id: string; data: FlowEdgeData }>) => void;
  onSelectEdge: (edgeId: string) => void;
  appId: string;
  flowId: string;
  onRemove: () => void;
}

/** The right-hand panel: the selected node's or connection's settings, several selected, or the flow itself. */
export const FlowSidePanel = memo(function FlowSidePanel(props: Props) {
  const { definition, nodeIds, edgeIds, form, forms, readOnly, onNodeData, onEdgeData, onRemove } = props;
  const { onEdgesData, onSelectEdge, appId, flowId } = props;
  const { t } = useTranslation();
  const { kinds, names } = useFlowCanvasContext();
  const count = nodeIds.length + edgeIds.length;

  if (count > 1)
    return (
      <aside className="flow-side" data-testid="flow-side-panel">
        <Typography.Title level={5}>{t('flows.side.multi', { count })}</Typography.Title>
        {!readOnly && (
          <Button danger icon={<DeleteOutlined />} onClick={onRemove}>
            {t('flows.side.remove')}
          </Button>
        )}
      </aside>
    );

  const node = nodeIds.length === 1 ? definition.nodes.find((n) => n.id === nodeIds[0]) : undefined;
  if (node) {
    const info = kinds.get(node.type);
    return (
      <aside className="flow-side" data-testid="flow-side-panel" data-node-id={node.id}>
        <div
          className="flow-side-head"
          style={{ ['--flow-node-color' as string]: kindColor(node.type, categoryOf(kinds, node.type), node.data) }}
        >
          <span className="flow-node-icon">{kindIcon(node.type)}</span>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t(info?.labelKey ?? node.type, { defaultValue: node.type })}
          </Typography.Title>
        </div>
        <NodePanel
          key={node.id}
          node={node}
          definition={definition}
          form={form}
          forms={forms}
          readOnly={readOnly}
          onChange={(data) => onNodeData(node.id, data)}
          onEdgesChange={onEdgesData}
          onSelectEdge={onSelectEdge}
          appId={appId}
          flowId={flowId}
        />
      </aside>
    );
  }

  const edge = edgeIds.length === 1 ? definition.edges.find((e) => e.id === edgeIds[0]) : undefined;
  if (edge)
    return (
      <aside className="flow-side" data-testid="flow-side-panel" data-edge-id={edge.id}>
        <EdgePanel
          key={edge.id}
          edge={edge}
          definition={definition}
          form={form}
          readOnly={readOnly}
          onChange={(data, label) => onEdgeData(edge.id, data, label)}
        />
      </aside>
    );

  return (
    <aside className="flow-side" data-testid="flow-side-panel">
      <Typography.Title level={5}>{t('flows.side.flowTitle')}</Typography.Title>
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'mode', label: t('flows.mode'), children: t(`flows.${definition.mode}`) },
          ...(definition.formId
            ? [{ key: 'form', label: t('flows.side.form'), children: names.form(definition.formId) }]
            : []),
          {
            key: 'size',
            label: t('flows.side.size'),
            children: t('flows.side.nodes', { count: definition.nodes.length, edges: definition.edges.length }),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t('flows.side.help')}
      </Typography.Paragraph>
    </aside>
  );
});
