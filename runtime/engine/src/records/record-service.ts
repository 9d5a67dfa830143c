import { createRecordCreation } from './create-records.js';
import { createFormIndexes } from './form-indexes.js';
import { createRecordQueries } from './query-records.js';
import { createRecordServiceCore, type RecordServiceOptions } from './record-service-core.js';
import type { RecordService } from './record-service.types.js';
import { createRecycleBin } from './recycle-bin.js';
import { createLinkReindex } from './reindex-links.js';
import { createRecordUpdates } from './update-records.js';

export type { RecordServiceLogger, RecordServiceOptions } from './record-service-core.js';
export { MAX_BATCH } from './create-records.js';
export { MAX_SORT_INDEXES } from './form-indexes.js';

/**
 * The records engine over a document store: one file per operation family, sharing the
 * compiled forms, access checks and write transaction of `record-service-core.ts`.
 */
export function createRecordService(options: RecordServiceOptions): RecordService {
  const core = createRecordServiceCore(options);
  const queries = createRecordQueries(core);
  return {
    ...createRecordCreation(core, queries),
    ...createRecordUpdates(core, queries),
    ...createRecycleBin(core),
    ...queries,
    ...createFormIndexes(core),
    ...createLinkReindex(core),
  };
}
