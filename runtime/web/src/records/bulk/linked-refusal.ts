import { ApiError } from '../../api/client';

/** One form/field whose records still link to a record being deleted (the server's `references`). */
export interface LinkReference {
  formId: string;
  formName: string;
  field: string;
  label: string;
  count: number;
}

const isReference = (r: unknown): r is LinkReference => {
  if (r === null || typeof r !== 'object') return false;
  const o = r as Record<string, unknown>;
  return typeof o.formId === 'string' && typeof o.label === 'string' && typeof o.count === 'number';
};

/**
 * The references of a delete the server refused because other records link to the record
 * (409 CONFLICT, details rule `linked`, `references` in the error body); null for any other error.
 */
export function linkReferencesOf(error: unknown): LinkReference[] | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  if (!error.body.details.some((d) => d.rule === 'linked')) return null;
  const refs = error.body.references;
  return Array.isArray(refs) && refs.every(isReference) ? refs : null;
}

/** The references with each form's name as the user knows it (looked up; the id stays when it cannot be read). */
export async function withFormNames(
  refs: LinkReference[],
  formName: (formId: string) => Promise<string>,
): Promise<LinkReference[]> {
  const names = new Map<string, string>();
  for (const id of new Set(refs.map((r) => r.formId))) names.set(id, await formName(id).catch(() => id));
  return refs.map((r) => ({ ...r, formName: names.get(r.formId) ?? r.formName }));
}
