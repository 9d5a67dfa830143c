/** Who is acting: a signed-in user, an API key (acting as its user), or the system (flows, automations). */
export interface Principal {
  kind: 'user' | 'apikey' | 'system';
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
