import type { WidgetProps } from '@rjsf/utils';
import { Checkbox } from 'antd';
import { choicesOf } from './choices';

/** Several choices among the field's options, as checkboxes; stores an array of values. */
export function CheckboxesWidget(props: WidgetProps) {
  const { id, value, disabled, readonly, onChange, options } = props;
  return (
    <Checkbox.Group
      data-id={id}
      value={Array.isArray(value) ? (value as string[]) : []}
      disabled={disabled || readonly}
      options={choicesOf(options).map((o) => ({ value: o.value, label: o.label }))}
      onChange={(v) => onChange(v.length === 0 ? undefined : v)}
    />
  );
}
