import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { FieldMeta, ValueSource } from '@formloom/model';
import { Button, Select, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { defaultSource, mappingProblems, writableFields } from './field-mapping.js';
import { ValueSourceInput } from './ValueSourceInput.js';

interface Props {
  value: Record<string, ValueSource>;
  onChange: (value: Record<string, ValueSource>) => void;
  /** Fields of the form being written (null while loading or before a form is chosen). */
  targetFields: Record<string, FieldMeta> | null;
  /** Fields of the flow's record (null when there is none). */
  sourceFields: Record<string, FieldMeta> | null;
  readOnly: boolean;
}

const R = 'flowPanels.record';

/** Target field → value source, one row each, with each row's problem under it as you type. */
export function FieldMappingTable({ value, onChange, targetFields, sourceFields, readOnly }: Props) {
  const { t, i18n } = useTranslation();
  const entries = Object.entries(value);
  const targets = writableFields(targetFields ?? {});
  const unused = targets.filter(([key]) => !(key in value));
  const problems = useMemo(
    () =>
      new Map(
        mappingProblems(value, targetFields, sourceFields, i18n.language === 'en' ? 'en' : 'zh-CN').map((p) => [
          p.target,
          p,
        ]),
      ),
    [value, targetFields, sourceFields, i18n.language],
  );
  const rename = (from: string, to: string) =>
    onChange(Object.fromEntries(entries.map(([k, v]) => (k === from ? [to, v] : [k, v]))));

  return (
    <div data-testid="field-mapping">
      {entries.length === 0 && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t(`${R}.noMapping`)}
        </Typography.Paragraph>
      )}
      {entries.map(([target, source]) => {
        const problem = problems.get(target);
        return (
          <div
            key={target}
            data-testid={`mapping-${target}`}
            style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: 6, marginBottom: 6 }}
          >
            <div style={{ display: 'flex', gap: 4, marginBottom: 4 }}>
              <Select
                size="small"
                disabled={readOnly}
                aria-label={t(`${R}.targetField`)}
                style={{ flex: 1, minWidth: 0 }}
                showSearch={{ optionFilterProp: 'label' }}
                value={target}
                onChange={(to: string) => rename(target, to)}
                options={[
                  { value: target, label: targetFields?.[target]?.label || target },
                  ...unused.map(([key, meta]) => ({ value: key, label: meta.label || key })),
                ]}
              />
              <Button
                size="small"
                type="text"
                danger
                disabled={readOnly}
                icon={<DeleteOutlined />}
                aria-label={t('flowPanels.assignees.remove')}
                onClick={() => onChange(Object.fromEntries(entries.filter(([k]) => k !== target)))}
              />
            </div>
            <ValueSourceInput
              target={targetFields?.[target]}
              sourceFields={sourceFields}
              disabled={readOnly}
              value={source}
              onChange={(next) => onChange({ ...value, [target]: next })}
            />
            {problem && (
              <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid="mapping-problem">
                {t(`${R}.problems.${problem.code}`, { message: problem.message })}
              </Typography.Text>
            )}
          </div>
        );
      })}
      <Button
        size="small"
        type="dashed"
        block
        icon={<PlusOutlined />}
        disabled={readOnly || unused.length === 0}
        data-testid="mapping-add"
        onClick={() => {
          const [first] = unused;
          if (first) onChange({ ...value, [first[0]]: defaultSource(first[0], sourceFields) });
        }}
      >
        {t(`${R}.addMapping`)}
      </Button>
    </div>
  );
}
