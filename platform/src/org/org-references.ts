import { validationFailed, type DocumentStore } from '@formloom/model';
import { USERS } from '../auth/users.js';
import { DEPARTMENTS, ROLES } from './org.types.js';

/** Checks that ids given in a request point at existing documents; 400 naming the field otherwise. */
export async function requireExisting(
  store: DocumentStore,
  collection: typeof USERS | typeof DEPARTMENTS | typeof ROLES,
  ids: string[],
  path: string,
): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const found = await store.collection(collection).find({ _id: { $in: unique } }, { projection: { _id: 1 } });
  const known = new Set(found.map((d) => d._id));
  const missing = unique.filter((id) => !known.has(id));
  if (missing.length > 0) {
    throw validationFailed(
      missing.map((id) => ({ path, rule: 'exists', message: `${id} does not exist` })),
      `${path}: ${missing.join(', ')} does not exist`,
    );
  }
}
