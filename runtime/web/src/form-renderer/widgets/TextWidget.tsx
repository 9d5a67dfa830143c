import type { WidgetProps } from '@rjsf/utils';
import { Input } from 'antd';

const INPUT_TYPES: Record<string, string> = { email: 'email', url: 'url', phone: 'tel' };

/** Single-line text, and the text-like kinds phone, email and URL. */
export function TextWidget(props: WidgetProps) {
  const { id, value, disabled, readonly, placeholder, onChange, onBlur, onFocus, options, rawErrors } = props;
  const kind = typeof options.kind === 'string' ? options.kind : 'text';
  return (
    <Input
      id={id}
      type={INPUT_TYPES[kind] ?? 'text'}
      value={typeof value === 'string' ? value : ''}
      disabled={disabled}
      readOnly={readonly}
      placeholder={placeholder}
      status={rawErrors?.length ? 'error' : undefined}
      onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
      onBlur={(e) => onBlur(id, e.target.value)}
      onFocus={(e) => onFocus(id, e.target.value)}
    />
  );
}
