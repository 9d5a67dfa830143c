import type { WidgetProps } from '@rjsf/utils';
import { Switch } from 'antd';
import { useRendererText } from '../renderer-text';

/** A yes/no switch. */
export function SwitchWidget(props: WidgetProps) {
  const { id, value, disabled, readonly, onChange } = props;
  const text = useRendererText();
  return (
    <Switch
      id={id}
      checked={value === true}
      disabled={disabled || readonly}
      checkedChildren={text('yes')}
      unCheckedChildren={text('no')}
      onChange={(checked) => onChange(checked)}
    />
  );
}
