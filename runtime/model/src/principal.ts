/**
 * Who is acting: a signed-in user, an API key (acting as its user), the system (flows,
 * automations), or an anonymous filler of a form's public link.
 */
export interface Principal {
  kind: 'user' | 'apikey' | 'system' | 'anonymous';
  userId: string | null;
  username: string | null;
  /** Departments the user belongs to (first = main department). */
  deptIds: string[];
  roleIds: string[];
  /** Global permissions from the user's roles, e.g. `admin`, `org.manage`, `apps.create`. */
  permissions: string[];
  isAdmin: boolean;
}

export const SYSTEM_PRINCIPAL: Principal = {
  kind: 'system',
  userId: null,
  username: 'system',
  deptIds: [],
  roleIds: [],
  permissions: ['admin'],
  isAdmin: true,
};

/**
 * Someone filling a form through its public link: no user, no departments, no permissions.
 * Given only a create-only FormAccess for that one form (see platform/src/public-forms).
 */
export const ANONYMOUS_PRINCIPAL: Principal = {
  kind: 'anonymous',
  userId: null,
  username: null,
  deptIds: [],
  roleIds: [],
  permissions: [],
  isAdmin: false,
};
