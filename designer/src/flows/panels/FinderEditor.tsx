import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { FieldMeta, RecordFinder } from '@formloom/model';
import { Button, Form, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ConditionBuilder } from '../../designer/ConditionBuilder.js';
import { FieldSelect, valueFields } from './FieldSelect.js';
import { ValueSourceInput } from './ValueSourceInput.js';

interface Props {
  value: Omit<RecordFinder, 'formId'>;
  onChange: (value: Omit<RecordFinder, 'formId'>) => void;
  targetFields: Record<string, FieldMeta> | null;
  sourceFields: Record<string, FieldMeta> | null;
  readOnly: boolean;
}

const R = 'flowPanels.record';

/** Records of the chosen form whose fields equal values of this record (or others), and that match a condition. */
export function FinderEditor({ value, onChange, targetFields, sourceFields, readOnly }: Props) {
  const { t } = useTranslation();
  const match = value.match ?? [];
  const setMatch = (next: RecordFinder['match']) =>
    onChange({ ...value, match: next && next.length > 0 ? next : undefined });
  const candidates = valueFields(targetFields ?? {});
  return (
    <div data-testid="finder-editor">
      <Form.Item label={t(`${R}.match`)} style={{ marginBottom: 8 }}>
        {match.map((m, index) => (
          <div key={index} style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: 6, marginBottom: 6 }}>
            <div style={{ display: 'flex', gap: 4, alignItems: 'center', marginBottom: 4 }}>
              <div style={{ flex: 1, minWidth: 0 }}>
                <FieldSelect
                  fields={candidates}
                  disabled={readOnly}
                  ariaLabel={t(`${R}.targetField`)}
                  value={m.field}
                  onChange={(field) => setMatch(match.map((x, i) => (i === index ? { ...x, field } : x)))}
                />
              </div>
              <Typography.Text type="secondary">{t(`${R}.equals`)}</Typography.Text>
              <Button
                size="small"
                type="text"
                danger
                disabled={readOnly}
                icon={<DeleteOutlined />}
                aria-label={t('flowPanels.assignees.remove')}
                onClick={() => setMatch(match.filter((_, i) => i !== index))}
              />
            </div>
            <ValueSourceInput
              target={targetFields?.[m.field]}
              sourceFields={sourceFields}
              disabled={readOnly}
              value={m.source}
              onChange={(source) => setMatch(match.map((x, i) => (i === index ? { ...x, source } : x)))}
            />
          </div>
        ))}
        <Button
          size="small"
          type="dashed"
          block
          icon={<PlusOutlined />}
          disabled={readOnly || candidates.length === 0}
          onClick={() => {
            const [first] = candidates;
            if (first)
              setMatch([
                ...match,
                {
                  field: first[0],
                  source: sourceFields?.[first[0]] ? { from: 'field', field: first[0] } : { from: 'value', value: '' },
                },
              ]);
          }}
        >
          {t(`${R}.addMatch`)}
        </Button>
      </Form.Item>
      <Form.Item style={{ marginBottom: 0 }}>
        <ConditionBuilder
          testId="finder-condition"
          fields={targetFields ?? {}}
          readOnly={readOnly}
          help={t(`${R}.finderCondition`)}
          value={value.condition}
          onChange={(condition) => onChange({ ...value, condition })}
        />
      </Form.Item>
    </div>
  );
}
