import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { NotifyNodeData, WebhookNodeData } from '@formloom/model';
import { Button, Checkbox, Form, Input, Space, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { AssigneePicker } from './AssigneePicker.js';
import { PanelSections } from './PanelSections.js';
import type { KindPanelProps, PanelContext } from './panel-types.js';
import { sampleTemplateData } from './sample-data.js';
import { TemplateEditor } from './TemplateEditor.js';
import { webhookUrlHint } from './webhook-url.js';

const N = 'flowPanels.notify';
const W = 'flowPanels.webhook';

/** The player's webhook screen for this flow (same origin: player at `/`, designer at `/designer/`). */
function webhookScreen(flowId: string, appId: string | undefined, tab: 'secret' | 'deliveries'): string {
  const search = new URLSearchParams({ ...(appId ? { app: appId } : {}), flow: flowId, tab });
  return `/admin/webhooks?${search.toString()}`;
}

function useSample(ctx: PanelContext) {
  const formName = ctx.forms.find((f) => f.id === ctx.definition.formId)?.name ?? '';
  return useMemo(() => sampleTemplateData(ctx.form, formName), [ctx.form, formName]);
}

/** Notify: recipients, channels, subject and body templates with a live preview on sample data. */
export function NotifyPanel({ data, onChange, ctx }: KindPanelProps<Partial<NotifyNodeData>>) {
  const { t } = useTranslation();
  const sample = useSample(ctx);
  const set = (patch: Partial<NotifyNodeData>) => onChange({ ...data, ...patch });
  return (
    <PanelSections
      sections={[
        {
          key: 'recipients',
          label: t('flowPanels.sections.recipients'),
          children: (
            <AssigneePicker
              testId="recipients-picker"
              fields={ctx.form?.fields}
              readOnly={ctx.readOnly}
              value={data.recipients}
              onChange={(recipients) => set({ recipients })}
            />
          ),
        },
        {
          key: 'message',
          label: t('flowPanels.sections.message'),
          children: (
            <>
              <Form.Item label={t(`${N}.channels`)} style={{ marginBottom: 8 }}>
                <Checkbox.Group
                  disabled={ctx.readOnly}
                  data-testid="notify-channels"
                  value={data.channels ?? ['inapp']}
                  onChange={(v) => set({ channels: v as NotifyNodeData['channels'] })}
                  options={[
                    { value: 'inapp', label: t(`${N}.inapp`) },
                    { value: 'email', label: t(`${N}.email`) },
                  ]}
                />
              </Form.Item>
              <TemplateEditor
                testId="notify-subject"
                singleLine
                label={t(`${N}.subject`)}
                format="text"
                form={ctx.form}
                readOnly={ctx.readOnly}
                sample={sample}
                value={data.subject ?? ''}
                onChange={(subject) => set({ subject })}
              />
              <TemplateEditor
                testId="notify-body"
                label={t(`${N}.body`)}
                format="text"
                rows={5}
                form={ctx.form}
                readOnly={ctx.readOnly}
                sample={sample}
                value={data.body ?? ''}
                onChange={(body) => set({ body })}
              />
            </>
          ),
        },
      ]}
    />
  );
}

/** Webhook: URL (with a hint that private addresses are refused), JSON body template with preview, headers. */
export function WebhookPanel({ data, onChange, ctx }: KindPanelProps<Partial<WebhookNodeData>>) {
  const { t } = useTranslation();
  const sample = useSample(ctx);
  const set = (patch: Partial<WebhookNodeData>) => onChange({ ...data, ...patch });
  const hint = webhookUrlHint(data.url ?? '');
  const headers = Object.entries(data.headers ?? {});
  const setHeaders = (rows: Array<[string, string]>) =>
    set({ headers: rows.length > 0 ? Object.fromEntries(rows) : undefined });
  return (
    <PanelSections
      sections={[
        {
          key: 'request',
          label: t('flowPanels.sections.request'),
          children: (
            <>
              <Form.Item
                label={t(`${W}.url`)}
                htmlFor="webhook-url"
                style={{ marginBottom: 8 }}
                validateStatus={hint === 'ok' ? undefined : hint === 'private' ? 'warning' : 'error'}
                help={
                  hint === 'ok' ? t(`${W}.privateHint`) : t(hint === 'private' ? `${W}.looksPrivate` : `${W}.notHttp`)
                }
              >
                <Input
                  size="small"
                  id="webhook-url"
                  data-testid="webhook-url"
                  disabled={ctx.readOnly}
                  placeholder="https://"
                  value={data.url ?? ''}
                  onChange={(e) => set({ url: e.target.value })}
                />
              </Form.Item>
              <TemplateEditor
                testId="webhook-body"
                label={t(`${W}.bodyTemplate`)}
                help={t(`${W}.bodyHelp`)}
                format="json"
                rows={6}
                form={ctx.form}
                readOnly={ctx.readOnly}
                sample={sample}
                previewLabel={t(`${W}.jsonPreview`)}
                value={data.bodyTemplate ?? ''}
                onChange={(bodyTemplate) => set({ bodyTemplate: bodyTemplate || undefined })}
              />
            </>
          ),
        },
        {
          key: 'headers',
          label: t(`${W}.headers`),
          folded: headers.length === 0,
          children: (
            <Space orientation="vertical" size={4} style={{ width: '100%' }}>
              {headers.map(([name, value], index) => (
                <Space.Compact key={index} size="small" style={{ width: '100%' }}>
                  <Input
                    size="small"
                    style={{ width: '40%' }}
                    disabled={ctx.readOnly}
                    aria-label={t(`${W}.headerName`)}
                    placeholder={t(`${W}.headerName`)}
                    value={name}
                    onChange={(e) => setHeaders(headers.map((h, i) => (i === index ? [e.target.value, h[1]] : h)))}
                  />
                  <Input
                    size="small"
                    style={{ width: '52%' }}
                    disabled={ctx.readOnly}
                    aria-label={t(`${W}.headerValue`)}
                    placeholder={t(`${W}.headerValue`)}
                    value={value}
                    onChange={(e) => setHeaders(headers.map((h, i) => (i === index ? [h[0], e.target.value] : h)))}
                  />
                  <Button
                    size="small"
                    danger
                    disabled={ctx.readOnly}
                    icon={<DeleteOutlined />}
                    aria-label={t('flowPanels.assignees.remove')}
                    onClick={() => setHeaders(headers.filter((_, i) => i !== index))}
                  />
                </Space.Compact>
              ))}
              <Button
                size="small"
                type="dashed"
                block
                disabled={ctx.readOnly || headers.some(([n]) => n === '')}
                icon={<PlusOutlined />}
                onClick={() => setHeaders([...headers, ['', '']])}
              >
                {t(`${W}.addHeader`)}
              </Button>
            </Space>
          ),
        },
        ...(ctx.flowId
          ? [
              {
                key: 'links',
                label: t(`${W}.links`),
                folded: true,
                children: (
                  <Space orientation="vertical" size={2}>
                    <Typography.Link
                      href={webhookScreen(ctx.flowId, ctx.appId, 'secret')}
                      target="_blank"
                      rel="noreferrer"
                    >
                      {t(`${W}.secret`)}
                    </Typography.Link>
                    <Typography.Link
                      href={webhookScreen(ctx.flowId, ctx.appId, 'deliveries')}
                      target="_blank"
                      rel="noreferrer"
                    >
                      {t(`${W}.deliveries`)}
                    </Typography.Link>
                  </Space>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}
