import type { WidgetProps } from '@rjsf/utils';
import { Select } from 'antd';
import { useRendererText } from '../renderer-text';
import { choicesOf } from './choices';

/** Select (one value) and multi-select (an array of values), options from the field's metadata. */
export function SelectWidget(props: WidgetProps) {
  const { id, value, disabled, readonly, placeholder, onChange, onBlur, onFocus, options, rawErrors } = props;
  const text = useRendererText();
  const multiple = options.kind === 'multiselect';
  return (
    <Select
      id={id}
      mode={multiple ? 'multiple' : undefined}
      allowClear
      style={{ width: '100%' }}
      value={value ?? (multiple ? [] : undefined)}
      disabled={disabled || readonly}
      placeholder={placeholder ?? text('select')}
      status={rawErrors?.length ? 'error' : undefined}
      options={choicesOf(options).map((o) => ({ value: o.value, label: o.label }))}
      onChange={(v: string | string[] | undefined) =>
        onChange(Array.isArray(v) ? (v.length === 0 ? undefined : v) : (v ?? undefined))
      }
      onBlur={() => onBlur(id, value)}
      onFocus={() => onFocus(id, value)}
    />
  );
}
