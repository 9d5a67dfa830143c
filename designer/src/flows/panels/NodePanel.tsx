import type { FlowDefinition, FlowEdgeData, FlowNode, FormDefinition } from '@formloom/model';
import { FLOW_NODE_KIND_MESSAGES } from '@formloom/engine/flows/definitions';
import { Alert, ConfigProvider, Form, Input, Tag, Typography } from 'antd';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { ApprovalPanel, CcPanel, StartPanel } from './HumanPanels.js';
import { ConditionNodePanel, DelayPanel, EndPanel, PlainPanel, SubflowPanel } from './ControlPanels.js';
import { NotifyPanel, WebhookPanel } from './MessagePanels.js';
import { CreateRecordPanel, DeleteRecordsPanel, UpdateRecordsPanel, UpsertRecordPanel } from './RecordActionPanels.js';
import { TriggerPanel } from './TriggerPanel.js';
import type { EdgeDataChange, KindPanelProps, PanelContext } from './panel-types.js';

export interface NodePanelProps {
  node: FlowNode;
  /** The whole current document (for references, e.g. rejectTo nodes, a condition's branches). */
  definition: FlowDefinition;
  /** The bound/trigger form's published definition (fields), if any. */
  form: FormDefinition | null;
  /** Forms of the app (for action nodes / triggers). */
  forms: Array<{ id: string; name: string }>;
  readOnly: boolean;
  /** Replace node.data (the editor records undo history). */
  onChange(data: Record<string, unknown>): void;
  /** Optional: the app (subflow's flow list; found through a form when absent). */
  appId?: string;
  /** Optional: the flow being edited (webhook secret/deliveries links; a subflow cannot be itself). */
  flowId?: string;
  /** Optional: a condition node's panel reorders branches and picks the default through this. */
  onEdgesChange?(changes: EdgeDataChange[]): void;
  /** Optional: clicking a branch in a condition node's panel selects that edge. */
  onSelectEdge?(edgeId: string): void;
}

export type { EdgeDataChange, FlowEdgeData };

/** The settings of one kind (data typed by the kind, handed back whole). */
function KindPanel({ ctx, data, onChange }: KindPanelProps<Record<string, unknown>>): JSX.Element {
  const { t } = useTranslation();
  // Each kind's panel reads and writes its own data type; node.data is that type in the document.
  const props = { ctx, data: data as never, onChange: onChange as never };
  switch (ctx.node.type) {
    case 'approval':
      return <ApprovalPanel {...props} kind="approval" />;
    case 'handle':
      return <ApprovalPanel {...props} kind="handle" />;
    case 'cc':
      return <CcPanel {...props} />;
    case 'start':
      return <StartPanel {...props} />;
    case 'trigger':
      return <TriggerPanel {...props} />;
    case 'condition':
      return <ConditionNodePanel {...props} />;
    case 'parallel':
    case 'join':
      return <PlainPanel kind={ctx.node.type} />;
    case 'create_record':
      return <CreateRecordPanel {...props} />;
    case 'update_records':
      return <UpdateRecordsPanel {...props} />;
    case 'upsert_record':
      return <UpsertRecordPanel {...props} />;
    case 'delete_records':
      return <DeleteRecordsPanel {...props} />;
    case 'notify':
      return <NotifyPanel {...props} />;
    case 'webhook':
      return <WebhookPanel {...props} />;
    case 'delay':
      return <DelayPanel {...props} />;
    case 'subflow':
      return <SubflowPanel {...props} />;
    case 'end':
      return <EndPanel {...props} />;
    default:
      return <Alert type="info" showIcon title={t('flowPanels.unknownKind', { kind: ctx.node.type })} />;
  }
}

const NEEDS_FORM = new Set(['start', 'approval', 'handle', 'cc']);

/**
 * The side panel of the selected node: its name and the settings of its kind. Every change
 * hands the node's whole new data to `onChange`.
 */
export function NodePanel(props: NodePanelProps): JSX.Element {
  const { t, i18n } = useTranslation();
  const { node, readOnly, onChange } = props;
  const data = node.data;
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const kindText = FLOW_NODE_KIND_MESSAGES[lang][node.type];
  const ctx: PanelContext = {
    node,
    definition: props.definition,
    form: props.form,
    forms: props.forms,
    readOnly,
    appId: props.appId,
    flowId: props.flowId,
    onEdgesChange: props.onEdgesChange,
    onSelectEdge: props.onSelectEdge,
  };
  return (
    <ConfigProvider componentSize="small">
      <div data-testid="node-panel" data-kind={node.type}>
        {(kindText?.description || readOnly) && (
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 10 }}>
            {readOnly && <Tag>{t('flowPanels.readOnly')}</Tag>}
            {kindText?.description}
          </Typography.Paragraph>
        )}
        <Form layout="vertical" size="small" colon={false} component="div">
          <Form.Item label={t('flowPanels.label')} htmlFor={`node-label-${node.id}`} style={{ marginBottom: 8 }}>
            <Input
              id={`node-label-${node.id}`}
              data-testid="node-label"
              disabled={readOnly}
              maxLength={60}
              placeholder={kindText?.label ?? t('flowPanels.labelPlaceholder')}
              value={typeof data.label === 'string' ? data.label : ''}
              onChange={(e) => {
                const { label: _old, ...rest } = data;
                void _old;
                onChange(e.target.value ? { ...rest, label: e.target.value } : rest);
              }}
            />
          </Form.Item>
          {NEEDS_FORM.has(node.type) && !props.form && (
            <Alert type="warning" showIcon title={t('flowPanels.noForm')} style={{ marginBottom: 8 }} />
          )}
        </Form>
        <Form layout="vertical" size="small" colon={false} component="div" className="flow-node-panel-body">
          <KindPanel ctx={ctx} data={data} onChange={onChange} />
        </Form>
      </div>
    </ConfigProvider>
  );
}
