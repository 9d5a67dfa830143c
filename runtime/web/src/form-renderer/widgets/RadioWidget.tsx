import type { WidgetProps } from '@rjsf/utils';
import { Radio } from 'antd';
import { choicesOf } from './choices';

/** One choice among the field's options, shown as radio buttons. */
export function RadioWidget(props: WidgetProps) {
  const { id, value, disabled, readonly, onChange, options } = props;
  return (
    <Radio.Group
      id={id}
      value={value}
      disabled={disabled || readonly}
      options={choicesOf(options).map((o) => ({ value: o.value, label: o.label }))}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
