import type { WidgetProps } from '@rjsf/utils';
import { Alert } from 'antd';
import { useRendererText } from '../renderer-text';

/** Placeholder for field kinds the player has no widget for yet: says so instead of guessing. */
export function UnsupportedWidget(props: WidgetProps) {
  const text = useRendererText();
  const kind = typeof props.options.kind === 'string' ? props.options.kind : '?';
  return <Alert type="info" showIcon title={text('unsupported', { kind })} />;
}
