import { validationFailed, type ErrorDetail, type FormDefinition } from '@formloom/model';
import { validateFormDefinition } from '@formloom/engine';
import { unstorableKeys } from './storable-keys.js';

/**
 * Every definition written to the registry (new form, draft save, publish) passes here: the
 * engine's meta-schema and semantic checks, then the keys both store adapters can hold.
 * Throws VALIDATION_FAILED (400) whose details name the path (`definition.fields.f_x.kind`)
 * and the rule.
 */
export function checkDefinition(definition: FormDefinition): void {
  const problems: ErrorDetail[] = validateFormDefinition(definition).map((problem) => ({
    ...problem,
    path: `definition.${problem.path}`,
  }));
  problems.push(...unstorableKeys(definition, 'definition'));
  if (problems.length > 0) throw validationFailed(problems, 'The form definition is not valid');
}
