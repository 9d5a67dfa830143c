import { Readable } from 'node:stream';
import { isFormloomError, type FormDefinition, type Job } from '@formloom/model';
import type { RecordContext } from '@formloom/engine';
import { principalFor } from '../auth/principals.js';
import { USERS, type UserDoc } from '../auth/users.js';
import { blobStoreOf } from '../files/index.js';
import { recordContext } from '../records/record-context.js';
import type { Services } from '../server/types.js';
import { readDataRows } from './import-reader.js';
import {
  CHUNK_ROWS,
  IMPORT_QUEUE,
  MAX_IMPORT_ROWS,
  chunkId,
  chunkJobId,
  importCollections,
  readJobId,
  type ImportChunkDoc,
  type ImportDoc,
  type ImportErrorDoc,
  type RowError,
} from './import-store.js';
import { importCell } from './import-values.js';
import { isLinkField, LinkMatcher } from './link-labels.js';
import { registryOf } from './registry-of.js';

/**
 * The import's queue jobs. Jobs carry ids only and are idempotent:
 * - `read` {importId}: streams the workbook into `import_chunks` (deterministic chunk ids,
 *   upserted), then sets `total` and state `ready`. Runs again harmlessly.
 * - `chunk` {importId, index}: converts the chunk's rows with the mapping and creates them with
 *   RecordService.batchCreate in one transaction with the chunk's "done" mark and the progress
 *   counters. If the batch is refused (a bad row makes it all-or-nothing), the chunk is retried
 *   row by row (each create keyed `import-<id>-<row>`, so a retry never doubles a record) and
 *   every bad row is kept in `import_errors` with its field and rule.
 */
interface ReadJob {
  importId: string;
}
interface ChunkJob {
  importId: string;
  index: number;
}

const JOB_OPTIONS = { attempts: 3, backoff: { type: 'exponential' as const, delayMs: 1000 } };

export async function enqueueRead(services: Services, importId: string): Promise<void> {
  await services.queue.add<ReadJob>(IMPORT_QUEUE, 'read', { importId }, { jobId: readJobId(importId), ...JOB_OPTIONS });
}

export async function enqueueChunks(services: Services, importId: string, indexes: number[]): Promise<void> {
  for (const index of indexes) {
    await services.queue.add<ChunkJob>(
      IMPORT_QUEUE,
      'chunk',
      { importId, index },
      { jobId: chunkJobId(importId, index), ...JOB_OPTIONS },
    );
  }
}

export async function handleImportJob(services: Services, job: Job<unknown>): Promise<void> {
  const data = job.data as Partial<ChunkJob>;
  if (typeof data.importId !== 'string') return;
  if (job.name === 'read') return readFile(services, data.importId);
  if (job.name === 'chunk' && typeof data.index === 'number') return importChunk(services, data.importId, data.index);
}

const now = () => new Date().toISOString();

async function fail(services: Services, importId: string, message: string): Promise<void> {
  await importCollections(services.store).imports.updateOne(
    { _id: importId, state: { $in: ['reading', 'ready', 'running'] } },
    { $set: { state: 'failed', message, updatedAt: now() } },
  );
}

async function readFile(services: Services, importId: string): Promise<void> {
  const { imports, chunks } = importCollections(services.store);
  const doc = await imports.findOne({ _id: importId });
  if (!doc || doc.state !== 'reading') return;
  const blob = await (await blobStoreOf(services)).get(doc.blobId);
  if (!blob) return fail(services, importId, 'The uploaded file is gone');
  let index = 0;
  let total: number;
  try {
    total = await readDataRows(
      blob.stream instanceof Readable ? blob.stream : Readable.from(blob.stream),
      CHUNK_ROWS,
      async (rows) => {
        const chunk: ImportChunkDoc = { _id: chunkId(importId, index), importId, index, rows, done: false };
        await chunks.replaceOne({ _id: chunk._id }, chunk, { upsert: true });
        index++;
      },
      MAX_IMPORT_ROWS,
    );
  } catch (e) {
    return fail(services, importId, `The workbook could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
  await imports.updateOne(
    { _id: importId, state: 'reading' },
    { $set: { state: 'ready', total, chunks: index, updatedAt: now() } },
  );
}

/** The importer's record context, resolved again for every chunk (a revoked permission stops the import). */
async function importerContext(services: Services, doc: ImportDoc): Promise<RecordContext> {
  const user = await services.store.collection<UserDoc>(USERS).findOne({ _id: doc.createdBy });
  if (!user || !user.enabled) throw new Error('The user who started the import no longer exists or is disabled');
  const principal = await principalFor(services.store, user, 'user');
  const ctx = await recordContext(registryOf(services), principal, doc.formId, 'import');
  if (!ctx.access.full && !ctx.access.actions.has('create'))
    throw new Error('The user who started the import may no longer add records to this form');
  return ctx;
}

async function importChunk(services: Services, importId: string, index: number): Promise<void> {
  const { imports, chunks, errors } = importCollections(services.store);
  const doc = await imports.findOne({ _id: importId });
  const chunk = await chunks.findOne({ _id: chunkId(importId, index) });
  if (!doc || doc.state !== 'running' || !doc.mapping || !chunk || chunk.done) return;

  let ctx: RecordContext;
  let definition: FormDefinition;
  try {
    ctx = await importerContext(services, doc);
    const published = await registryOf(services).catalog.getPublished(doc.formId);
    if (!published) throw new Error('The form is no longer published');
    definition = published.definition;
  } catch (e) {
    return fail(services, importId, e instanceof Error ? e.message : String(e));
  }
  const records = registryOf(services).records;
  const mapping = Object.entries(doc.mapping).map(([column, field]) => ({ column: Number(column), field }));

  // Link columns take a record id or a record's exact label: the chunk's texts are looked up at once.
  const links = new LinkMatcher(records, ctx);
  try {
    for (const { column, field } of mapping) {
      const meta = definition.fields[field];
      if (meta && isLinkField(meta))
        await links.prepare(
          meta,
          chunk.rows.map((r) => r.cells[column] ?? null),
        );
    }
  } catch (e) {
    return fail(services, importId, e instanceof Error ? e.message : String(e));
  }
  const good: Array<{ row: number; data: Record<string, unknown> }> = [];
  const bad: ImportErrorDoc[] = [];
  for (const { row, cells } of chunk.rows) {
    const data: Record<string, unknown> = {};
    const rowErrors: RowError[] = [];
    for (const { column, field } of mapping) {
      const meta = definition.fields[field];
      if (!meta) continue;
      const result = isLinkField(meta)
        ? links.cell(cells[column] ?? null, meta, field)
        : importCell(cells[column] ?? null, meta, field);
      if ('error' in result) rowErrors.push(result.error);
      else if ('value' in result) data[field] = result.value;
    }
    if (rowErrors.length) bad.push(errorDoc(importId, row, cells, rowErrors));
    else good.push({ row, data });
  }

  let created = 0;
  let finished = false;
  const finish = async () => {
    for (const e of bad) await errors.replaceOne({ _id: e._id }, e, { upsert: true });
    const marked = await chunks.findOneAndUpdate({ _id: chunk._id, done: false }, { $set: { done: true } });
    // Another run finished this chunk first: roll back whatever this run wrote.
    if (!marked) throw new ChunkAlreadyDone();
    const after = await imports.findOneAndUpdate(
      { _id: importId },
      {
        $inc: { processed: chunk.rows.length, created, failed: bad.length, chunksDone: 1 },
        $set: { updatedAt: now() },
      },
    );
    finished = after !== null && after.chunks !== null && after.chunksDone >= after.chunks;
  };

  if (good.length) {
    try {
      await services.store.transaction(async () => {
        await records.batchCreate(
          ctx,
          good.map((g) => g.data),
        );
        created = good.length;
        await finish();
      });
      if (finished) await complete(services, doc);
      return;
    } catch (e) {
      if (e instanceof ChunkAlreadyDone) return;
      if (!isFormloomError(e) || e.status >= 500) throw e;
      created = 0;
    }
    // The batch was refused: row by row, so the good rows still land.
    for (const { row, data } of good) {
      try {
        await records.create(ctx, data, { idempotencyKey: `import-${importId}-${row}` });
        created++;
      } catch (e) {
        if (!isFormloomError(e) || e.status >= 500) throw e;
        const cells = chunk.rows.find((r) => r.row === row)?.cells ?? [];
        bad.push(errorDoc(importId, row, cells, rowErrorsOf(e)));
      }
    }
  }
  await services.store.transaction(finish).catch((e: unknown) => {
    if (!(e instanceof ChunkAlreadyDone)) throw e;
  });
  if (finished) await complete(services, doc);
}

/**
 * Every chunk is in: the file and its row chunks are released (the status and the row errors
 * stay), then the import is `done`. A crash in between is finished by `rearmImports`.
 */
export async function complete(services: Services, doc: ImportDoc): Promise<void> {
  const { imports, chunks } = importCollections(services.store);
  await chunks.deleteMany({ importId: doc._id });
  await (await blobStoreOf(services)).delete(doc.blobId);
  await imports.updateOne({ _id: doc._id, state: 'running' }, { $set: { state: 'done', updatedAt: now() } });
}

class ChunkAlreadyDone extends Error {
  constructor() {
    super('The chunk was already imported');
    this.name = 'ChunkAlreadyDone';
  }
}

function errorDoc(
  importId: string,
  row: number,
  cells: ImportErrorDoc['cells'],
  rowErrors: RowError[],
): ImportErrorDoc {
  return { _id: `${importId}-${row}`, importId, row, cells, errors: rowErrors };
}

/** The engine's error details as row errors: the field is the first segment of the path after `data.`. */
function rowErrorsOf(e: {
  message: string;
  code: string;
  details: Array<{ path: string; rule: string; message: string }>;
}): RowError[] {
  if (e.details.length === 0) return [{ field: '', rule: e.code.toLowerCase(), message: e.message }];
  return e.details.map((d) => ({
    field:
      d.path
        .replace(/^items\.\d+\./, '')
        .replace(/^data\./, '')
        .split(/[.[]/)[0] ?? '',
    rule: d.rule,
    message: d.message,
  }));
}

/**
 * Pending work is re-armed from the store at boot (the in-process queue forgets its jobs on a
 * crash): imports still reading get their read job again, running ones their unfinished chunks.
 */
export async function rearmImports(services: Services): Promise<void> {
  const { imports, chunks } = importCollections(services.store);
  for (const doc of await imports.find({ state: { $in: ['reading', 'running'] } })) {
    if (doc.state === 'reading') await enqueueRead(services, doc._id);
    else {
      const open = await chunks.find({ importId: doc._id, done: false }, { projection: { index: 1 } });
      if (open.length === 0) await complete(services, doc);
      else
        await enqueueChunks(
          services,
          doc._id,
          open.map((c) => c.index),
        );
    }
  }
}
