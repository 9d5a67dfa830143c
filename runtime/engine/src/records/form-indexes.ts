import { FormloomError, isDuplicateKeyError } from '@formloom/model';
import { recordsCollection } from './collections.js';
import { uniqueIndexName } from './record-errors.js';
import type { RecordServiceCore } from './record-service-core.js';
import type { RecordService } from './record-service.types.js';

/** At most this many sortable fields get an index per form. */
export const MAX_SORT_INDEXES = 24;

/**
 * `prepareForm`, called by the registry after a publish: the unique indexes, up to
 * MAX_SORT_INDEXES indexes of sortable fields, the `_createdAt`/`_updatedAt` indexes; drops the
 * engine's indexes the new version no longer needs. CONFLICT when existing records repeat a
 * value of a field that becomes unique.
 */
export function createFormIndexes(core: RecordServiceCore): Pick<RecordService, 'prepareForm'> {
  return {
    async prepareForm(published) {
      await core.ensureGlobalIndexes();
      const form = core.forms.compiled(published);
      const records = core.store.collection(recordsCollection(published.formId));
      const wanted = new Map<string, { keys: Record<string, 1>; unique: boolean }>();
      for (const key of form.uniqueKeys) wanted.set(uniqueIndexName(key), { keys: { [key]: 1 }, unique: true });
      const sortable = form.sortableKeys.filter((k) => !form.uniqueKeys.includes(k)).slice(0, MAX_SORT_INDEXES);
      for (const key of sortable) wanted.set(`sort_${key}`, { keys: { [key]: 1 }, unique: false });
      for (const path of ['_createdAt', '_updatedAt'])
        wanted.set(`sort${path}`, { keys: { [path]: 1 }, unique: false });
      const existing = await records.listIndexes();
      for (const index of existing) {
        const ours = index.name.startsWith('unique_') || index.name.startsWith('sort_');
        const same = wanted.get(index.name);
        if (ours && (!same || same.unique !== index.unique)) await records.dropIndex(index.name);
      }
      for (const [name, spec] of wanted) {
        try {
          await records.createIndex({ name, keys: spec.keys, unique: spec.unique });
        } catch (e) {
          if (!isDuplicateKeyError(e)) throw e;
          const key = Object.keys(spec.keys)[0];
          throw new FormloomError('CONFLICT', `Existing records repeat values of ${key}, so it cannot be unique`, [
            { path: `fields.${key}.unique`, rule: 'unique', message: 'Existing records have duplicate values' },
          ]);
        }
      }
    },
  };
}
