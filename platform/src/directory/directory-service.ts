import type { DocumentStore, Filter } from '@formloom/model';
import { USERS, type UserDoc } from '../auth/users.js';
import { DEPARTMENTS, type DepartmentDoc } from '../org/org.types.js';
import type { DirectoryDepartment, DirectoryUser } from './directory-schemas.js';

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface UserLookup {
  /** Part of the username or the display name, case-insensitive. */
  q?: string;
  /** Only these users (order of the answer: by username). */
  ids?: string[];
  limit: number;
}

/**
 * The people directory: enabled users and the department tree, reduced to what any signed-in
 * user may see. Read-only; the org admin routes stay the place to manage people.
 */
export class DirectoryService {
  constructor(private readonly store: DocumentStore) {}

  async users(lookup: UserLookup): Promise<DirectoryUser[]> {
    const filter: Filter = { enabled: true };
    const q = lookup.q?.trim();
    if (q) {
      const pattern = escapeRegex(q);
      filter.$or = ['username', 'displayName'].map((field) => ({ [field]: { $regex: pattern, $options: 'i' } }));
    }
    if (lookup.ids !== undefined) filter._id = { $in: lookup.ids };
    const found = await this.store.collection<UserDoc>(USERS).find(filter, {
      sort: { username: 1 },
      limit: lookup.limit,
      projection: { _id: 1, username: 1, displayName: 1, deptIds: 1 },
    });
    return found.map((u) => ({ id: u._id, username: u.username, displayName: u.displayName, deptIds: u.deptIds }));
  }

  /** The enabled users among `ids` (unknown and disabled ones are left out). */
  async enabledUserIds(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const found = await this.store
      .collection<UserDoc>(USERS)
      .find({ _id: { $in: ids }, enabled: true }, { projection: { _id: 1 } });
    return new Set(found.map((u) => u._id));
  }

  async departments(): Promise<DirectoryDepartment[]> {
    const found = await this.store
      .collection<DepartmentDoc>(DEPARTMENTS)
      .find({}, { sort: { order: 1, name: 1 }, projection: { _id: 1, name: 1, parentId: 1 } });
    return found.map((d) => ({ id: d._id, name: d.name, parentId: d.parentId }));
  }
}
