import type { Condition } from '@formloom/model';

/**
 * The table's filter lives in the URL (`?filter=<JSON>`) so a reload or a shared link shows the
 * same rows. Only the outer shape is checked here; the server checks the rest strictly and its
 * errors are shown next to the conditions.
 */
const PARAM = 'filter';

export function readFilter(search: string): Condition | undefined {
  const raw = new URLSearchParams(search).get(PARAM);
  if (!raw) return undefined;
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { rel, cond } = parsed as { rel?: unknown; cond?: unknown };
    if ((rel !== 'and' && rel !== 'or') || !Array.isArray(cond) || cond.length === 0) return undefined;
    return parsed as Condition;
  } catch {
    return undefined;
  }
}

/** `search` with the filter set (or removed when undefined), other parameters kept. */
export function writeFilter(search: string, filter: Condition | undefined): string {
  const params = new URLSearchParams(search);
  if (filter && filter.cond.length > 0) params.set(PARAM, JSON.stringify(filter));
  else params.delete(PARAM);
  const text = params.toString();
  return text ? `?${text}` : '';
}
