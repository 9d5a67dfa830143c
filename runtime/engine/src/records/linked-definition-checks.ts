import {
  FIELD_KEY_PATTERN,
  isConditionGroup,
  type ErrorDetail,
  type FieldMeta,
  type FormDefinition,
} from '@formloom/model';

const FIELD_KEY = new RegExp(FIELD_KEY_PATTERN);
const COMPUTED = new Set(['formula', 'serial', 'subform', 'section', 'divider', 'description']);

type Push = (path: string, rule: string, message: string) => void;

/**
 * What a definition's links to other forms must satisfy, checked with the rest of the
 * definition (validateFormDefinition): select-data `link.copy` maps field keys of the other
 * form onto value fields of this form that the user could fill (not computed or layout), and a
 * data-linkage default names a form, a source field key and a condition whose `valueFrom`
 * fields are fields of this form. A subform column's linkage default is held to the same rules,
 * its `valueFrom` naming another column of the same row or a top-level field (the row's cells
 * over the record's values, as records/linked-values.ts resolves them). The other form's own
 * fields are checked when it is read; a form that is missing or in another app fills nothing.
 */
export function linkedDefinitionIssues(definition: FormDefinition): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  const push: Push = (path, rule, message) => errors.push({ path, rule, message });
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

    linkageDefaultIssues(meta, at, (field) => Object.hasOwn(fields, field) && field !== key, {
      rule: 'unknownField',
      message: 'Take the value from another field of this form',
      push,
    });

    for (const [column, columnMeta] of Object.entries(meta.subform?.fields ?? {})) {
      const columns = meta.subform?.fields ?? {};
      const readable = (field: string) =>
        field !== column && field !== key && (Object.hasOwn(columns, field) || Object.hasOwn(fields, field));
      linkageDefaultIssues(columnMeta, `${at}.subform.fields.${column}`, readable, {
        rule: 'unknownRowField',
        message: 'Take the value from another column of this row or a field of this form',
        push,
      });
    }
  }
  return errors;
}

/**
 * A data-linkage default of one field or column at `at`: a form, a source field key, and a
 * condition group whose `valueFrom.field`s are keys `readable` accepts (the fields a value may be
 * taken from where this default fills). Anything else than a linkage default passes.
 */
function linkageDefaultIssues(
  meta: FieldMeta,
  at: string,
  readable: (field: string) => boolean,
  unreadable: { rule: string; message: string; push: Push },
): void {
  const { push } = unreadable;
  const d = meta.default;
  if (d?.type !== 'linkage') return;
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
    if (typeof field !== 'string' || !readable(field))
      push(`${path}.valueFrom.field`, unreadable.rule, unreadable.message);
  };
  walk(d.condition, `${at}.default.condition`, 1);
}
