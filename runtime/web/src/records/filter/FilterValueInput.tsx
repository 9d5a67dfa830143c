import type { ConditionMethod } from '@formloom/model';
import { DatePicker, Input, InputNumber, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { FilterField } from './filter-fields';

interface Props {
  field: FilterField;
  method: ConditionMethod;
  value: unknown;
  onChange: (value: unknown) => void;
}

const LIST = new Set<ConditionMethod>(['in', 'nin']);
const WIDTH = 240;

/** The value of one condition, shaped by the method and the field's kind: text, number, date, option. */
export function FilterValueInput({ field, method, value, onChange }: Props) {
  const { t } = useTranslation();
  const label = t('filter.value');
  const list = LIST.has(method);
  const options = field.meta?.options;

  if (options && options.length > 0)
    return (
      <Select
        aria-label={label}
        style={{ width: WIDTH }}
        mode={list ? 'multiple' : undefined}
        placeholder={t('form.selectPlaceholder')}
        value={value as string | string[] | undefined}
        onChange={onChange}
        options={options.map((o) => ({ value: o.value, label: o.label }))}
      />
    );
  if (field.valueType === 'boolean')
    return (
      <Select
        aria-label={label}
        style={{ width: WIDTH }}
        value={typeof value === 'boolean' ? value : undefined}
        onChange={onChange}
        options={[
          { value: true, label: t('form.yes') },
          { value: false, label: t('form.no') },
        ]}
      />
    );
  if (method === 'range') {
    const [from, to] = Array.isArray(value) ? (value as unknown[]) : [null, null];
    return (
      <Space.Compact style={{ width: WIDTH + 80 }}>
        <Scalar field={field} label={t('filter.from')} value={from} onChange={(v) => onChange([v, to ?? null])} />
        <Scalar field={field} label={t('filter.to')} value={to} onChange={(v) => onChange([from ?? null, v])} />
      </Space.Compact>
    );
  }
  if (list)
    return (
      <Select
        aria-label={label}
        mode="tags"
        style={{ width: WIDTH }}
        placeholder={t('filter.listPlaceholder')}
        value={Array.isArray(value) ? (value as string[]) : []}
        onChange={(items: string[]) => onChange(field.valueType === 'number' ? items.map(Number) : items)}
      />
    );
  return <Scalar field={field} label={label} value={value} onChange={onChange} width={WIDTH} />;
}

/** One scalar value: a number box, a date (or date-time) picker, or a text box. */
function Scalar({
  field,
  label,
  value,
  onChange,
  width,
}: {
  field: FilterField;
  label: string;
  value: unknown;
  onChange: (value: unknown) => void;
  width?: number;
}) {
  const style = width ? { width } : { width: '50%' };
  if (field.valueType === 'number')
    return (
      <InputNumber
        aria-label={label}
        placeholder={label}
        style={style}
        value={typeof value === 'number' ? value : null}
        onChange={(v) => onChange(typeof v === 'number' ? v : null)}
      />
    );
  if (field.valueType === 'date' || field.valueType === 'datetime') {
    const withTime = field.valueType === 'datetime';
    return (
      <DatePicker
        aria-label={label}
        placeholder={label}
        style={style}
        showTime={withTime}
        value={typeof value === 'string' && value ? dayjs(value) : null}
        onChange={(d: Dayjs | null) =>
          onChange(d ? (withTime ? d.toDate().toISOString() : d.format('YYYY-MM-DD')) : null)
        }
      />
    );
  }
  return (
    <Input
      aria-label={label}
      placeholder={label}
      style={style}
      value={typeof value === 'string' ? value : ''}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
