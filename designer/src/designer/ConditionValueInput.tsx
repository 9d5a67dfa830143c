import type { ConditionMethod, FieldMeta } from '@formloom/model';
import { Input, InputNumber, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { CHOICE_KINDS, NUMBER_KINDS } from '../definition/palette.js';

interface Props {
  meta: FieldMeta;
  method: ConditionMethod;
  value: unknown;
  onChange: (value: unknown) => void;
  disabled?: boolean;
}

const LIST_METHODS = new Set<ConditionMethod>(['in', 'nin']);
const num = (v: unknown) => (typeof v === 'number' ? v : null);

/** The value of one condition, in the shape the method and the field's kind need. */
export function ConditionValueInput({ meta, method, value, onChange, disabled }: Props) {
  const { t } = useTranslation();
  if (method === 'empty' || method === 'not_empty') return null;
  const list = LIST_METHODS.has(method);
  const label = t('visibility.value');
  if (CHOICE_KINDS.has(meta.kind))
    return (
      <Select
        size="small"
        disabled={disabled}
        aria-label={label}
        style={{ width: '100%' }}
        mode={list ? 'multiple' : undefined}
        value={value as string | string[] | undefined}
        onChange={onChange}
        options={(meta.options ?? []).map((o) => ({ value: o.value, label: o.label }))}
      />
    );
  if (meta.kind === 'switch')
    return (
      <Select
        size="small"
        disabled={disabled}
        aria-label={label}
        style={{ width: '100%' }}
        value={typeof value === 'boolean' ? value : undefined}
        onChange={onChange}
        options={[
          { value: true, label: t('visibility.yes') },
          { value: false, label: t('visibility.no') },
        ]}
      />
    );
  if (NUMBER_KINDS.has(meta.kind)) {
    if (method === 'range') {
      const [from, to] = Array.isArray(value) ? value : [null, null];
      return (
        <Space.Compact size="small" style={{ width: '100%' }} aria-label={label}>
          <InputNumber
            size="small"
            disabled={disabled}
            value={num(from)}
            onChange={(v) => onChange([v ?? null, to ?? null])}
          />
          <InputNumber
            size="small"
            disabled={disabled}
            value={num(to)}
            onChange={(v) => onChange([from ?? null, v ?? null])}
          />
        </Space.Compact>
      );
    }
    if (!list)
      return (
        <InputNumber
          size="small"
          disabled={disabled}
          aria-label={label}
          style={{ width: '100%' }}
          value={num(value)}
          onChange={(v) => onChange(v ?? undefined)}
        />
      );
  }
  if (list)
    return (
      <Select
        size="small"
        disabled={disabled}
        mode="tags"
        style={{ width: '100%' }}
        value={Array.isArray(value) ? (value as string[]) : []}
        onChange={onChange}
      />
    );
  return (
    <Input
      size="small"
      disabled={disabled}
      aria-label={label}
      value={typeof value === 'string' ? value : ''}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
