import type { FieldMeta } from '@formloom/model';
import { Typography } from 'antd';
import type { ReactNode } from 'react';

/** A titled group of fields: the section's label as a heading, its description under it, then its rows. */
export function SectionGroup({ fieldKey, meta, children }: { fieldKey: string; meta: FieldMeta; children: ReactNode }) {
  return (
    <section className="fl-form-section" data-field={fieldKey} style={{ marginBottom: 8 }}>
      <Typography.Title
        level={5}
        style={{ margin: '8px 0 12px', paddingLeft: 8, borderLeft: '3px solid #1677ff', lineHeight: 1.4 }}
      >
        {meta.label}
      </Typography.Title>
      {meta.description !== undefined && (
        <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
          {meta.description}
        </Typography.Paragraph>
      )}
      {children}
    </section>
  );
}
