import type { FormloomApp, Services } from '../server/types.js';
import { registerDirectoryRouteHandlers } from './directory-routes.js';
import { DirectoryService } from './directory-service.js';

export { DirectoryService, type UserLookup } from './directory-service.js';
export type { DirectoryDepartment, DirectoryUser } from './directory-schemas.js';

declare module '../server/types.js' {
  interface Services {
    /** The read-only people directory (see `directoryOf`). */
    directory?: DirectoryService;
  }
}

/** The process's directory service, created once per Services object. */
export function directoryOf(services: Services): DirectoryService {
  services.directory ??= new DirectoryService(services.store);
  return services.directory;
}

/** Route module: the people directory every signed-in user may read. */
export async function registerDirectoryRoutes(app: FormloomApp): Promise<void> {
  registerDirectoryRouteHandlers(app, directoryOf(app.services));
}
