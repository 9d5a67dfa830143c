import type { ErrorDetail, FieldMeta, FormDefinition } from '@formloom/model';

/**
 * What a new version may change about fields the previous version already had. Records
 * written against earlier versions keep their stored values, so a key must keep meaning the
 * same kind of value: changing a field's kind (text → number, single → multiple link …) is
 * refused. Removing a field, adding fields and changing labels, options and rules are fine.
 */
export function incompatibleChanges(previous: FormDefinition, next: FormDefinition): ErrorDetail[] {
  return compareFields(previous.fields, next.fields, 'definition.fields');
}

function compareFields(
  previous: Record<string, FieldMeta>,
  next: Record<string, FieldMeta>,
  path: string,
): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  for (const [key, before] of Object.entries(previous)) {
    const after = Object.hasOwn(next, key) ? next[key] : undefined;
    if (after === undefined) continue;
    const fieldPath = `${path}.${key}`;
    if (before.kind !== after.kind) {
      problems.push({
        path: `${fieldPath}.kind`,
        rule: 'kindChange',
        message: `Field "${after.label}" (${key}) was published as "${before.kind}" and cannot become "${after.kind}"; add a new field instead`,
      });
      continue;
    }
    const wasMultiple = before.link?.multiple === true;
    const isMultiple = after.link?.multiple === true;
    if (before.link !== undefined && after.link !== undefined && wasMultiple !== isMultiple) {
      problems.push({
        path: `${fieldPath}.link.multiple`,
        rule: 'kindChange',
        message: `Field "${after.label}" (${key}) cannot switch between one and several linked records once published`,
      });
    }
    if (before.subform !== undefined && after.subform !== undefined) {
      problems.push(...compareFields(before.subform.fields, after.subform.fields, `${fieldPath}.subform.fields`));
    }
  }
  return problems;
}
