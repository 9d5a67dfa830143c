import { Type } from '@fastify/type-provider-typebox';
import { forbidden } from '@formloom/model';
import type { FormloomApp } from '../server/types.js';
import {
  DirectoryDepartmentSchema,
  DirectoryRoleSchema,
  DirectoryUserSchema,
  DirectoryUsersQuery,
} from './directory-schemas.js';
import type { DirectoryService } from './directory-service.js';

const user = { access: { permission: 'user' } } as const;
const tags = ['directory'];

/**
 * `GET /api/directory/users` and `/api/directory/departments`: readable by every signed-in user;
 * `GET /api/directory/roles`: by those who build forms and flows (role pickers), 403 for others.
 */
export function registerDirectoryRouteHandlers(app: FormloomApp, directory: DirectoryService): void {
  app.get(
    '/api/directory/users',
    {
      config: user,
      schema: {
        tags,
        summary: 'Enabled users (id, username, display name, departments) for pickers and names',
        querystring: DirectoryUsersQuery,
        response: { 200: Type.Array(DirectoryUserSchema) },
      },
    },
    async (request) => {
      const { q, ids, limit } = request.query;
      return directory.users({ q, ids: ids === undefined ? undefined : ids.split(','), limit });
    },
  );

  app.get(
    '/api/directory/departments',
    {
      config: user,
      schema: {
        tags,
        summary: 'The department tree as a flat list (id, name, parentId)',
        response: { 200: Type.Array(DirectoryDepartmentSchema) },
      },
    },
    async () => directory.departments(),
  );

  app.get(
    '/api/directory/roles',
    {
      config: user,
      schema: {
        tags,
        summary: 'Roles (id, name, member count) for the pickers of people who build apps; 403 for others',
        response: { 200: Type.Array(DirectoryRoleSchema) },
      },
    },
    async (request) => {
      if (!(await directory.buildsApps(request.principal)))
        throw forbidden('Only people who build apps (app managers, app creators, organisation managers) list roles');
      return directory.roles();
    },
  );
}
