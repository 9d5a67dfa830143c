import type { ErrorDetail } from '@formloom/model';
import type { ErrorObject } from 'ajv';

/** `/fields/f_abc/serial` → `fields.f_abc.serial`, under an optional prefix. */
export function pointerToPath(pointer: string, prefix = ''): string {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  return [prefix, ...parts].filter(Boolean).join('.');
}

/** ajv errors as ErrorDetails: the path names the property (also for `required`), the rule is ajv's keyword. */
export function ajvErrorsToDetails(errors: ErrorObject[] | null | undefined, prefix = ''): ErrorDetail[] {
  if (!errors) return [];
  const out: ErrorDetail[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    let path = pointerToPath(e.instancePath, prefix);
    const params = e.params as Record<string, unknown>;
    if (e.keyword === 'required') path = [path, String(params.missingProperty)].filter(Boolean).join('.');
    if (e.keyword === 'additionalProperties')
      path = [path, String(params.additionalProperty)].filter(Boolean).join('.');
    if (e.keyword === 'propertyNames' || (params.propertyName !== undefined && e.keyword === 'pattern'))
      path = [path, String(params.propertyName)].filter(Boolean).join('.');
    // propertyNames reports twice (the pattern, then propertyNames itself); keep the first.
    const key = `${path}|${e.keyword === 'propertyNames' ? 'pattern' : e.keyword}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const rule =
      e.keyword === 'propertyNames' ? 'pattern' : e.keyword === 'additionalProperties' ? 'unknownKey' : e.keyword;
    out.push({ path: path || prefix || '(root)', rule, message: e.message ?? 'Invalid' });
  }
  return out;
}
