import type { FieldMeta } from '@formloom/model';
import { Divider, Typography } from 'antd';

/** A divider or a description text, drawn where the builder put it. Builder text is rendered as text. */
export function LayoutItem({ fieldKey, meta }: { fieldKey: string; meta: FieldMeta }) {
  if (meta.kind === 'divider')
    return (
      <Divider data-field={fieldKey} style={{ margin: '8px 0 16px' }}>
        {meta.label}
      </Divider>
    );
  return (
    <Typography.Paragraph data-field={fieldKey} type="secondary" style={{ whiteSpace: 'pre-wrap', marginBottom: 16 }}>
      {meta.description ?? meta.label}
    </Typography.Paragraph>
  );
}
