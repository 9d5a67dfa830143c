import type { FieldMeta } from '@formloom/model';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { linkLabels, type LinkLabel, type LinkTarget } from './link-label-cache';

/** How a view names the record ids of link and select-data values. */
export interface LinkLabels {
  /** The label; null when the record is not available to this user; undefined while loading. */
  label(target: LinkTarget, id: string): LinkLabel;
  /** The placeholder shown for a record that is not available. */
  notAvailable: string;
}

export const LINK_KINDS: ReadonlySet<string> = new Set(['link', 'select_data']);

const idsIn = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && v !== '');

/** The linked record ids of a field's value, per target, also in the rows of a subform. */
export function linkIdsOf(meta: FieldMeta | undefined, value: unknown): Array<{ target: LinkTarget; ids: string[] }> {
  if (meta === undefined || value === undefined || value === null) return [];
  if (LINK_KINDS.has(meta.kind) && meta.link !== undefined) {
    const ids = idsIn(value);
    return ids.length > 0 ? [{ target: meta.link, ids }] : [];
  }
  if (meta.kind !== 'subform' || !Array.isArray(value)) return [];
  const columns = Object.entries(meta.subform?.fields ?? {});
  const out: Array<{ target: LinkTarget; ids: string[] }> = [];
  for (const row of value as unknown[]) {
    if (typeof row !== 'object' || row === null) continue;
    for (const [key, column] of columns) out.push(...linkIdsOf(column, (row as Record<string, unknown>)[key]));
  }
  return out;
}

const noSubscription = () => () => undefined;

/**
 * Labels for the linked record ids of one field's value (read-only views, table cells, history,
 * conflict dialog). Requests of every view on the page are batched per target form and cached
 * for the session (link-label-cache.ts); fields of other kinds subscribe to nothing.
 */
export function useLinkLabels(
  meta: FieldMeta | undefined,
  value: unknown,
  notAvailable: string,
): LinkLabels | undefined {
  const wanted = linkIdsOf(meta, value);
  const key = JSON.stringify(wanted.map((w) => [w.target.formId, w.target.displayFields, w.ids]));
  useEffect(() => {
    for (const w of JSON.parse(key) as Array<[string, string[], string[]]>)
      void linkLabels.request({ formId: w[0], displayFields: w[1] }, w[2]);
  }, [key]);
  const some = wanted.length > 0;
  const revision = useSyncExternalStore(
    some ? linkLabels.subscribe : noSubscription,
    linkLabels.revision,
    linkLabels.revision,
  );
  // A new object when labels arrive, so memoised children see the change.
  return useMemo(
    () =>
      some ? { label: (target: LinkTarget, id: string) => linkLabels.label(target, id), notAvailable } : undefined,
    [some, revision, notAvailable],
  );
}
