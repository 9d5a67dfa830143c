import type { FieldMeta } from '@formloom/model';
import { Typography } from 'antd';
import { formatValue } from './format-value';
import { useRendererText } from './renderer-text';

/** One field's value, read-only, as text; a grey dash when empty. */
export function FieldValue({ meta, value }: { meta: FieldMeta | undefined; value: unknown }) {
  const text = useRendererText();
  const shown = formatValue(meta, value, [text('yes'), text('no')]);
  if (shown === null) return <Typography.Text type="secondary">—</Typography.Text>;
  return <span style={{ whiteSpace: 'pre-wrap' }}>{shown}</span>;
}
