import type { FormloomApp } from '../server/types.js';
import { DepartmentSchema, RoleSchema } from './org-schemas.js';
import { registerDepartmentRoutes } from './department-routes.js';
import { registerRoleRoutes } from './role-routes.js';
import { registerUserRoutes } from './user-routes.js';

/** Every `/api/org/*` route (permission `org.manage`). */
export async function registerOrgRoutes(app: FormloomApp): Promise<void> {
  app.addSchema(DepartmentSchema);
  app.addSchema(RoleSchema);
  await registerDepartmentRoutes(app);
  await registerRoleRoutes(app);
  await registerUserRoutes(app);
}
