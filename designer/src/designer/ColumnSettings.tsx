import type { DefaultValue, ErrorDetail, FieldMeta } from '@formloom/model';
import { errorLanguage, ruleMessage } from '@formloom/web/error-messages';
import { Form, Radio, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FormSummary } from '../api/types.js';
import { emptyLinkageDefault, rowLinkageFieldOptions } from '../definition/linkage-default.js';
import { LinkageDefaultEditor } from './LinkageDefaultEditor.js';

interface Props {
  /** The form's top-level fields, the subform among them. */
  fields: Record<string, FieldMeta>;
  subformKey: string;
  columnKey: string;
  column: FieldMeta;
  forms: FormSummary[];
  /** The server's problems of this column (its linkage default), shown under its settings. */
  errors?: ErrorDetail[];
  /** The column's new default (`undefined`: none). */
  onChange: (value: DefaultValue | undefined) => void;
}

/**
 * A subform column's settings under its row: its default value, none or a data-linkage default
 * (数据联动) per row, edited with the same `LinkageDefaultEditor` as a top-level field, whose
 * conditions may take their value from the row's other columns or the form's fields. Columns
 * have no fixed or formula defaults: the player and the server start new rows empty.
 */
export function ColumnSettings({ fields, subformKey, columnKey, column, forms, errors = [], onChange }: Props) {
  const { t, i18n } = useTranslation();
  const language = errorLanguage(i18n.language);
  const linkage = column.default?.type === 'linkage' ? column.default : null;
  const ours = rowLinkageFieldOptions(fields, subformKey, columnKey, {
    row: (label) => t('props.linkageRowField', { label }),
    form: (label) => t('props.linkageFormField', { label }),
  });
  return (
    <div
      data-testid={`column-settings-${columnKey}`}
      style={{ border: '1px solid rgba(5, 5, 5, 0.12)', borderRadius: 6, padding: '8px 10px', marginBottom: 4 }}
    >
      <Form.Item label={t('props.columnDefault', { label: column.label || columnKey })} style={{ marginBottom: 0 }}>
        <Radio.Group
          size="small"
          optionType="button"
          style={{ marginBottom: 6 }}
          value={linkage ? 'linkage' : 'none'}
          onChange={(e) => onChange(e.target.value === 'linkage' ? emptyLinkageDefault() : undefined)}
          options={[
            { value: 'none', label: t('props.defaultNone') },
            { value: 'linkage', label: t('props.defaultLinkage') },
          ]}
        />
        {linkage ? (
          <LinkageDefaultEditor
            testId="column-linkage"
            ourFields={ours}
            ourFieldsLabel={t('props.linkageRowOrFormField')}
            value={linkage}
            forms={forms}
            onChange={onChange}
          />
        ) : (
          <Typography.Text type="secondary">{t('props.columnDefaultHelp')}</Typography.Text>
        )}
        {errors.map((e, i) => (
          <div
            key={i}
            role="alert"
            data-testid={`column-error-${columnKey}`}
            style={{ color: '#ff4d4f', fontSize: 12, marginTop: 4 }}
          >
            {ruleMessage(e, language)}
          </div>
        ))}
      </Form.Item>
    </div>
  );
}
