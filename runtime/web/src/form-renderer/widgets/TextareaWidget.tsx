import type { WidgetProps } from '@rjsf/utils';
import { Input } from 'antd';
import type { CSSProperties } from 'react';

/**
 * Where the browser sizes a textarea to its content by itself (CSS `field-sizing`), it does so
 * between 3 and 10 lines; elsewhere antd's autoSize measures it, which reads computed styles
 * (a forced layout) per textarea on every mount and change: slow on long forms.
 */
const CONTENT_SIZED =
  typeof CSS !== 'undefined' && typeof CSS.supports === 'function' && CSS.supports('field-sizing', 'content');
// Lines of the textarea's own line height, plus its vertical padding (4 + 4) and border (1 + 1).
const CONTENT_SIZED_STYLE: CSSProperties = {
  fieldSizing: 'content',
  minHeight: 'calc(3lh + 10px)',
  maxHeight: 'calc(10lh + 10px)',
  resize: 'none',
};
const AUTO_SIZE = { minRows: 3, maxRows: 10 };

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
      autoSize={CONTENT_SIZED ? false : AUTO_SIZE}
      style={CONTENT_SIZED ? CONTENT_SIZED_STYLE : undefined}
      status={rawErrors?.length ? 'error' : undefined}
      onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
      onBlur={(e) => onBlur(id, e.target.value)}
      onFocus={(e) => onFocus(id, e.target.value)}
    />
  );
}
