import type { FormDefinition } from '@formloom/model';
import { renderTemplate, validateTemplate, type TemplateFormat } from '@formloom/engine/templates';
import { Button, Dropdown, Form, Input, Typography } from 'antd';
import { useDeferredValue, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlainValue } from '@formloom/engine/templates';

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  format: TemplateFormat;
  form: FormDefinition | null;
  readOnly: boolean;
  rows?: number;
  testId: string;
  /** The preview's data (sample record, task, instance, link); no preview when absent. */
  sample?: PlainValue;
  previewLabel?: string;
  help?: string;
  singleLine?: boolean;
}

/** A path to a field usable in templates: `record.<key>`, printed via the field helper for display text. */
function fieldToken(key: string, format: TemplateFormat): string {
  return format === 'json' ? `{{json record.${key}}}` : `{{field "${key}"}}`;
}

/**
 * A handlebars message template: problems from the engine's `validateTemplate` as you type,
 * an "insert field" menu, and a live preview rendered by the engine's renderer on sample data.
 */
export function TemplateEditor({
  label,
  value,
  onChange,
  format,
  form,
  readOnly,
  rows = 4,
  testId,
  sample,
  previewLabel,
  help,
  singleLine,
}: Props) {
  const { t } = useTranslation();
  const deferred = useDeferredValue(value);
  const problems = useMemo(() => validateTemplate(deferred, format), [deferred, format]);
  const preview = useMemo(() => {
    if (sample === undefined || problems.length > 0 || !deferred) return null;
    try {
      const text = renderTemplate(deferred, sample, { format, path: testId });
      if (format !== 'json') return { text };
      return { text: JSON.stringify(JSON.parse(text), null, 2) };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  }, [deferred, format, problems.length, sample, testId]);
  const caret = useRef<number | null>(null);
  const fields = Object.entries(form?.fields ?? {}).filter(
    ([, m]) => !['section', 'divider', 'description'].includes(m.kind),
  );
  const insert = (token: string) => {
    const at = caret.current ?? value.length;
    onChange(value.slice(0, at) + token + value.slice(at));
  };
  const problemText = problems
    .map((p) =>
      t('flowPanels.notify.problem', {
        line: p.line,
        column: p.column + 1,
        // handlebars lists every token it expected; the token it got says enough.
        message: p.message.replace(/:?\s*Expecting [\s\S]*?(, got .*)$/, '$1'),
      }),
    )
    .join('\n');
  const common = {
    id: testId,
    'data-testid': testId,
    disabled: readOnly,
    value,
    style: { fontFamily: 'monospace' },
    onSelect: (e: React.SyntheticEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      caret.current = e.currentTarget.selectionStart;
    },
  };
  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', paddingBottom: 8 }}>
        <label htmlFor={testId}>{label}</label>
        <Dropdown
          disabled={readOnly || fields.length === 0}
          trigger={['click']}
          menu={{
            style: { maxHeight: 280, overflow: 'auto' },
            items: fields.map(([key, meta]) => ({ key, label: meta.label || key })),
            onClick: ({ key }) => insert(fieldToken(key, format)),
          }}
        >
          <Button size="small" type="link" style={{ padding: 0, height: 'auto' }}>
            {t('flowPanels.notify.insertField')}
          </Button>
        </Dropdown>
      </div>
      <Form.Item
        style={{ marginBottom: 8 }}
        validateStatus={problems.length > 0 ? 'error' : undefined}
        help={problems.length > 0 ? <span style={{ whiteSpace: 'pre-line' }}>{problemText}</span> : help}
      >
        {singleLine ? (
          <Input size="small" {...common} onChange={(e) => onChange(e.target.value)} />
        ) : (
          <Input.TextArea size="small" rows={rows} {...common} onChange={(e) => onChange(e.target.value)} />
        )}
      </Form.Item>
      {preview && (
        <div style={{ marginBottom: 8 }} data-testid={`${testId}-preview`}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {previewLabel ?? t('flowPanels.notify.preview')}
          </Typography.Text>
          {'error' in preview ? (
            <Typography.Paragraph type="danger" style={{ fontSize: 12, marginBottom: 0 }}>
              {t('flowPanels.notify.previewError', { message: preview.error })}
            </Typography.Paragraph>
          ) : (
            <pre
              style={{
                margin: 0,
                padding: '6px 8px',
                background: '#f6f8fa',
                border: '1px solid #eef0f2',
                borderRadius: 6,
                fontSize: 12,
                whiteSpace: 'pre-wrap',
                wordBreak: 'break-word',
                maxHeight: 220,
                overflow: 'auto',
                fontFamily: format === 'json' ? 'monospace' : 'inherit',
              }}
            >
              {preview.text}
            </pre>
          )}
        </div>
      )}
    </>
  );
}
