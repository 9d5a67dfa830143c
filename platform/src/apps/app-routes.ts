import { OkSchema } from '../server/schemas.js';
import type { FormloomApp } from '../server/types.js';
import type { AppRegistry } from './app-registry.js';
import {
  AppCreateBody,
  AppListSchema,
  AppParams,
  AppPatchBody,
  AppSchema,
  FormCreateBody,
  FormListSchema,
  FormSchema,
  ReorderAppsBody,
  ReorderFormsBody,
} from './app-schemas.js';
import { isAppManager } from './app-access.js';
import { appView, formView } from './app-views.js';

const user = { access: { permission: 'user' } } as const;
const tags = ['apps'];

/** `/api/apps…`: the apps a user can see, their forms, recycle bins and ordering. */
export function registerAppRoutes(app: FormloomApp, registry: AppRegistry): void {
  app.get(
    '/api/apps',
    {
      config: user,
      schema: { tags, summary: 'Apps you are a member or manager of', response: { 200: AppListSchema } },
    },
    async (request) => {
      const apps = await registry.apps.list(request.principal);
      return { items: apps.map((a) => appView(request.principal, a)) };
    },
  );

  app.post(
    '/api/apps',
    {
      config: { access: { permission: 'apps.create' } },
      schema: {
        tags,
        summary: 'Create an app (you become its manager)',
        body: AppCreateBody,
        response: { 201: AppSchema },
      },
    },
    async (request, reply) => {
      const created = await registry.apps.create(request.principal, request.body);
      return reply.code(201).send(appView(request.principal, created));
    },
  );

  app.get(
    '/api/apps/bin',
    { config: user, schema: { tags, summary: 'Deleted apps you manage', response: { 200: AppListSchema } } },
    async (request) => {
      const apps = await registry.apps.listBin(request.principal);
      return { items: apps.map((a) => appView(request.principal, a)) };
    },
  );

  app.post(
    '/api/apps/reorder',
    {
      config: user,
      schema: { tags, summary: 'Set the display order of apps', body: ReorderAppsBody, response: { 200: OkSchema } },
    },
    async (request) => {
      await registry.apps.reorder(request.principal, request.body.appIds);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/apps/:appId',
    { config: user, schema: { tags, summary: 'One app', params: AppParams, response: { 200: AppSchema } } },
    async (request) => appView(request.principal, await registry.apps.get(request.principal, request.params.appId)),
  );

  app.patch(
    '/api/apps/:appId',
    {
      config: user,
      schema: {
        tags,
        summary: 'Change an app (managers)',
        params: AppParams,
        body: AppPatchBody,
        response: { 200: AppSchema },
      },
    },
    async (request) =>
      appView(request.principal, await registry.apps.update(request.principal, request.params.appId, request.body)),
  );

  app.delete(
    '/api/apps/:appId',
    {
      config: user,
      schema: {
        tags,
        summary: 'Move an app to the recycle bin (managers)',
        params: AppParams,
        response: { 200: OkSchema },
      },
    },
    async (request) => {
      await registry.apps.remove(request.principal, request.params.appId);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/apps/:appId/restore',
    {
      config: user,
      schema: { tags, summary: 'Restore an app from the recycle bin', params: AppParams, response: { 200: AppSchema } },
    },
    async (request) => appView(request.principal, await registry.apps.restore(request.principal, request.params.appId)),
  );

  app.get(
    '/api/apps/:appId/forms',
    {
      config: user,
      schema: {
        tags,
        summary: 'Forms of an app (members see published ones)',
        params: AppParams,
        response: { 200: FormListSchema },
      },
    },
    async (request) => {
      const app = await registry.apps.get(request.principal, request.params.appId);
      const canEdit = isAppManager(request.principal, app);
      const forms = await registry.forms.list(request.principal, request.params.appId);
      return { items: forms.map((f) => formView(f, canEdit)) };
    },
  );

  app.post(
    '/api/apps/:appId/forms',
    {
      config: user,
      schema: {
        tags,
        summary: 'Create a form (managers)',
        params: AppParams,
        body: FormCreateBody,
        response: { 201: FormSchema },
      },
    },
    async (request, reply) => {
      const form = await registry.forms.create(request.principal, request.params.appId, request.body);
      return reply.code(201).send(formView(form, true));
    },
  );

  app.get(
    '/api/apps/:appId/forms/bin',
    {
      config: user,
      schema: {
        tags,
        summary: 'Deleted forms of an app (managers)',
        params: AppParams,
        response: { 200: FormListSchema },
      },
    },
    async (request) => {
      const forms = await registry.forms.listBin(request.principal, request.params.appId);
      return { items: forms.map((f) => formView(f, true)) };
    },
  );

  app.post(
    '/api/apps/:appId/forms/reorder',
    {
      config: user,
      schema: {
        tags,
        summary: 'Set the display order of forms',
        params: AppParams,
        body: ReorderFormsBody,
        response: { 200: OkSchema },
      },
    },
    async (request) => {
      await registry.forms.reorder(request.principal, request.params.appId, request.body.formIds);
      return { ok: true as const };
    },
  );
}
