import { conflict, DuplicateKeyError, notFound } from '@formloom/model';
import { MongoServerError } from 'mongodb';

const DUPLICATE_KEY = 11000;
const NAMESPACE_NOT_FOUND = 26;
const INDEX_NOT_FOUND = 27;
const INDEX_OPTIONS_CONFLICT = 85;
const INDEX_KEY_SPECS_CONFLICT = 86;

export function isNamespaceNotFound(e: unknown): boolean {
  return e instanceof MongoServerError && e.code === NAMESPACE_NOT_FOUND;
}

export function isIndexNotFound(e: unknown): boolean {
  return e instanceof MongoServerError && e.code === INDEX_NOT_FOUND;
}

/**
 * Turns driver errors into the port's errors: E11000 into DuplicateKeyError (keys from the
 * server's `keyPattern`, the index name from the message), index conflicts into CONFLICT.
 * Anything else is returned unchanged.
 */
export function mapMongoError(collection: string, e: unknown): unknown {
  if (!(e instanceof MongoServerError)) return e;
  if (e.code === DUPLICATE_KEY || firstWriteErrorCode(e) === DUPLICATE_KEY) {
    const detail = duplicateDetail(e);
    const indexName = /index: (\S+) dup key/.exec(detail.message)?.[1] ?? null;
    const keys = detail.keyPattern ? Object.keys(detail.keyPattern) : indexName === '_id_' ? ['_id'] : [];
    return new DuplicateKeyError(collection, keys, indexName);
  }
  if (e.code === INDEX_OPTIONS_CONFLICT || e.code === INDEX_KEY_SPECS_CONFLICT) {
    return conflict(e.message, [
      {
        path: 'index',
        rule: 'indexConflict',
        message: 'An index with this name or these keys exists with other options',
      },
    ]);
  }
  if (isIndexNotFound(e)) return notFound(`Index on ${collection}`);
  return e;
}

interface DuplicateDetail {
  message: string;
  keyPattern?: Record<string, unknown>;
}

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
}

/** The bulk write error of insertMany keeps the details in writeErrors[0]; single writes on the error itself. */
function duplicateDetail(e: MongoServerError): DuplicateDetail {
  const writeErrors = (e as { writeErrors?: unknown }).writeErrors;
  const first = asRecord(Array.isArray(writeErrors) ? writeErrors[0] : writeErrors);
  const raw = asRecord(first?.err) ?? first;
  const keyPattern =
    asRecord(e.keyPattern) ?? asRecord(e.errorResponse?.keyPattern) ?? asRecord(raw?.keyPattern) ?? undefined;
  const message = typeof raw?.errmsg === 'string' ? raw.errmsg : e.message;
  return { message, keyPattern };
}

function firstWriteErrorCode(e: MongoServerError): number | undefined {
  const writeErrors = (e as { writeErrors?: unknown }).writeErrors;
  const first = asRecord(Array.isArray(writeErrors) ? writeErrors[0] : writeErrors);
  return typeof first?.code === 'number' ? first.code : undefined;
}
