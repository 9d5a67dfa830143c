/** A user, role or department as the directory names it. */
export interface NamedUser {
  id: string;
  username: string;
  displayName: string;
}
export interface NamedRole {
  id: string;
  name: string;
  memberCount: number;
}
export interface NamedDepartment {
  id: string;
  name: string;
  parentId: string | null;
}

/** What the page knows at one moment (a new object after every change, so React sees it). */
export interface OrgNamesSnapshot {
  users: ReadonlyMap<string, string>;
  /** undefined while loading; null when this user may not list roles (ids are shown). */
  roles: readonly NamedRole[] | null | undefined;
  departments: readonly NamedDepartment[] | undefined;
}

export interface OrgNamesLoaders {
  usersByIds(ids: string[]): Promise<NamedUser[]>;
  /** null when the caller may not list roles. */
  roles(): Promise<NamedRole[] | null>;
  departments(): Promise<NamedDepartment[]>;
}

/** The most ids one directory request names (the API's limit). */
export const USERS_PER_REQUEST = 200;

/**
 * Names of people, roles and departments shared by every picker, summary and node card of the
 * page. Whoever shows ids asks for them (`wantUsers`, `wantOrg`); each change makes a new
 * snapshot and tells the subscribers, so everything that showed an id re-renders with the name
 * once it arrives. An id is fetched once while its request is in flight; a failed request is
 * forgotten, so the next ask tries again instead of leaving ids on screen for good.
 */
export class OrgNames {
  private snapshot: OrgNamesSnapshot = { users: new Map(), roles: undefined, departments: undefined };
  private readonly listeners = new Set<() => void>();
  private readonly pendingUsers = new Set<string>();
  private orgRequested = false;

  constructor(private readonly load: OrgNamesLoaders) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): OrgNamesSnapshot => this.snapshot;

  private update(patch: Partial<OrgNamesSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of [...this.listeners]) listener();
  }

  /** Learns names from any directory answer (a search, a lookup by ids). */
  rememberUsers(users: readonly NamedUser[]): void {
    const fresh = users.filter((u) => this.snapshot.users.get(u.id) !== (u.displayName || u.username));
    if (fresh.length === 0) return;
    const next = new Map(this.snapshot.users);
    for (const u of fresh) next.set(u.id, u.displayName || u.username);
    this.update({ users: next });
  }

  /** Fetches the names of those of `ids` not known or on their way (in requests of up to 200). */
  async wantUsers(ids: readonly string[]): Promise<void> {
    const missing = [...new Set(ids)].filter((id) => id && !this.snapshot.users.has(id) && !this.pendingUsers.has(id));
    if (missing.length === 0) return;
    for (const id of missing) this.pendingUsers.add(id);
    const batches: string[][] = [];
    for (let i = 0; i < missing.length; i += USERS_PER_REQUEST) batches.push(missing.slice(i, i + USERS_PER_REQUEST));
    await Promise.all(
      batches.map(async (batch) => {
        try {
          this.rememberUsers(await this.load.usersByIds(batch));
        } catch {
          // Forgotten below: the next ask fetches them again.
        } finally {
          for (const id of batch) this.pendingUsers.delete(id);
        }
      }),
    );
  }

  /** Loads the roles and the departments once (again after a failure). */
  async wantOrg(): Promise<void> {
    if (this.orgRequested) return;
    this.orgRequested = true;
    const [roles, departments] = await Promise.allSettled([this.load.roles(), this.load.departments()]);
    if (roles.status === 'fulfilled') this.update({ roles: roles.value });
    if (departments.status === 'fulfilled') this.update({ departments: departments.value });
    if (roles.status === 'rejected' || departments.status === 'rejected') this.orgRequested = false;
  }
}

/** Id → name maps of a snapshot, for summaries; unknown ids are left out (shown as ids). */
export function namesOf(snapshot: OrgNamesSnapshot): {
  users: Record<string, string>;
  roles: Record<string, string>;
  departments: Record<string, string>;
} {
  return {
    users: Object.fromEntries(snapshot.users),
    roles: Object.fromEntries((snapshot.roles ?? []).map((r) => [r.id, r.name])),
    departments: Object.fromEntries((snapshot.departments ?? []).map((d) => [d.id, d.name])),
  };
}

const USER_ID_KEYS = new Set(['userIds', 'fallbackUserIds', 'adminUserIds']);

/** The user ids a node's settings name (assignee rules, rule tables, fallbacks), found by key anywhere in `value`. */
export function userIdsIn(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) for (const item of value) userIdsIn(item, into);
  else if (value && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) {
      if (USER_ID_KEYS.has(key) && Array.isArray(item)) {
        for (const id of item) if (typeof id === 'string') into.add(id);
      } else userIdsIn(item, into);
    }
  return into;
}
