import type { FormDefinition } from '@formloom/model';
import { startTransition, useEffect, useState } from 'react';
import type { LayoutGroup } from '../logic/layout';

/**
 * Staged rendering of long forms: the rows that fill the first screen mount with the form, the
 * rest follow in steps after the first paint (as transitions, so typing is never blocked by
 * them). On a 200-field form the antd widgets below the fold would otherwise delay the first
 * paint by several hundred milliseconds. Until a row mounts, a blank block of its estimated
 * height stands in for it, so the page does not jump.
 *
 * All rows mount at once as soon as the form shows errors (so every error is on screen and
 * focusable) or the user focuses a field while rows are still waiting (so Tab always reaches
 * the next field). Validation never depends on it: it runs on the values, not on the DOM.
 */

/** Rows mounted per step after the first screen. */
const ROWS_PER_STEP = 24;
/** The first screen, with a margin for misjudged heights: the window's height + 200 px. */
const firstScreenPx = () => (typeof window === 'undefined' ? 800 : Math.max(window.innerHeight, 600)) + 200;

/** Approximate heights (label + control + bottom margin) by kind, for the first screen and the stand-ins. */
const KIND_HEIGHT: Record<string, number> = {
  textarea: 130,
  richtext: 180,
  subform: 200,
  attachment: 150,
  image: 150,
  signature: 200,
  divider: 50,
  description: 40,
};
const FIELD_HEIGHT = 86;
const SECTION_HEADER_HEIGHT = 50;

export interface StagedRow {
  keys: string[];
  half: boolean;
  height: number;
}

/** The layout's rows in display order with their estimated heights. */
export function stagedRows(definition: FormDefinition, layout: readonly LayoutGroup[]): StagedRow[] {
  const heightOf = (key: string) => KIND_HEIGHT[definition.fields[key]?.kind ?? ''] ?? FIELD_HEIGHT;
  return layout.flatMap((group) =>
    group.rows.map((row, rowIndex) => ({
      keys: row.keys,
      half: row.half,
      height:
        Math.max(...row.keys.map(heightOf)) + (rowIndex === 0 && group.section !== null ? SECTION_HEADER_HEIGHT : 0),
    })),
  );
}

/** How many of `rows` fill the first screen. */
export function firstScreenRows(rows: readonly StagedRow[], screenPx = firstScreenPx()): number {
  let height = 0;
  for (let i = 0; i < rows.length; i++) {
    height += rows[i]?.height ?? 0;
    if (height > screenPx) return i + 1;
  }
  return rows.length;
}

/**
 * The number of rows to mount now: the first screen, then ROWS_PER_STEP more after each paint,
 * until all; all of them at once once `revealAll` holds. `revealNow()` mounts the rest (on focus).
 */
export function useStagedRowCount(rows: readonly StagedRow[], revealAll: boolean) {
  const [mounted, setMounted] = useState(() => firstScreenRows(rows));
  const total = rows.length;
  const pending = !revealAll && mounted < total;
  useEffect(() => {
    if (!pending) return;
    // After the browser painted what is mounted: a frame, then a task.
    let cancelled = false;
    const frame = requestAnimationFrame(() =>
      setTimeout(() => {
        // Once every row is in, rows a visibility rule shows later mount at once.
        const next = (n: number) => (n + ROWS_PER_STEP >= total ? Number.POSITIVE_INFINITY : n + ROWS_PER_STEP);
        if (!cancelled) startTransition(() => setMounted(next));
      }, 0),
    );
    return () => {
      cancelled = true;
      cancelAnimationFrame(frame);
    };
  }, [pending, mounted, total]);
  const revealNow = () => {
    if (pending) startTransition(() => setMounted(Number.POSITIVE_INFINITY));
  };
  return { count: revealAll ? total : Math.min(mounted, total), revealNow };
}
