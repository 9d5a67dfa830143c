import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { FieldOption } from '@formloom/model';
import { Button, Checkbox, ColorPicker, Input, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { newKey } from '../definition/field-key.js';

interface Props {
  options: FieldOption[];
  allowOther: boolean;
  onChange: (options: FieldOption[], allowOther: boolean) => void;
}

/** Options of a choice field: text, colour, order; values are generated keys that never change. */
export function OptionsEditor({ options, allowOther, onChange }: Props) {
  const { t } = useTranslation();
  const set = (index: number, patch: Partial<FieldOption>) =>
    onChange(
      options.map((o, i) => (i === index ? { ...o, ...patch } : o)),
      allowOther,
    );
  const move = (index: number, delta: number) => {
    const next = [...options];
    const [item] = next.splice(index, 1);
    next.splice(index + delta, 0, item);
    onChange(next, allowOther);
  };
  const add = () => {
    const value = newKey(new Set(options.map((o) => o.value)), 'o_');
    onChange([...options, { value, label: t('props.defaultOption', { n: options.length + 1 }) }], allowOther);
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={4}>
      {options.map((option, index) => (
        <Space.Compact key={option.value} style={{ width: '100%' }}>
          <ColorPicker
            size="small"
            allowClear
            value={option.color ?? null}
            onChangeComplete={(c) => set(index, { color: c.toHexString() })}
            onClear={() => set(index, { color: undefined })}
          />
          <Input
            size="small"
            aria-label={t('props.optionLabel')}
            value={option.label}
            maxLength={200}
            onChange={(e) => set(index, { label: e.target.value })}
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
            disabled={index === options.length - 1}
            onClick={() => move(index, 1)}
          />
          <Button
            size="small"
            danger
            icon={<DeleteOutlined />}
            aria-label={t('props.removeOption')}
            onClick={() =>
              onChange(
                options.filter((_, i) => i !== index),
                allowOther,
              )
            }
          />
        </Space.Compact>
      ))}
      <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={add} block>
        {t('props.addOption')}
      </Button>
      <Checkbox checked={allowOther} onChange={(e) => onChange(options, e.target.checked)}>
        {t('props.allowOther')}
      </Checkbox>
    </Space>
  );
}
