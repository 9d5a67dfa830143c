import { pino } from 'pino';
import { BlobRefs } from '../../files/blob-refs.js';
import { blobStoreOf } from '../../files/index.js';
import { registryOf } from '../../exchange/registry-of.js';
import type { FormloomApp, Services } from '../../server/types.js';
import { registerReindexRoutes } from './reindex-routes.js';
import { DATA_VERSION } from './reindex-state.js';
import { needsReindex, runReindex, type ReindexDeps, type ReindexOptions } from './run-reindex.js';

export { DATA_VERSION, dataVersion, reindexState, type ReindexStateDoc } from './reindex-state.js';
export { needsReindex, runReindex, type ReindexDeps, type ReindexOptions } from './run-reindex.js';

const QUEUE = 'reindex';
/** Batches per queue job: a job stays short, so a shutdown waits little and the next job resumes. */
const BATCHES_PER_JOB = 10;
const RETRIES = { attempts: 5, backoff: { type: 'exponential' as const, delayMs: 1000 } };

/** The reindex's collaborators in this process: the records engine and the blob index. */
export function reindexDeps(services: Services, onProgress?: ReindexDeps['onProgress']): ReindexDeps {
  return {
    store: services.store,
    records: registryOf(services).records,
    blobRefs: new BlobRefs(services.store, () => blobStoreOf(services)),
    onProgress,
  };
}

/** Runs the reindex to the end in this process (the `formloom reindex` command, tests). */
export async function reindexNow(
  services: Services,
  options: ReindexOptions = {},
  onProgress?: ReindexDeps['onProgress'],
) {
  return runReindex(reindexDeps(services, onProgress), options);
}

/**
 * Worker module: when the store's data version is older than `DATA_VERSION`, the reindex runs
 * in the background as a chain of queue jobs of `BATCHES_PER_JOB` batches each (ids name the
 * progress, so re-arming at the next start — or by another worker — adds no second chain).
 * Start-up does not wait for it; `GET /api/admin/reindex` shows how far it is.
 */
export async function registerReindexWorker(services: Services): Promise<void> {
  const logger = pino({ level: services.config.logLevel });
  const deps = reindexDeps(services, (state) => {
    const form = `${Math.min(state.formIndex + 1, state.forms.length)}/${state.forms.length}`;
    if (state.state === 'done')
      logger.info(
        { checked: state.checked, repairedLinks: state.repairedLinks, repairedFiles: state.repairedFiles },
        'reindex done: link and file indexes are up to date',
      );
    else logger.debug({ form, checked: state.checked }, 'reindex progress');
  });
  await services.queue.process(
    QUEUE,
    async () => {
      const state = await runReindex(deps, { stopAfter: BATCHES_PER_JOB });
      if (state.state === 'running') {
        const form = `${state.formIndex + 1}/${state.forms.length}`;
        logger.info({ form, checked: state.checked }, 'reindex in progress');
        await services.queue.add(QUEUE, 'batch', {}, { ...RETRIES, jobId: `reindex-v${DATA_VERSION}-${state.step}` });
      }
    },
    { concurrency: 1 },
  );
  if (await needsReindex(services.store)) {
    logger.info({ dataVersion: DATA_VERSION }, 'reindex scheduled: link and file indexes of older records');
    await services.queue.add(QUEUE, 'batch', {}, { ...RETRIES, jobId: `reindex-v${DATA_VERSION}-start` });
  }
}

/** Route module: `GET /api/admin/reindex` (admins). */
export async function registerReindexRouteModule(app: FormloomApp): Promise<void> {
  registerReindexRoutes(app);
}
