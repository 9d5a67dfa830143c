import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { LinkageConditionLeaf } from '@formloom/model';
import { Button, Form, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FormSummary } from '../api/types.js';
import {
  emptyLinkageDefault,
  valueFieldOptions,
  type LinkageDefault,
  type LinkageFieldOption,
} from '../definition/linkage-default.js';

interface Props {
  /**
   * The fields of the form being built that a condition may take its value from
   * (`valueFrom.field`): a top-level field's other fields (`valueFieldOptions`), or for a
   * subform column the row's other columns and the top-level fields (`rowLinkageFieldOptions`).
   */
  ourFields: LinkageFieldOption[];
  /** What those fields are called (the select's accessible name); "当前表单的字段" unless told. */
  ourFieldsLabel?: string;
  value: LinkageDefault;
  /** Other forms of the app, with their drafts. */
  forms: FormSummary[];
  onChange: (value: LinkageDefault) => void;
  testId?: string;
}

/**
 * A data-linkage default (数据联动): take a field of the first record of another form where
 * each chosen field of that form equals a field of this form. Stored as
 * `{type: 'linkage', formId, condition: {rel: 'and', cond: [{field, method: 'eq', valueFrom: {field}}]}, sourceField}`;
 * other condition parts written elsewhere (templates, the API) are kept.
 */
export function LinkageDefaultEditor(props: Props) {
  const { ourFields, value, forms, onChange, testId = 'prop-linkage' } = props;
  const { t } = useTranslation();
  const ourFieldsLabel = props.ourFieldsLabel ?? t('props.linkageOurField');
  const target = forms.find((f) => f.id === value.formId);
  const theirs = valueFieldOptions(target?.draft?.fields ?? {});
  const leaves = value.condition.cond.filter((c): c is LinkageConditionLeaf => 'field' in c && 'valueFrom' in c);
  const kept = value.condition.cond.filter((c) => !('field' in c && 'valueFrom' in c));
  const setLeaves = (next: LinkageConditionLeaf[]) =>
    onChange({ ...value, condition: { rel: 'and', cond: [...kept, ...next] } });
  return (
    <Space direction="vertical" size={6} style={{ width: '100%' }} data-testid={testId}>
      <Select
        aria-label={t('props.linkageForm')}
        placeholder={t('props.linkageForm')}
        style={{ width: '100%' }}
        value={value.formId || undefined}
        onChange={(formId: string) => onChange({ ...emptyLinkageDefault(), formId })}
        options={forms.map((f) => ({ value: f.id, label: f.name }))}
      />
      {value.formId && (
        <>
          <Typography.Text type="secondary">{t('props.linkageWhere')}</Typography.Text>
          {leaves.map((leaf, i) => (
            <Space.Compact key={i} style={{ width: '100%' }}>
              <Select
                aria-label={t('props.linkageTheirField')}
                style={{ flex: 1, minWidth: 0 }}
                value={leaf.field || undefined}
                options={theirs}
                onChange={(field: string) => setLeaves(leaves.map((l, j) => (j === i ? { ...l, field } : l)))}
              />
              <Button disabled style={{ width: 28, flex: 'none', padding: 0 }}>
                =
              </Button>
              <Select
                aria-label={ourFieldsLabel}
                style={{ flex: 1.3, minWidth: 0 }}
                value={leaf.valueFrom?.field || undefined}
                options={ourFields}
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
