import type { DocumentStore, JobQueue } from '@formloom/model';
import { AuthService } from '../auth/auth-service.js';
import type { Config } from '../config.js';
import { OrgService } from '../org/org-service.js';
import type { Services } from './types.js';

/** The core services, shared by the HTTP server and the worker process. */
export async function createServices(config: Config, store: DocumentStore, queue: JobQueue): Promise<Services> {
  const services: Services = { config, store, queue, auth: new AuthService(store), org: new OrgService(store) };
  await services.auth.ensureIndexes();
  await services.org.ensureIndexes();
  return services;
}
