import { Collapse, Typography } from 'antd';
import type { ReactNode } from 'react';

export interface PanelSection {
  key: string;
  label: ReactNode;
  children: ReactNode;
  /** Shown folded at first. */
  folded?: boolean;
  extra?: ReactNode;
}

/** The panel's groups of settings, each with a heading that folds it. */
export function PanelSections({ sections }: { sections: PanelSection[] }) {
  return (
    <Collapse
      size="small"
      ghost
      defaultActiveKey={sections.filter((s) => !s.folded).map((s) => s.key)}
      items={sections.map((s) => ({
        key: s.key,
        label: <Typography.Text strong>{s.label}</Typography.Text>,
        extra: s.extra,
        children: s.children,
        styles: { header: { paddingInline: 0 }, body: { paddingInline: 0, paddingTop: 0 } },
      }))}
    />
  );
}
