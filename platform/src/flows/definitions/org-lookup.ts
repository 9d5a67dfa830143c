import type { AssigneeGroup, Assignees, DocumentStore, FlowDefinition } from '@formloom/model';
import { nodeReferences, type OrgLookup } from '@formloom/engine';
import { USERS } from '../../auth/users.js';
import { DEPARTMENTS, ROLES } from '../../org/org.types.js';

interface Referenced {
  users: Set<string>;
  roles: Set<string>;
  depts: Set<string>;
}

/**
 * The linter's OrgLookup for one definition: loads only the users (enabled ones), roles and
 * departments its assignee rules name, in three queries.
 */
export async function orgLookupFor(store: DocumentStore, definition: FlowDefinition): Promise<OrgLookup> {
  const ids = referencedOrgIds(definition);
  const existing = async (collection: string, wanted: Set<string>, extra: Record<string, unknown> = {}) => {
    if (!wanted.size) return new Set<string>();
    const docs = await store
      .collection(collection)
      .find({ _id: { $in: [...wanted] }, ...extra }, { projection: { _id: 1 } });
    return new Set(docs.map((d) => d._id));
  };
  const [users, roles, depts] = await Promise.all([
    existing(USERS, ids.users, { enabled: true }),
    existing(ROLES, ids.roles),
    existing(DEPARTMENTS, ids.depts),
  ]);
  return { hasUser: (id) => users.has(id), hasRole: (id) => roles.has(id), hasDepartment: (id) => depts.has(id) };
}

function referencedOrgIds(definition: FlowDefinition): Referenced {
  const found: Referenced = { users: new Set(), roles: new Set(), depts: new Set() };
  const group = (g: AssigneeGroup) => {
    g.userIds?.forEach((id) => found.users.add(id));
    g.roleIds?.forEach((id) => found.roles.add(id));
    g.deptIds?.forEach((id) => found.depts.add(id));
  };
  const assignees = (a: Assignees) => {
    a.adminUserIds?.forEach((id) => found.users.add(id));
    for (const rule of a.rules) {
      if (rule.type === 'users') group({ userIds: rule.userIds });
      else if (rule.type === 'roles') group({ roleIds: rule.roleIds });
      else if (rule.type === 'departments') group({ deptIds: rule.deptIds });
      else if (rule.type === 'manager_chain' && rule.untilRoleId) found.roles.add(rule.untilRoleId);
      else if (rule.type === 'round_robin' || rule.type === 'least_busy') group(rule.group);
      else if (rule.type === 'rule_table') {
        rule.rows.forEach((row) => group({ userIds: row.userIds }));
        group({ userIds: rule.fallbackUserIds });
      }
    }
  };
  for (const node of definition.nodes) for (const ref of nodeReferences(node).assignees ?? []) assignees(ref.assignees);
  return found;
}
