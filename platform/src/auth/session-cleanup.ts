import type { Services } from '../server/types.js';

/**
 * Worker module: deletes expired sessions every hour. Sessions are also refused when expired,
 * so this only keeps the collection small. The schedule is idempotent (same scheduler id), so
 * every worker process may declare it.
 */
export const AUTH_QUEUE = 'auth';
export const SESSION_CLEANUP_JOB = 'sessions.cleanup';

export async function registerSessionCleanupWorker(services: Services): Promise<void> {
  await services.queue.process(AUTH_QUEUE, async (job) => {
    if (job.name === SESSION_CLEANUP_JOB) await services.auth.deleteExpiredSessions();
  });
  await services.queue.schedule(AUTH_QUEUE, 'sessions-cleanup', '17 * * * *', SESSION_CLEANUP_JOB, {});
}
