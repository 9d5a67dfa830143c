import type { WidgetProps } from '@rjsf/utils';
import { Typography } from 'antd';
import { useRendererText } from '../renderer-text';

/** A serial number: assigned by the server when the record is saved, so read-only here. */
export function SerialWidget({ id, value }: WidgetProps) {
  const text = useRendererText();
  return (
    <div id={id} style={{ display: 'flex', alignItems: 'center', minHeight: 32 }}>
      {typeof value === 'string' && value !== '' ? (
        <Typography.Text code>{value}</Typography.Text>
      ) : (
        <Typography.Text type="secondary">{text('serialOnSave')}</Typography.Text>
      )}
    </div>
  );
}
