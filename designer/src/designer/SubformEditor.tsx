import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { FieldMeta } from '@formloom/model';
import { fieldKinds } from '@formloom/engine/fields';
import { Button, Form, Input, InputNumber, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { newKey } from '../definition/field-key.js';
import { newFieldMeta } from '../definition/new-field.js';
import { paletteKindGroups } from '../definition/palette.js';

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
  const move = (index: number, delta: number) => {
    const next = [...entries];
    const [item] = next.splice(index, 1);
    next.splice(index + delta, 0, item);
    write(next);
  };
  const option = (n: number) => t('props.defaultOption', { n });

  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }} data-testid="subform-editor">
      {entries.map(([key, column], index) => (
        <Space.Compact key={key} size="small" style={{ width: '100%' }}>
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
            options={columnKinds().map((kind) => ({ value: kind, label: t(`kinds.${kind}`, { defaultValue: kind }) }))}
          />
          <Button
            size="small"
            icon={<ArrowUpOutlined />}
            aria-label={t('props.moveUp')}
            disabled={index === 0}
            onClick={() => move(index, -1)}
          />
          <Button
            size="small"
            icon={<ArrowDownOutlined />}
            aria-label={t('props.moveDown')}
            disabled={index === entries.length - 1}
            onClick={() => move(index, 1)}
          />
          <Button
            size="small"
            danger
            icon={<DeleteOutlined />}
            aria-label={t('canvas.remove')}
            disabled={entries.length === 1}
            onClick={() => write(entries.filter(([k]) => k !== key))}
          />
        </Space.Compact>
      ))}
      <Button
        size="small"
        type="dashed"
        block
        icon={<PlusOutlined />}
        onClick={() => write([...entries, [newKey(value.fields), newFieldMeta('text', t('kinds.text'), option)]])}
      >
        {t('props.addColumn')}
      </Button>
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
