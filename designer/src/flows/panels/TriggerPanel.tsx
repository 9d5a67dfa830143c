import type { FieldMeta, FlowTrigger, TriggerNodeData } from '@formloom/model';
import { Form, Input, Select, Typography } from 'antd';
import { useDeferredValue, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ConditionBuilder } from '../../designer/ConditionBuilder.js';
import { nextCronRuns } from './cron-preview.js';
import { PanelSections } from './PanelSections.js';
import { panelApi } from './panel-api.js';
import type { KindPanelProps } from './panel-types.js';
import { useAsync } from './use-async.js';

const T = 'flowPanels.trigger';
const TYPES: ReadonlyArray<FlowTrigger['type']> = [
  'record_created',
  'record_updated',
  'record_deleted',
  'schedule',
  'button',
];
const ZONES = [
  'UTC',
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Tokyo',
  'Asia/Singapore',
  'Europe/London',
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
];

function newTrigger(type: FlowTrigger['type'], formId: string): FlowTrigger {
  switch (type) {
    case 'schedule':
      return { type, cron: '0 9 * * 1-5', tz: 'Asia/Shanghai' };
    case 'button':
      return { type, formId, buttonLabel: '' };
    default:
      return { type, formId };
  }
}

function CronPreview({ cron, tz }: { cron: string; tz: string | undefined }) {
  const { t, i18n } = useTranslation();
  const deferred = useDeferredValue(cron);
  const runs = useMemo(() => nextCronRuns(deferred, tz ?? 'UTC', Date.now(), 3), [deferred, tz]);
  if (runs === null) return <Typography.Text type="danger">{t(`${T}.cronInvalid`)}</Typography.Text>;
  const format = new Intl.DateTimeFormat(i18n.language, {
    timeZone: tz ?? 'UTC',
    dateStyle: 'medium',
    timeStyle: 'short',
    weekday: undefined,
  });
  const weekday = new Intl.DateTimeFormat(i18n.language, { timeZone: tz ?? 'UTC', weekday: 'short' });
  return (
    <div data-testid="cron-next-runs">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t(`${T}.nextRuns`)}
      </Typography.Text>
      <ul style={{ margin: '2px 0 0', paddingInlineStart: 18, fontSize: 12 }}>
        {runs.map((ms) => (
          <li key={ms}>
            {format.format(ms)} ({weekday.format(ms)})
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Trigger: record created / updated (changed fields, condition) / deleted, a schedule, or a button. */
export function TriggerPanel({ data, onChange, ctx }: KindPanelProps<Partial<TriggerNodeData>>) {
  const { t } = useTranslation();
  const trigger: FlowTrigger = data.trigger ?? newTrigger('record_created', ctx.forms[0]?.id ?? '');
  const set = (next: FlowTrigger) => onChange({ ...data, trigger: next });
  const formId = 'formId' in trigger ? trigger.formId : undefined;
  const loaded = useAsync(formId && formId !== ctx.definition.formId ? formId : null, panelApi.formDefinition);
  const fields: Record<string, FieldMeta> =
    (formId && formId === ctx.definition.formId ? ctx.form?.fields : loaded?.fields) ?? {};
  const ro = ctx.readOnly;

  return (
    <PanelSections
      sections={[
        {
          key: 'trigger',
          label: t('flowPanels.sections.trigger'),
          children: (
            <>
              <Form.Item label={t(`${T}.type`)} style={{ marginBottom: 8 }}>
                <Select
                  size="small"
                  disabled={ro}
                  aria-label={t(`${T}.type`)}
                  data-testid="trigger-type"
                  value={trigger.type}
                  onChange={(type: FlowTrigger['type']) => set(newTrigger(type, formId ?? ctx.forms[0]?.id ?? ''))}
                  options={TYPES.map((type) => ({ value: type, label: t(`${T}.types.${type}`) }))}
                />
              </Form.Item>
              {trigger.type !== 'schedule' && (
                <Form.Item label={t(`${T}.form`)} style={{ marginBottom: 8 }}>
                  <Select
                    size="small"
                    showSearch={{ optionFilterProp: 'label' }}
                    disabled={ro}
                    aria-label={t(`${T}.form`)}
                    data-testid="trigger-form"
                    value={trigger.formId || undefined}
                    onChange={(id: string) =>
                      set({
                        ...newTrigger(trigger.type, id),
                        ...(trigger.type === 'button' ? { buttonLabel: trigger.buttonLabel } : {}),
                      } as FlowTrigger)
                    }
                    options={ctx.forms.map((f) => ({ value: f.id, label: f.name }))}
                  />
                </Form.Item>
              )}
              {trigger.type === 'record_updated' && (
                <Form.Item label={t(`${T}.changedFields`)} style={{ marginBottom: 8 }}>
                  <Select
                    size="small"
                    mode="multiple"
                    allowClear
                    disabled={ro}
                    aria-label={t(`${T}.changedFields`)}
                    data-testid="trigger-fields"
                    placeholder={t(`${T}.anyField`)}
                    value={trigger.fields ?? []}
                    onChange={(v: string[]) => set({ ...trigger, fields: v.length > 0 ? v : undefined })}
                    options={Object.entries(fields)
                      .filter(([, m]) => !['section', 'divider', 'description'].includes(m.kind))
                      .map(([key, m]) => ({ value: key, label: m.label || key }))}
                  />
                </Form.Item>
              )}
              {(trigger.type === 'record_created' || trigger.type === 'record_updated') && (
                <ConditionBuilder
                  testId="trigger-condition"
                  fields={fields}
                  readOnly={ro}
                  help={t(`${T}.condition`)}
                  value={trigger.condition}
                  onChange={(condition) => set({ ...trigger, condition })}
                />
              )}
              {trigger.type === 'schedule' && (
                <>
                  <Form.Item
                    label={t(`${T}.cron`)}
                    htmlFor="trigger-cron"
                    extra={t(`${T}.cronHelp`)}
                    style={{ marginBottom: 8 }}
                  >
                    <Input
                      size="small"
                      id="trigger-cron"
                      data-testid="trigger-cron"
                      disabled={ro}
                      style={{ fontFamily: 'monospace' }}
                      value={trigger.cron}
                      onChange={(e) => set({ ...trigger, cron: e.target.value })}
                    />
                  </Form.Item>
                  <Form.Item label={t(`${T}.tz`)} style={{ marginBottom: 8 }}>
                    <Select
                      size="small"
                      showSearch
                      disabled={ro}
                      aria-label={t(`${T}.tz`)}
                      value={trigger.tz ?? 'UTC'}
                      onChange={(tz: string) => set({ ...trigger, tz })}
                      options={[...new Set([trigger.tz ?? 'UTC', ...ZONES])].map((z) => ({ value: z, label: z }))}
                    />
                  </Form.Item>
                  <CronPreview cron={trigger.cron} tz={trigger.tz} />
                </>
              )}
              {trigger.type === 'button' && (
                <Form.Item label={t(`${T}.buttonLabel`)} htmlFor="trigger-button" style={{ marginBottom: 8 }}>
                  <Input
                    size="small"
                    id="trigger-button"
                    data-testid="trigger-button-label"
                    disabled={ro}
                    maxLength={40}
                    value={trigger.buttonLabel}
                    onChange={(e) => set({ ...trigger, buttonLabel: e.target.value })}
                  />
                </Form.Item>
              )}
            </>
          ),
        },
      ]}
    />
  );
}
