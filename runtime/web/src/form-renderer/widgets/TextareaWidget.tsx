import type { WidgetProps } from '@rjsf/utils';
import { Input } from 'antd';

/** Multi-line text that grows with its content. */
export function TextareaWidget(props: WidgetProps) {
  const { id, value, disabled, readonly, placeholder, onChange, onBlur, onFocus, rawErrors } = props;
  return (
    <Input.TextArea
      id={id}
      value={typeof value === 'string' ? value : ''}
      disabled={disabled}
      readOnly={readonly}
      placeholder={placeholder}
      autoSize={{ minRows: 3, maxRows: 10 }}
      status={rawErrors?.length ? 'error' : undefined}
      onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
      onBlur={(e) => onBlur(id, e.target.value)}
      onFocus={(e) => onFocus(id, e.target.value)}
    />
  );
}
