import type { ErrorSchema, ObjectFieldTemplateProps } from '@rjsf/utils';
import { isValidElement, memo, useMemo, type CSSProperties, type ReactNode } from 'react';
import { rendererContextOf, type RendererContext } from '../form-context';
import { LayoutItem } from './LayoutItem';
import { SectionGroup } from './SectionGroup';
import { stagedRows, useStagedRowCount, type StagedRow } from './staged-rows';

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
export function ObjectFieldTemplate({ properties, registry, fieldPathId, errorSchema }: ObjectFieldTemplateProps) {
  const ctx = rendererContextOf(registry.formContext);
  const contentOf = new Map(properties.filter((p) => !p.hidden).map((p) => [p.name, p.content]));
  if (ctx === undefined || fieldPathId.$id !== 'root')
    return <div className="fl-form-fields">{[...contentOf.values()]}</div>;
  return <FormBody ctx={ctx} contentOf={contentOf} showsErrors={hasErrors(errorSchema)} />;
}

/** The root's rows, the first screen first and the rest in steps (see staged-rows.ts). */
function FormBody(props: { ctx: RendererContext; contentOf: Map<string, ReactNode>; showsErrors: boolean }) {
  const { ctx, contentOf, showsErrors } = props;
  const { definition, layout } = ctx;
  const rows = useMemo(() => stagedRows(definition, layout), [definition, layout]);
  const staged = useStagedRowCount(rows, showsErrors);

  const cell = (key: string): ReactNode => {
    const meta = definition.fields[key];
    if (meta !== undefined && (meta.kind === 'divider' || meta.kind === 'description'))
      return <LayoutItem fieldKey={key} meta={meta} />;
    return contentOf.get(key) ?? null;
  };
  const row = (r: StagedRow) => <RowView key={r.keys.join(' ')} row={r} cells={r.keys.map(cell)} />;

  const waitingHeight = rows.slice(staged.count).reduce((sum, r) => sum + r.height, 0);
  let before = 0; // rows of the groups above
  return (
    <div className="fl-form-fields" onFocusCapture={staged.revealNow}>
      {layout.map((group) => {
        const first = before;
        before += group.rows.length;
        // A group shows once its first row is mounted (an empty section once all above are).
        if (first > staged.count || (first === staged.count && group.rows.length > 0)) return null;
        const groupRows = rows.slice(first, Math.min(before, staged.count));
        const meta = group.section === null ? undefined : definition.fields[group.section];
        if (group.section === null || meta === undefined) return <div key="__top">{groupRows.map(row)}</div>;
        return (
          <SectionGroup key={group.section} fieldKey={group.section} meta={meta}>
            {groupRows.map(row)}
          </SectionGroup>
        );
      })}
      {waitingHeight > 0 && <div aria-hidden="true" style={{ height: waitingHeight }} />}
    </div>
  );
}

/**
 * One row of one or two cells. rjsf hands the template new elements for every field on each
 * change; a row whose elements carry the same props as before (every row but the edited one)
 * is skipped, as rjsf's memoised field would skip it one level further down.
 */
const RowView = memo(
  function RowView({ row, cells }: { row: StagedRow; cells: ReactNode[] }) {
    return (
      <div className="fl-form-row" style={ROW_STYLE}>
        {cells.map((content, i) => (
          <div key={row.keys[i]} style={row.half ? HALF_CELL_STYLE : FULL_CELL_STYLE}>
            {content}
          </div>
        ))}
      </div>
    );
  },
  (prev, next) =>
    prev.row === next.row &&
    prev.cells.length === next.cells.length &&
    prev.cells.every((cell, i) => sameElement(cell, next.cells[i])),
);

/**
 * rjsf's ObjectField hands each property its key-rename and remove handlers, made anew whenever
 * the object's uiSchema or data changes, i.e. on every keystroke; they are only ever called for
 * properties added through `additionalProperties`, which the form's own fields are not.
 */
const ADDITIONAL_PROPERTY_HANDLERS = new Set(['handleKeyRename', 'handleRemoveProperty']);

/**
 * The same node, or elements of one type and key with shallowly equal props (for a property
 * that is not an additional one, the handlers above do not count).
 */
function sameElement(a: ReactNode, b: ReactNode): boolean {
  if (a === b) return true;
  if (!isValidElement(a) || !isValidElement(b) || a.type !== b.type || a.key !== b.key) return false;
  const pa = a.props as Record<string, unknown>;
  const pb = b.props as Record<string, unknown>;
  const additional = pa.addedByAdditionalProperties === true || pb.addedByAdditionalProperties === true;
  const keys = Object.keys(pa).filter((k) => additional || !ADDITIONAL_PROPERTY_HANDLERS.has(k));
  return Object.keys(pa).length === Object.keys(pb).length && keys.every((k) => Object.is(pa[k], pb[k]));
}

/** Whether an error schema holds an error anywhere. */
function hasErrors(schema: ErrorSchema | undefined): boolean {
  if (schema === undefined || schema === null || typeof schema !== 'object') return false;
  return Object.entries(schema).some(([key, value]) =>
    key === '__errors' ? Array.isArray(value) && value.length > 0 : hasErrors(value as ErrorSchema),
  );
}
