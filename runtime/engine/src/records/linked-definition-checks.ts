import { FIELD_KEY_PATTERN, isConditionGroup, type ErrorDetail, type FormDefinition } from '@formloom/model';

const FIELD_KEY = new RegExp(FIELD_KEY_PATTERN);
const COMPUTED = new Set(['formula', 'serial', 'subform', 'section', 'divider', 'description']);

/**
 * What a definition's links to other forms must satisfy, checked with the rest of the
 * definition (validateFormDefinition): select-data `link.copy` maps field keys of the other
 * form onto value fields of this form that the user could fill (not computed or layout), and a
 * data-linkage default names a form, a source field key and a condition whose `valueFrom`
 * fields are fields of this form. The other form's own fields are checked when it is read.
 */
export function linkedDefinitionIssues(definition: FormDefinition): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  const push = (path: string, rule: string, message: string) => errors.push({ path, rule, message });
  const fields = definition.fields;
  const fillable = (key: string) => Object.hasOwn(fields, key) && !COMPUTED.has(fields[key].kind);

  for (const [key, meta] of Object.entries(fields)) {
    const at = `fields.${key}`;
    for (const [from, to] of Object.entries(meta.link?.copy ?? {})) {
      if (!FIELD_KEY.test(from)) push(`${at}.link.copy.${from}`, 'pattern', 'Copy from a field key of the other form');
      if (typeof to !== 'string' || !fillable(to))
        push(`${at}.link.copy.${from}`, 'unknownField', 'Copy into a field of this form that can hold a value');
      else if (to === key) push(`${at}.link.copy.${from}`, 'self', 'A select-data field cannot copy into itself');
    }
    if (meta.link?.copy && meta.kind !== 'select_data')
      push(`${at}.link.copy`, 'kind', 'Only select-data fields copy values');

    const d = meta.default;
    if (d?.type !== 'linkage') continue;
    if (typeof d.formId !== 'string' || d.formId === '')
      push(`${at}.default.formId`, 'required', 'Choose the form to take the value from');
    if (typeof d.sourceField !== 'string' || !FIELD_KEY.test(d.sourceField))
      push(`${at}.default.sourceField`, 'required', 'Choose the field to take the value from');
    const walk = (node: unknown, path: string, depth: number): void => {
      if (depth > 6 || node === null || typeof node !== 'object' || Array.isArray(node)) {
        push(path, 'type', 'A condition is a group {rel, cond}');
        return;
      }
      const n = node as Record<string, unknown>;
      if (isConditionGroup(n as never)) {
        if (!Array.isArray(n.cond)) push(`${path}.cond`, 'type', 'A group lists its conditions in cond');
        else n.cond.forEach((c, i) => walk(c, `${path}.cond.${i}`, depth + 1));
        return;
      }
      const from = n.valueFrom;
      if (from === undefined) return;
      const field = (from as { field?: unknown } | null)?.field;
      if (typeof field !== 'string' || !Object.hasOwn(fields, field) || field === key)
        push(`${path}.valueFrom.field`, 'unknownField', 'Take the value from another field of this form');
    };
    walk(d.condition, `${at}.default.condition`, 1);
  }
  return errors;
}
