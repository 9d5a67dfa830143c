import multipart from '@fastify/multipart';
import { blobStoreOf } from '../files/index.js';
import type { FormloomApp, Services } from '../server/types.js';
import { registerExportRoutes } from './export-routes.js';
import { handleImportJob, rearmImports } from './import-jobs.js';
import { ensureImportIndexes, IMPORT_QUEUE } from './import-store.js';
import { registerImportRoutes } from './import-routes.js';
import { registryOf } from './registry-of.js';

export { fieldColumns, type FieldColumn } from './exchange-columns.js';
export { exportCell } from './export-values.js';
export { importCell } from './import-values.js';
export { rearmImports } from './import-jobs.js';
export { IMPORTS, IMPORT_CHUNKS, IMPORT_ERRORS, IMPORT_QUEUE, CHUNK_ROWS } from './import-store.js';

/** Route module: Excel export and import (after the records module, whose registry it uses). */
export async function registerExchangeRoutes(app: FormloomApp): Promise<void> {
  const registry = registryOf(app.services);
  const blobs = await blobStoreOf(app.services);
  await ensureImportIndexes(app.services.store);
  registerExportRoutes(app, registry);
  await app.register(async (scope: FormloomApp) => {
    await scope.register(multipart, {
      limits: { fileSize: app.services.config.uploadMaxBytes + 1, files: 1, fields: 10, parts: 11, fieldSize: 1024 },
    });
    registerImportRoutes(scope, registry, blobs);
  });
}

/** Worker module: runs the import jobs (reading files, creating rows in chunks) and re-arms unfinished ones. */
export async function registerImportWorker(services: Services): Promise<void> {
  await ensureImportIndexes(services.store);
  await services.queue.process(IMPORT_QUEUE, (job) => handleImportJob(services, job), { concurrency: 1 });
  await rearmImports(services);
}
