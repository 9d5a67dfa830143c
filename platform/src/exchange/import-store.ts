import type { Collection, DocumentStore } from '@formloom/model';

/**
 * What an import keeps in the store (the store is the source of truth; jobs carry ids only):
 * - `imports`: one document per import with its state and progress counters;
 * - `import_chunks`: the file's data rows in chunks of CHUNK_ROWS, written once by the read job;
 * - `import_errors`: one document per failed row with its cells and its errors.
 */
export const IMPORTS = 'imports';
export const IMPORT_CHUNKS = 'import_chunks';
export const IMPORT_ERRORS = 'import_errors';
export const IMPORT_QUEUE = 'imports';
export const CHUNK_ROWS = 200;
export const MAX_IMPORT_ROWS = 100_000;

export type ImportState = 'reading' | 'ready' | 'running' | 'done' | 'failed';
/** A cell as read from the workbook; dates are ISO strings. */
export type ImportCell = string | number | boolean | null;

export interface ImportDoc {
  _id: string;
  formId: string;
  appId: string;
  blobId: string;
  fileName: string;
  createdBy: string;
  state: ImportState;
  columns: Array<{ index: number; header: string }>;
  /** Column index (as a string) → field key; set by start. */
  mapping: Record<string, string> | null;
  total: number | null;
  chunks: number | null;
  chunksDone: number;
  processed: number;
  created: number;
  failed: number;
  message: string | null;
  createdAt: string;
  updatedAt: string;
  [key: string]: unknown;
}

export interface ImportChunkDoc {
  _id: string;
  importId: string;
  index: number;
  /** `row` is the spreadsheet row number (1 = the header). */
  rows: Array<{ row: number; cells: ImportCell[] }>;
  done: boolean;
  [key: string]: unknown;
}

export interface RowError {
  field: string;
  rule: string;
  message: string;
}

export interface ImportErrorDoc {
  _id: string;
  importId: string;
  row: number;
  cells: ImportCell[];
  errors: RowError[];
  [key: string]: unknown;
}

export function importCollections(store: DocumentStore): {
  imports: Collection<ImportDoc>;
  chunks: Collection<ImportChunkDoc>;
  errors: Collection<ImportErrorDoc>;
} {
  return {
    imports: store.collection<ImportDoc>(IMPORTS),
    chunks: store.collection<ImportChunkDoc>(IMPORT_CHUNKS),
    errors: store.collection<ImportErrorDoc>(IMPORT_ERRORS),
  };
}

export async function ensureImportIndexes(store: DocumentStore): Promise<void> {
  const { imports, chunks, errors } = importCollections(store);
  await imports.createIndex({ keys: { state: 1 } });
  await chunks.createIndex({ keys: { importId: 1, index: 1 } });
  await errors.createIndex({ keys: { importId: 1, row: 1 } });
}

export const chunkId = (importId: string, index: number) => `${importId}-${index}`;
/** Queue job ids are deterministic per import and chunk (no `:`, which BullMQ refuses). */
export const readJobId = (importId: string) => `import-read-${importId}`;
export const chunkJobId = (importId: string, index: number) => `import-chunk-${importId}-${index}`;
