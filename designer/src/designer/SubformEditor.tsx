import { SettingOutlined } from '@ant-design/icons';
import type { ErrorDetail, FieldMeta } from '@formloom/model';
import { fieldKinds } from '@formloom/engine/fields';
import { Button, Form, Input, InputNumber, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormSummary } from '../api/types.js';
import { newKey } from '../definition/field-key.js';
import { columnTakesLinkage, withColumnDefault } from '../definition/linkage-default.js';
import { newFieldMeta } from '../definition/new-field.js';
import { paletteKindGroups } from '../definition/palette.js';
import { ColumnSettings } from './ColumnSettings.js';
import { EditableList } from './EditableList.js';
import { columnErrors } from './field-errors.js';

type Subform = NonNullable<FieldMeta['subform']>;

interface Props {
  /** The form's top-level fields and the subform's key (a column's linkage may read the form's fields). */
  fields: Record<string, FieldMeta>;
  fieldKey: string;
  /** Other forms of the app (where a column's linkage default takes its value from). */
  forms: FormSummary[];
  value: Subform;
  /** The server's problems of this subform; those naming a column are shown at its settings. */
  errors?: ErrorDetail[];
  onChange: (subform: Subform) => void;
}

/** Kinds a subform column may have: value kinds that are neither computed by the server nor subforms. */
const columnKinds = () =>
  paletteKindGroups()
    .flatMap((g) => g.kinds)
    .filter((kind) => {
      const spec = fieldKinds.get(kind);
      return !spec.layoutOnly && !spec.serverComputed && kind !== 'subform';
    });

/**
 * The columns of a subform (title, kind, order, and under a column's settings button its
 * default value) and its row limits. Column keys are generated once.
 */
export function SubformEditor({ fields, fieldKey, forms, value, errors = [], onChange }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string | null>(null);
  const entries = Object.entries(value.fields);
  const write = (next: [string, FieldMeta][]) => onChange({ ...value, fields: Object.fromEntries(next) });
  const option = (n: number) => t('props.defaultOption', { n });

  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }} data-testid="subform-editor">
      <EditableList<[string, FieldMeta]>
        items={entries}
        keyOf={([key]) => key}
        onChange={write}
        newItem={() => [newKey(value.fields), newFieldMeta('text', t('kinds.text'), option)]}
        addLabel={t('props.addColumn')}
        removeLabel={t('canvas.remove')}
        min={1}
        renderItem={([key, column]) => (
          <>
            <Input
              size="small"
              aria-label={t('props.columnLabel')}
              style={{ flex: 1 }}
              value={column.label}
              maxLength={200}
              onChange={(e) => write(entries.map(([k, c]) => [k, k === key ? { ...c, label: e.target.value } : c]))}
            />
            <Select
              size="small"
              aria-label={t('props.columnKind')}
              style={{ width: 130 }}
              value={column.kind}
              onChange={(kind: string) =>
                write(entries.map(([k, c]) => [k, k === key ? newFieldMeta(kind, c.label, option) : c]))
              }
              options={columnKinds().map((kind) => ({
                value: kind,
                label: t(`kinds.${kind}`, { defaultValue: kind }),
              }))}
            />
            {columnTakesLinkage(column.kind) && (
              // Primary while open, outlined in the primary colour when the column has a default, red with a problem.
              <Button
                size="small"
                icon={<SettingOutlined />}
                aria-label={t('props.columnSettings')}
                aria-expanded={open === key}
                title={t('props.columnSettings')}
                color={
                  columnErrors(errors, key).length > 0
                    ? 'danger'
                    : open === key || column.default
                      ? 'primary'
                      : 'default'
                }
                variant={open === key ? 'solid' : 'outlined'}
                onClick={() => setOpen(open === key ? null : key)}
              />
            )}
          </>
        )}
        renderDetail={([key, column]) =>
          open === key &&
          columnTakesLinkage(column.kind) && (
            <ColumnSettings
              fields={fields}
              subformKey={fieldKey}
              columnKey={key}
              column={column}
              forms={forms}
              errors={columnErrors(errors, key)}
              onChange={(d) => onChange(withColumnDefault(value, key, d))}
            />
          )
        }
      />
      <Space>
        <Form.Item label={t('props.minRows')}>
          <InputNumber
            min={0}
            precision={0}
            value={value.minRows ?? null}
            onChange={(v) => onChange({ ...value, minRows: v ?? undefined })}
          />
        </Form.Item>
        <Form.Item label={t('props.maxRows')}>
          <InputNumber
            min={1}
            precision={0}
            value={value.maxRows ?? null}
            onChange={(v) => onChange({ ...value, maxRows: v ?? undefined })}
          />
        </Form.Item>
      </Space>
    </Space>
  );
}
