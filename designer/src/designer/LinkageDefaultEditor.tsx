import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { DefaultValue, FieldMeta, FormDefinition, LinkageConditionLeaf } from '@formloom/model';
import { fieldKinds } from '@formloom/engine/fields';
import { Button, Form, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FormSummary } from '../api/types.js';

type Linkage = Extract<DefaultValue, { type: 'linkage' }>;

interface Props {
  definition: FormDefinition;
  fieldKey: string;
  value: Linkage;
  /** Other forms of the app, with their drafts. */
  forms: FormSummary[];
  onChange: (value: Linkage) => void;
}

/** Value fields of a definition (no layout, no computed kinds), as select options. */
export function valueFieldOptions(fields: Record<string, FieldMeta>, except?: string) {
  return Object.entries(fields)
    .filter(([key, meta]) => {
      if (key === except || !fieldKinds.has(meta.kind)) return false;
      const spec = fieldKinds.get(meta.kind);
      return !spec.layoutOnly && meta.kind !== 'subform';
    })
    .map(([key, meta]) => ({ value: key, label: meta.label || key }));
}

/**
 * A data-linkage default (数据联动): take a field of the first record of another form where
 * each chosen field of that form equals a field of this form. Stored as
 * `{type: 'linkage', formId, condition: {rel: 'and', cond: [{field, method: 'eq', valueFrom: {field}}]}, sourceField}`;
 * other condition parts written elsewhere (templates, the API) are kept.
 */
export function LinkageDefaultEditor({ definition, fieldKey, value, forms, onChange }: Props) {
  const { t } = useTranslation();
  const target = forms.find((f) => f.id === value.formId);
  const theirs = valueFieldOptions(target?.draft?.fields ?? {});
  const ours = valueFieldOptions(definition.fields, fieldKey);
  const leaves = value.condition.cond.filter((c): c is LinkageConditionLeaf => 'field' in c && 'valueFrom' in c);
  const kept = value.condition.cond.filter((c) => !('field' in c && 'valueFrom' in c));
  const setLeaves = (next: LinkageConditionLeaf[]) =>
    onChange({ ...value, condition: { rel: 'and', cond: [...kept, ...next] } });
  return (
    <Space direction="vertical" size={6} style={{ width: '100%' }} data-testid="prop-linkage">
      <Select
        aria-label={t('props.linkageForm')}
        placeholder={t('props.linkageForm')}
        style={{ width: '100%' }}
        value={value.formId || undefined}
        onChange={(formId: string) =>
          onChange({ type: 'linkage', formId, sourceField: '', condition: { rel: 'and', cond: [] } })
        }
        options={forms.map((f) => ({ value: f.id, label: f.name }))}
      />
      {value.formId && (
        <>
          <Typography.Text type="secondary">{t('props.linkageWhere')}</Typography.Text>
          {leaves.map((leaf, i) => (
            <Space.Compact key={i} style={{ width: '100%' }}>
              <Select
                aria-label={t('props.linkageTheirField')}
                style={{ width: '42%' }}
                value={leaf.field || undefined}
                options={theirs}
                onChange={(field: string) => setLeaves(leaves.map((l, j) => (j === i ? { ...l, field } : l)))}
              />
              <Button disabled style={{ width: '16%', padding: 0 }}>
                =
              </Button>
              <Select
                aria-label={t('props.linkageOurField')}
                style={{ width: '42%' }}
                value={leaf.valueFrom?.field || undefined}
                options={ours}
                onChange={(field: string) =>
                  setLeaves(leaves.map((l, j) => (j === i ? { ...l, valueFrom: { field } } : l)))
                }
              />
              <Button
                aria-label={t('props.linkageRemove')}
                icon={<DeleteOutlined />}
                onClick={() => setLeaves(leaves.filter((_, j) => j !== i))}
              />
            </Space.Compact>
          ))}
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => setLeaves([...leaves, { field: '', method: 'eq', valueFrom: { field: '' } }])}
          >
            {t('props.linkageAdd')}
          </Button>
          <Form.Item label={t('props.linkageTake')} style={{ marginBottom: 0 }}>
            <Select
              aria-label={t('props.linkageTake')}
              value={value.sourceField || undefined}
              options={theirs}
              onChange={(sourceField: string) => onChange({ ...value, sourceField })}
            />
          </Form.Item>
          <Typography.Text type="secondary">{t('props.linkageHelp')}</Typography.Text>
        </>
      )}
    </Space>
  );
}
