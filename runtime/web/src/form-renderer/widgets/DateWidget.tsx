import type { WidgetProps } from '@rjsf/utils';
import { DatePicker } from 'antd';
import dayjs from 'dayjs';

/**
 * Date (stored `YYYY-MM-DD`) and date-time (stored as a UTC ISO instant, shown and picked
 * in the browser's time zone).
 */
export function DateWidget(props: WidgetProps) {
  const { id, value, disabled, readonly, placeholder, onChange, options, rawErrors } = props;
  const withTime = options.kind === 'datetime';
  const parsed = typeof value === 'string' && value !== '' ? dayjs(value) : null;
  return (
    <DatePicker
      id={id}
      style={{ width: withTime ? 240 : 180 }}
      showTime={withTime ? { format: 'HH:mm' } : false}
      format={withTime ? 'YYYY-MM-DD HH:mm' : 'YYYY-MM-DD'}
      value={parsed?.isValid() ? parsed : null}
      disabled={disabled || readonly}
      placeholder={placeholder}
      status={rawErrors?.length ? 'error' : undefined}
      onChange={(date) => {
        if (date === null) onChange(undefined);
        else onChange(withTime ? date.toISOString() : date.format('YYYY-MM-DD'));
      }}
    />
  );
}
