import { ArrowDownOutlined, ArrowUpOutlined, StarOutlined } from '@ant-design/icons';
import type { DelayNodeData, EndNodeData, FieldMeta, PlainNodeData, SubflowNodeData } from '@formloom/model';
import { Alert, Button, Form, Radio, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { FLOW_NODE_KIND_MESSAGES } from '@formloom/engine/flows/definitions';
import { useTranslation } from 'react-i18next';
import { conditionSummary } from './condition-summary.js';
import { DurationInput } from './DurationInput.js';
import { FieldMappingTable } from './FieldMappingTable.js';
import { FieldSelect, fieldsOfKinds } from './FieldSelect.js';
import { PanelSections } from './PanelSections.js';
import { makeDefaultBranch, moveBranch, orderedBranches } from './branch-order.js';
import { panelApi } from './panel-api.js';
import type { KindPanelProps } from './panel-types.js';
import { useAsync } from './use-async.js';

const C = 'flowPanels.condition';

function nodeName(ctx: KindPanelProps<unknown>['ctx'], id: string, lang: 'en' | 'zh-CN'): string {
  const node = ctx.definition.nodes.find((n) => n.id === id);
  if (!node) return id;
  if (typeof node.data.label === 'string' && node.data.label) return node.data.label;
  return FLOW_NODE_KIND_MESSAGES[lang][node.type]?.label ?? node.type;
}

/** Condition node: its branches in the order they are tried, reordered here; conditions are edited on the edges. */
export function ConditionNodePanel({ ctx }: KindPanelProps<PlainNodeData>) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const branches = orderedBranches(ctx.definition, ctx.node.id);
  const canEdit = !ctx.readOnly && ctx.onEdgesChange !== undefined;
  const regular = branches.filter((e) => !e.data?.isDefault);
  const fields: Record<string, FieldMeta> = ctx.form?.fields ?? {};
  return (
    <PanelSections
      sections={[
        {
          key: 'branches',
          label: t('flowPanels.sections.branches'),
          children:
            branches.length === 0 ? (
              <Typography.Text type="secondary">{t(`${C}.noBranches`)}</Typography.Text>
            ) : (
              <>
                <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
                  {t(`${C}.help`)}
                </Typography.Paragraph>
                <div
                  data-testid="condition-branches"
                  style={{ border: '1px solid #f0f0f0', borderRadius: 8, marginBottom: 6 }}
                >
                  {branches.map((edge, position) => {
                    const isDefault = edge.data?.isDefault === true;
                    const index = regular.indexOf(edge);
                    return (
                      <div
                        key={edge.id}
                        data-testid={`branch-${edge.id}`}
                        style={{
                          display: 'flex',
                          alignItems: 'center',
                          gap: 4,
                          padding: '6px 8px',
                          borderTop: position > 0 ? '1px solid #f0f0f0' : undefined,
                          cursor: ctx.onSelectEdge ? 'pointer' : undefined,
                        }}
                        onClick={() => ctx.onSelectEdge?.(edge.id)}
                      >
                        <div style={{ flex: 1, minWidth: 0 }}>
                          <Space size={4}>
                            {isDefault ? (
                              <Tag color="gold">{t(`${C}.default`)}</Tag>
                            ) : (
                              <Tag color="blue">{t(`${C}.priority`, { n: index + 1 })}</Tag>
                            )}
                            <Typography.Text strong ellipsis>
                              {edge.label || t(`${C}.unnamed`, { target: nodeName(ctx, edge.target, lang) })}
                            </Typography.Text>
                          </Space>
                          {!isDefault && (
                            <Typography.Paragraph
                              type="secondary"
                              ellipsis={{ rows: 2 }}
                              style={{ margin: 0, fontSize: 12 }}
                            >
                              {edge.data?.condition
                                ? conditionSummary(edge.data.condition, fields, t)
                                : t(`${C}.noCondition`)}
                            </Typography.Paragraph>
                          )}
                        </div>
                        {canEdit && (
                          <Space size={0}>
                            <Tooltip title={t(`${C}.moveUp`)}>
                              <Button
                                size="small"
                                type="text"
                                icon={<ArrowUpOutlined />}
                                aria-label={t(`${C}.moveUp`)}
                                disabled={isDefault || index <= 0}
                                onClick={(e) => {
                                  e.stopPropagation();
                                  ctx.onEdgesChange?.(moveBranch(ctx.definition, ctx.node.id, edge.id, -1));
                                }}
                              />
                            </Tooltip>
                            <Tooltip title={t(`${C}.moveDown`)}>
                              <Button
                                size="small"
                                type="text"
                                icon={<ArrowDownOutlined />}
                                aria-label={t(`${C}.moveDown`)}
                                disabled={isDefault || index >= regular.length - 1}
                                onClick={(e) => {
                                  e.stopPropagation();
                                  ctx.onEdgesChange?.(moveBranch(ctx.definition, ctx.node.id, edge.id, 1));
                                }}
                              />
                            </Tooltip>
                            <Tooltip title={t(`${C}.makeDefault`)}>
                              <Button
                                size="small"
                                type="text"
                                icon={<StarOutlined />}
                                aria-label={t(`${C}.makeDefault`)}
                                disabled={isDefault}
                                onClick={(e) => {
                                  e.stopPropagation();
                                  ctx.onEdgesChange?.(makeDefaultBranch(ctx.definition, ctx.node.id, edge.id));
                                }}
                              />
                            </Tooltip>
                          </Space>
                        )}
                      </div>
                    );
                  })}
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(`${C}.editHint`)}
                </Typography.Text>
              </>
            ),
        },
      ]}
    />
  );
}

/** Parallel split and join: a name and what they do. */
export function PlainPanel({ kind }: { kind: 'parallel' | 'join' }) {
  const { t } = useTranslation();
  return <Alert type="info" showIcon title={t(`flowPanels.${kind}.help`)} />;
}

const D = 'flowPanels.delay';

/** Delay: a duration, or until a date field of the record plus an offset before/after. */
export function DelayPanel({ data, onChange, ctx }: KindPanelProps<Partial<DelayNodeData>>) {
  const { t } = useTranslation();
  const until = data.untilField !== undefined;
  const dateFields = fieldsOfKinds(ctx.form?.fields, ['date', 'datetime']);
  const offset = data.offsetMs ?? 0;
  return (
    <PanelSections
      sections={[
        {
          key: 'delay',
          label: t(`${D}.type`),
          children: (
            <>
              <Radio.Group
                size="small"
                disabled={ctx.readOnly}
                data-testid="delay-type"
                style={{ marginBottom: 8 }}
                value={until ? 'until' : 'duration'}
                onChange={(e) =>
                  onChange(
                    e.target.value === 'until'
                      ? { label: data.label, untilField: dateFields[0]?.[0] ?? '', offsetMs: 0 }
                      : { label: data.label, durationMs: 3_600_000 },
                  )
                }
                options={[
                  { value: 'duration', label: t(`${D}.duration`) },
                  { value: 'until', label: t(`${D}.until`), disabled: dateFields.length === 0 && !until },
                ]}
              />
              {!until ? (
                <Form.Item label={t(`${D}.durationLabel`)} style={{ marginBottom: 0 }}>
                  <DurationInput
                    testId="delay-duration"
                    min={0}
                    ariaLabel={t(`${D}.durationLabel`)}
                    disabled={ctx.readOnly}
                    value={data.durationMs}
                    onChange={(durationMs) => onChange({ ...data, durationMs })}
                  />
                </Form.Item>
              ) : (
                <>
                  <Form.Item label={t(`${D}.untilField`)} style={{ marginBottom: 8 }}>
                    {dateFields.length === 0 ? (
                      <Typography.Text type="warning">{t(`${D}.noDateFields`)}</Typography.Text>
                    ) : (
                      <FieldSelect
                        fields={dateFields}
                        disabled={ctx.readOnly}
                        ariaLabel={t(`${D}.untilField`)}
                        value={data.untilField}
                        onChange={(untilField) => onChange({ ...data, untilField })}
                      />
                    )}
                  </Form.Item>
                  <Form.Item label={t(`${D}.offset`)} style={{ marginBottom: 0 }}>
                    <Space.Compact size="small" style={{ width: '100%' }}>
                      <div style={{ flex: 1 }}>
                        <DurationInput
                          min={0}
                          ariaLabel={t(`${D}.offset`)}
                          disabled={ctx.readOnly}
                          value={Math.abs(offset)}
                          onChange={(ms) => onChange({ ...data, offsetMs: (ms ?? 0) * (offset < 0 ? -1 : 1) })}
                        />
                      </div>
                      <Select
                        size="small"
                        disabled={ctx.readOnly}
                        aria-label={t(`${D}.offset`)}
                        style={{ width: 84 }}
                        value={offset < 0 ? 'before' : 'after'}
                        onChange={(side: string) =>
                          onChange({ ...data, offsetMs: Math.abs(offset) * (side === 'before' ? -1 : 1) })
                        }
                        options={[
                          { value: 'before', label: t(`${D}.offsetBefore`) },
                          { value: 'after', label: t(`${D}.offsetAfter`) },
                        ]}
                      />
                    </Space.Compact>
                  </Form.Item>
                </>
              )}
            </>
          ),
        },
      ]}
    />
  );
}

const S = 'flowPanels.subflow';

/** Subflow: which flow of the app, wait or not, on a linked record or a new one (with a mapping). */
export function SubflowPanel({ data, onChange, ctx }: KindPanelProps<Partial<SubflowNodeData>>) {
  const { t } = useTranslation();
  const appId = useAsync(ctx.appId ? null : (ctx.forms[0]?.id ?? null), panelApi.appIdOfForm) ?? ctx.appId;
  const flows = useAsync(appId ?? null, panelApi.appFlows);
  const record = data.record ?? { type: 'link', field: '' };
  const linkFields = fieldsOfKinds(ctx.form?.fields, ['link']);
  const createFormId = record.type === 'create' ? record.formId : null;
  const createFields = useAsync(createFormId || null, panelApi.formDefinition);
  return (
    <PanelSections
      sections={[
        {
          key: 'flow',
          label: t(`${S}.flow`),
          children: (
            <>
              <Form.Item label={t(`${S}.flow`)} style={{ marginBottom: 8 }}>
                <Select
                  size="small"
                  showSearch={{ optionFilterProp: 'label' }}
                  disabled={ctx.readOnly}
                  loading={flows === undefined && appId !== undefined}
                  aria-label={t(`${S}.flow`)}
                  data-testid="subflow-flow"
                  placeholder={t(`${S}.pickFlow`)}
                  value={data.flowId || undefined}
                  onChange={(flowId: string) => onChange({ ...data, flowId })}
                  options={(flows ?? [])
                    .filter((f) => f.id !== ctx.flowId)
                    .map((f) => ({ value: f.id, label: f.name }))}
                />
              </Form.Item>
              <Form.Item label={t(`${S}.mode`)} style={{ marginBottom: 8 }}>
                <Radio.Group
                  size="small"
                  disabled={ctx.readOnly}
                  value={data.mode ?? 'sync'}
                  onChange={(e) => onChange({ ...data, mode: e.target.value as SubflowNodeData['mode'] })}
                  options={[
                    { value: 'sync', label: t(`${S}.sync`) },
                    { value: 'async', label: t(`${S}.async`) },
                  ]}
                />
              </Form.Item>
            </>
          ),
        },
        {
          key: 'record',
          label: t(`${S}.record`),
          children: (
            <>
              <Radio.Group
                size="small"
                disabled={ctx.readOnly}
                style={{ marginBottom: 8 }}
                value={record.type}
                onChange={(e) =>
                  onChange({
                    ...data,
                    record:
                      e.target.value === 'link'
                        ? { type: 'link', field: linkFields[0]?.[0] ?? '' }
                        : { type: 'create', formId: ctx.forms[0]?.id ?? '', fieldMap: {} },
                  })
                }
                options={[
                  { value: 'link', label: t(`${S}.link`) },
                  { value: 'create', label: t(`${S}.create`) },
                ]}
              />
              {record.type === 'link' ? (
                linkFields.length === 0 ? (
                  <Typography.Text type="warning">{t(`${S}.noLinkFields`)}</Typography.Text>
                ) : (
                  <Form.Item label={t(`${S}.linkField`)} style={{ marginBottom: 0 }}>
                    <FieldSelect
                      fields={linkFields}
                      disabled={ctx.readOnly}
                      ariaLabel={t(`${S}.linkField`)}
                      value={record.field}
                      onChange={(field) => onChange({ ...data, record: { type: 'link', field } })}
                    />
                  </Form.Item>
                )
              ) : (
                <>
                  <Form.Item label={t('flowPanels.record.form')} style={{ marginBottom: 8 }}>
                    <Select
                      size="small"
                      disabled={ctx.readOnly}
                      aria-label={t('flowPanels.record.form')}
                      value={record.formId || undefined}
                      onChange={(formId: string) =>
                        onChange({ ...data, record: { type: 'create', formId, fieldMap: {} } })
                      }
                      options={ctx.forms.map((f) => ({ value: f.id, label: f.name }))}
                    />
                  </Form.Item>
                  <FieldMappingTable
                    targetFields={createFields?.fields ?? null}
                    sourceFields={ctx.form?.fields ?? null}
                    readOnly={ctx.readOnly}
                    value={record.fieldMap}
                    onChange={(fieldMap) => onChange({ ...data, record: { ...record, fieldMap } })}
                  />
                </>
              )}
            </>
          ),
        },
      ]}
    />
  );
}

/** End: the result the instance ends with. */
export function EndPanel({ data, onChange, ctx }: KindPanelProps<Partial<EndNodeData>>) {
  const { t } = useTranslation();
  return (
    <Form.Item label={t('flowPanels.end.result')} style={{ marginBottom: 0 }}>
      <Radio.Group
        disabled={ctx.readOnly}
        data-testid="end-result"
        optionType="button"
        buttonStyle="solid"
        size="small"
        value={data.result ?? 'approved'}
        onChange={(e) => onChange({ ...data, result: e.target.value as EndNodeData['result'] })}
        options={(['approved', 'rejected', 'ended'] as const).map((r) => ({
          value: r,
          label: t(`flowPanels.end.results.${r}`),
        }))}
      />
    </Form.Item>
  );
}
