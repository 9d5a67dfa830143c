import { forbidden, type ConditionContext, type Filter, type Principal } from '@formloom/model';
import { compileCondition, MATCH_NOTHING } from '../conditions/compile-condition.js';
import { systemCatalogue, type FieldCatalogue } from '../conditions/field-catalogue.js';
import type { FormAccess, RecordAction } from './form-access.js';

/** The condition context of a principal at `now`. */
export function principalContext(principal: Principal, now: Date = new Date(), timeZone?: string): ConditionContext {
  return { userId: principal.userId, deptIds: principal.deptIds, now, timeZone };
}

/**
 * The rows `action` reaches, as a store filter: null when every row is in scope, otherwise
 * the OR of the scopes of the groups that grant the action. Throws FORBIDDEN when no group
 * grants it (deny by default). Scope conditions may refer to system fields and, with
 * `fields`, to the form's fields.
 */
export function scopeFilter(
  access: FormAccess,
  action: RecordAction,
  principal: Principal,
  ctx: ConditionContext = principalContext(principal),
  fields: FieldCatalogue = systemCatalogue(),
): Filter | null {
  if (access.full) return null;
  if (!access.actions.has(action)) throw forbidden(`You may not ${action} records of this form`);
  const scopes = access.scopes[action];
  if (scopes === null) return null;
  if (!scopes || scopes.length === 0) return MATCH_NOTHING;
  const filters = scopes.map((c, i) => compileCondition(c, fields, ctx, { path: `scope.${action}[${i}]` }));
  return filters.length === 1 ? filters[0] : { $or: filters };
}
