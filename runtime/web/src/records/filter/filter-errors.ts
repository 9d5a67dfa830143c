import type { ApiErrorDetail } from '../../api/client';

/**
 * Server errors on a filter name the part they are about (`filter.cond[1].cond[0].value`).
 * `nodePath` gives the builder's path of a condition (`cond[1].cond[0]`); `errorsAt` picks the
 * messages about that condition, `groupErrors` those about the filter as a whole.
 */
export const nodePath = (indexes: readonly number[]) => indexes.map((i) => `cond[${i}]`).join('.');

function relative(detail: ApiErrorDetail): string | null {
  if (detail.path === 'filter') return '';
  return detail.path.startsWith('filter.') ? detail.path.slice('filter.'.length) : null;
}

export function errorsAt(details: readonly ApiErrorDetail[], path: string): ApiErrorDetail[] {
  return details.filter((d) => {
    const rel = relative(d);
    return rel !== null && (rel === path || rel.startsWith(`${path}.`) || rel.startsWith(`${path}[`));
  });
}

/** Errors about the filter that name no single condition of `leafPaths`. */
export function unplacedErrors(details: readonly ApiErrorDetail[], leafPaths: readonly string[]): ApiErrorDetail[] {
  return details.filter((d) => {
    const rel = relative(d);
    if (rel === null) return false;
    return !leafPaths.some((p) => rel === p || rel.startsWith(`${p}.`) || rel.startsWith(`${p}[`));
  });
}
