import type { ObjectFieldTemplateProps } from '@rjsf/utils';
import type { CSSProperties, ReactNode } from 'react';
import { rendererContextOf } from '../form-context';
import type { LayoutRow } from '../logic/layout';
import { LayoutItem } from './LayoutItem';
import { SectionGroup } from './SectionGroup';

// Plain flex rows instead of antd's Row/Col: with 200 fields their per-render style and
// breakpoint hooks cost more than the fields themselves on every keystroke. Half-width cells
// share a row from ~576 px up and stack below, as Col xs=24 md=12 did.
const ROW_STYLE: CSSProperties = { display: 'flex', flexWrap: 'wrap', columnGap: 16 };
const HALF_CELL_STYLE: CSSProperties = { flex: '1 1 280px', minWidth: 0 };
const FULL_CELL_STYLE: CSSProperties = { flex: '1 1 100%', minWidth: 0 };

/**
 * The form body laid out as the designer arranged it (see logic/layout.ts): sections, rows of
 * one full-width or two half-width fields, dividers and description texts in their place.
 * Nested objects (and forms without layout context) list their fields one below the other.
 */
export function ObjectFieldTemplate({ properties, registry, fieldPathId }: ObjectFieldTemplateProps) {
  const ctx = rendererContextOf(registry.formContext);
  const contentOf = new Map(properties.filter((p) => !p.hidden).map((p) => [p.name, p.content]));
  if (ctx === undefined || fieldPathId.$id !== 'root')
    return <div className="fl-form-fields">{[...contentOf.values()]}</div>;
  const { definition, layout } = ctx;

  const cell = (key: string): ReactNode => {
    const meta = definition.fields[key];
    if (meta !== undefined && (meta.kind === 'divider' || meta.kind === 'description'))
      return <LayoutItem fieldKey={key} meta={meta} />;
    return contentOf.get(key) ?? null;
  };
  const row = (r: LayoutRow) => (
    <div key={r.keys.join(' ')} className="fl-form-row" style={ROW_STYLE}>
      {r.keys.map((key) => (
        <div key={key} style={r.half ? HALF_CELL_STYLE : FULL_CELL_STYLE}>
          {cell(key)}
        </div>
      ))}
    </div>
  );

  return (
    <div className="fl-form-fields">
      {layout.map((group) => {
        const rows = group.rows.map(row);
        const meta = group.section === null ? undefined : definition.fields[group.section];
        if (group.section === null || meta === undefined) return <div key="__top">{rows}</div>;
        return (
          <SectionGroup key={group.section} fieldKey={group.section} meta={meta}>
            {rows}
          </SectionGroup>
        );
      })}
    </div>
  );
}
