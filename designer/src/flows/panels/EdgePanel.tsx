import type { FlowDefinition, FlowEdge, FlowEdgeData, FormDefinition } from '@formloom/model';
import { Alert, ConfigProvider, Form, Input, InputNumber, Switch, Typography } from 'antd';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { ConditionBuilder } from '../../designer/ConditionBuilder.js';

export interface EdgePanelProps {
  edge: FlowEdge;
  definition: FlowDefinition;
  form: FormDefinition | null;
  readOnly: boolean;
  onChange(data: FlowEdgeData, label?: string): void;
}

const E = 'flowPanels.edge';

/**
 * A connection's settings. Out of a condition node it is a branch: its label, its condition in
 * the condition language (on the flow's form), its priority and whether it is the default.
 */
export function EdgePanel({ edge, definition, form, readOnly, onChange }: EdgePanelProps): JSX.Element {
  const { t } = useTranslation();
  const source = definition.nodes.find((n) => n.id === edge.source);
  const isBranch = source?.type === 'condition';
  const data = edge.data ?? {};
  const set = (patch: Partial<FlowEdgeData>, label = edge.label) => {
    const next: FlowEdgeData = { ...data, ...patch };
    for (const key of Object.keys(next) as Array<keyof FlowEdgeData>) if (next[key] === undefined) delete next[key];
    onChange(next, label);
  };
  return (
    <ConfigProvider componentSize="small">
      <div data-testid="edge-panel">
        <Typography.Title level={5} style={{ margin: '0 0 8px' }}>
          {t(isBranch ? `${E}.title` : `${E}.connection`)}
        </Typography.Title>
        <Form layout="vertical" size="small" colon={false} component="div">
          <Form.Item label={t(`${E}.label`)} htmlFor={`edge-label-${edge.id}`} style={{ marginBottom: 8 }}>
            <Input
              id={`edge-label-${edge.id}`}
              data-testid="edge-label"
              disabled={readOnly}
              maxLength={40}
              value={edge.label ?? ''}
              onChange={(e) => onChange(data, e.target.value || undefined)}
            />
          </Form.Item>
          {!isBranch ? (
            <Alert type="info" showIcon title={t(`${E}.notBranch`)} />
          ) : (
            <>
              <Form.Item style={{ marginBottom: 8 }}>
                <Switch
                  size="small"
                  disabled={readOnly}
                  data-testid="edge-default"
                  aria-label={t(`${E}.isDefault`)}
                  checked={data.isDefault === true}
                  onChange={(on) =>
                    set(on ? { isDefault: true, condition: undefined, priority: undefined } : { isDefault: undefined })
                  }
                />{' '}
                <Typography.Text>{t(`${E}.isDefault`)}</Typography.Text>
              </Form.Item>
              {data.isDefault ? (
                <Typography.Text type="secondary">{t(`${E}.defaultNoCondition`)}</Typography.Text>
              ) : (
                <>
                  <Form.Item label={t(`${E}.priority`)} style={{ marginBottom: 8 }}>
                    <InputNumber
                      size="small"
                      min={0}
                      max={999}
                      disabled={readOnly}
                      data-testid="edge-priority"
                      aria-label={t(`${E}.priority`)}
                      value={data.priority ?? null}
                      onChange={(v) => set({ priority: v ?? undefined })}
                    />
                  </Form.Item>
                  {form ? (
                    <ConditionBuilder
                      testId="edge-condition"
                      fields={form.fields}
                      readOnly={readOnly}
                      help={t(`${E}.conditionHelp`)}
                      value={data.condition}
                      onChange={(condition) => set({ condition })}
                    />
                  ) : (
                    <Alert type="warning" showIcon title={t('flowPanels.noForm')} />
                  )}
                </>
              )}
            </>
          )}
        </Form>
      </div>
    </ConfigProvider>
  );
}
