import type { WidgetProps } from '@rjsf/utils';
import { InputNumber } from 'antd';
import { fieldMetaOf } from '../field-meta';

const THOUSANDS = /\B(?=(\d{3})+(?!\d))/g;

/** Number and money: precision, thousands separator, and a unit or currency after the box. */
export function NumberWidget(props: WidgetProps) {
  const { id, value, disabled, readonly, placeholder, onChange, onBlur, onFocus, options, rawErrors } = props;
  const meta = fieldMetaOf(options);
  const format = meta?.number ?? {};
  const suffix = format.unit ?? format.currency;
  return (
    <InputNumber<number>
      id={id}
      style={{ width: '100%' }}
      value={typeof value === 'number' ? value : null}
      disabled={disabled}
      readOnly={readonly}
      placeholder={placeholder}
      precision={format.precision}
      suffix={suffix}
      status={rawErrors?.length ? 'error' : undefined}
      formatter={format.thousands ? (v) => (v === undefined ? '' : String(v).replace(THOUSANDS, ',')) : undefined}
      parser={format.thousands ? (v) => Number((v ?? '').replace(/,/g, '')) : undefined}
      onChange={(v) => onChange(v ?? undefined)}
      onBlur={() => onBlur(id, value)}
      onFocus={() => onFocus(id, value)}
    />
  );
}
