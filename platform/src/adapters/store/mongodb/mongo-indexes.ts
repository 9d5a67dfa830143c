import type { Document } from 'mongodb';

export const ID_INDEX_NAME = '_id_';

/** BSON types other than null (and undefined/minKey/maxKey), for "present and not null". */
const NON_NULL_TYPES = [
  'double',
  'string',
  'object',
  'array',
  'binData',
  'objectId',
  'bool',
  'date',
  'regex',
  'int',
  'timestamp',
  'long',
  'decimal',
];

/**
 * The port's unique rule, "unique among documents where every key is present and not null",
 * as a partial index filter. partialFilterExpression accepts equality, `$exists: true`,
 * `$gt/$gte/$lt/$lte`, `$type`, `$and`, and (MongoDB 6.0+) `$or`/`$in`; it does not accept
 * `$ne: null` or `$exists: false`. A `$type` list without "null" means present and not null.
 */
export function partialFilterForUnique(keys: Record<string, 1 | -1>): Document {
  const filter: Document = {};
  for (const path of Object.keys(keys)) {
    if (path !== '_id') filter[path] = { $type: NON_NULL_TYPES };
  }
  return filter;
}
