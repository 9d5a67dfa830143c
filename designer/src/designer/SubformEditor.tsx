import type { FieldMeta } from '@formloom/model';
import { fieldKinds } from '@formloom/engine/fields';
import { Form, Input, InputNumber, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { newKey } from '../definition/field-key.js';
import { newFieldMeta } from '../definition/new-field.js';
import { paletteKindGroups } from '../definition/palette.js';
import { EditableList } from './EditableList.js';

type Subform = NonNullable<FieldMeta['subform']>;

interface Props {
  value: Subform;
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

/** The columns of a subform (title, kind, order) and its row limits. Column keys are generated once. */
export function SubformEditor({ value, onChange }: Props) {
  const { t } = useTranslation();
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
          </>
        )}
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
