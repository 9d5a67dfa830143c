import type { FieldOption } from '@formloom/model';
import { Checkbox, ColorPicker, Input, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { newKey } from '../definition/field-key.js';
import { EditableList } from './EditableList.js';

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

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={4}>
      <EditableList<FieldOption>
        items={options}
        keyOf={(option) => option.value}
        onChange={(next) => onChange(next, allowOther)}
        newItem={() => ({
          value: newKey(new Set(options.map((o) => o.value)), 'o_'),
          label: t('props.defaultOption', { n: options.length + 1 }),
        })}
        addLabel={t('props.addOption')}
        removeLabel={t('props.removeOption')}
        renderItem={(option, index) => (
          <>
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
          </>
        )}
      />
      <Checkbox checked={allowOther} onChange={(e) => onChange(options, e.target.checked)}>
        {t('props.allowOther')}
      </Checkbox>
    </Space>
  );
}
