import { validationFailed, type ErrorDetail, type FormDefinition } from '@formloom/model';
import { fieldCatalogue, validateCondition, type PermissionGroup } from '@formloom/engine';

/**
 * Semantic checks of a form's permission groups (their shape is checked by the route schema):
 * unique ids, scope conditions valid against the form's fields, and field limits that name
 * existing fields. Conditions and field lists are checked against the latest published
 * version, or the draft before the first publish. Throws VALIDATION_FAILED naming each problem.
 */
export function checkPermissionGroups(
  groups: PermissionGroup[],
  draft: FormDefinition,
  published: FormDefinition | null,
): void {
  const definition = published ?? draft;
  const catalogue = fieldCatalogue(definition);
  const problems: ErrorDetail[] = [];
  const seen = new Set<string>();
  groups.forEach((group, index) => {
    const path = `permissionGroups[${index}]`;
    if (seen.has(group.id)) {
      problems.push({ path: `${path}.id`, rule: 'unique', message: `Group id "${group.id}" is used twice` });
    }
    seen.add(group.id);
    if (typeof group.scope === 'object') {
      problems.push(...validateCondition(group.scope.condition, catalogue, `${path}.scope.condition`));
    }
    for (const list of ['readable', 'writable'] as const) {
      (group.fields?.[list] ?? []).forEach((key, i) => {
        const entry = catalogue.get(key);
        if (entry === undefined || entry.system) {
          problems.push({
            path: `${path}.fields.${list}[${i}]`,
            rule: 'unknownField',
            message: `The form has no field "${key}"`,
          });
        }
      });
    }
  });
  if (problems.length > 0) throw validationFailed(problems, 'The permission groups are not valid');
}
