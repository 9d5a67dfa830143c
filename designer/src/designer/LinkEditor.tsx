import type { FieldMeta } from '@formloom/model';
import { fieldKinds } from '@formloom/engine/fields';
import { Form, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FormSummary } from '../api/types.js';
import { CopyFieldsEditor } from './CopyFieldsEditor.js';

type Link = NonNullable<FieldMeta['link']>;

interface Props {
  value: Link | undefined;
  /** The field's kind: select-data also maps the fields it copies. */
  kind?: string;
  /** This form's fields and the field's key (copy targets of select-data). */
  fields?: Record<string, FieldMeta>;
  fieldKey?: string;
  /** Other forms of the app, with their drafts (the designer's user manages the app). */
  forms: FormSummary[];
  onChange: (link: Link) => void;
}

/** Link and select-data fields: the target form, which of its fields to show, and what deleting a target does. */
export function LinkEditor({ value, kind, fields, fieldKey, forms, onChange }: Props) {
  const { t } = useTranslation();
  const target = forms.find((f) => f.id === value?.formId);
  const targetFields = Object.entries(target?.draft?.fields ?? {}).filter(
    ([, meta]) => fieldKinds.has(meta.kind) && !fieldKinds.get(meta.kind).layoutOnly,
  );
  return (
    <>
      <Form.Item label={t('props.linkForm')} htmlFor="prop-link-form">
        <Select
          id="prop-link-form"
          data-testid="prop-link-form"
          value={value?.formId}
          onChange={(formId: string) => onChange({ formId, displayFields: [], onDelete: value?.onDelete ?? 'block' })}
          options={forms.map((f) => ({ value: f.id, label: f.name }))}
        />
      </Form.Item>
      {value && (
        <>
          <Form.Item label={t('props.displayFields')} htmlFor="prop-display-fields">
            <Select
              id="prop-display-fields"
              mode="multiple"
              value={value.displayFields}
              onChange={(displayFields: string[]) => onChange({ ...value, displayFields })}
              options={targetFields.map(([key, meta]) => ({ value: key, label: meta.label || key }))}
            />
          </Form.Item>
          <Form.Item label={t('props.onDelete')}>
            <Radio.Group
              value={value.onDelete ?? 'block'}
              onChange={(e) => onChange({ ...value, onDelete: e.target.value as 'block' | 'clear' })}
              options={[
                { value: 'block', label: t('props.onDeleteBlock') },
                { value: 'clear', label: t('props.onDeleteClear') },
              ]}
            />
          </Form.Item>
          {kind === 'select_data' && fields && fieldKey && (
            <Form.Item label={t('props.copyFields')}>
              <CopyFieldsEditor
                key={value.formId}
                theirFields={target?.draft?.fields ?? {}}
                ourFields={fields}
                fieldKey={fieldKey}
                value={value.copy}
                onChange={(copy) => onChange({ ...value, copy })}
              />
            </Form.Item>
          )}
        </>
      )}
    </>
  );
}
