import { Type } from '@fastify/type-provider-typebox';
import type { FormloomApp } from '../server/types.js';
import { DirectoryDepartmentSchema, DirectoryUserSchema, DirectoryUsersQuery } from './directory-schemas.js';
import type { DirectoryService } from './directory-service.js';

const user = { access: { permission: 'user' } } as const;
const tags = ['directory'];

/** `GET /api/directory/users` and `/api/directory/departments`: readable by every signed-in user. */
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
}
