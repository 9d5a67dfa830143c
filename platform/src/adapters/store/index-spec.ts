import { badRequest, type IndexSpec } from '@formloom/model';

/** An index as both adapters report it from `listIndexes()`. */
export interface IndexInfo {
  name: string;
  keys: Record<string, 1 | -1>;
  unique: boolean;
}

/** MongoDB's default index name: `a_1_b_-1`. */
export function defaultIndexName(keys: Record<string, 1 | -1>): string {
  return Object.entries(keys)
    .map(([path, dir]) => `${path}_${dir}`)
    .join('_');
}

/** Checks an index spec and fills in its name; throws a FormloomError naming the bad part. */
export function normalizeIndexSpec(spec: IndexSpec): IndexInfo {
  const entries = Object.entries(spec.keys ?? {});
  if (entries.length === 0) {
    throw badRequest('An index needs at least one key', [
      { path: 'index.keys', rule: 'required', message: 'Give at least one key path' },
    ]);
  }
  for (const [path, dir] of entries) {
    if (!/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/.test(path) || path.startsWith('$')) {
      throw badRequest(`Invalid index key path "${path}"`, [
        {
          path: `index.keys.${path}`,
          rule: 'path',
          message: 'Key paths are dot-separated names of letters, digits and _',
        },
      ]);
    }
    if (dir !== 1 && dir !== -1) {
      throw badRequest(`Invalid index direction for "${path}"`, [
        { path: `index.keys.${path}`, rule: 'direction', message: 'Direction must be 1 or -1' },
      ]);
    }
  }
  const name = spec.name ?? defaultIndexName(spec.keys);
  if (!/^[A-Za-z0-9_.-]{1,120}$/.test(name)) {
    throw badRequest(`Invalid index name "${name}"`, [
      { path: 'index.name', rule: 'pattern', message: 'Index names use letters, digits, _, . and - (at most 120)' },
    ]);
  }
  return { name, keys: { ...spec.keys }, unique: spec.unique === true };
}

export function sameIndex(a: IndexInfo, b: IndexInfo): boolean {
  return a.unique === b.unique && JSON.stringify(Object.entries(a.keys)) === JSON.stringify(Object.entries(b.keys));
}

/** Collection names: letters, digits, _, . and - ; no leading `system.` or `$`. */
export function assertCollectionName(name: string): void {
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,119}$/.test(name) || name.startsWith('system.')) {
    throw badRequest(`Invalid collection name "${name}"`, [
      {
        path: 'collection',
        rule: 'pattern',
        message: 'Collection names start with a letter, digit or _ and use letters, digits, _, . and - (at most 120)',
      },
    ]);
  }
}
