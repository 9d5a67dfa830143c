import { OkSchema } from '../server/schemas.js';
import type { FormloomApp } from '../server/types.js';
import type { AppRegistry } from './app-registry.js';
import {
  DraftBody,
  FormAccessSchema,
  FormParams,
  FormPatchBody,
  FormSchema,
  PermissionsBody,
  PublishBody,
  VersionListSchema,
  VersionParams,
  VersionSchema,
} from './app-schemas.js';
import { accessView, formView } from './app-views.js';

const user = { access: { permission: 'user' } } as const;
const tags = ['forms'];

/** `/api/forms/:formId…`: drafts, publishing, versions, permission groups, recycle bin. */
export function registerFormRoutes(app: FormloomApp, registry: AppRegistry): void {
  app.get(
    '/api/forms/:formId',
    {
      config: user,
      schema: {
        tags,
        summary: 'A form (the draft is included for its editors)',
        params: FormParams,
        response: { 200: FormSchema },
      },
    },
    async (request) => {
      const { form, canEdit } = await registry.forms.get(request.principal, request.params.formId);
      return formView(form, canEdit);
    },
  );

  app.patch(
    '/api/forms/:formId',
    {
      config: user,
      schema: {
        tags,
        summary: 'Rename or move a form (managers)',
        params: FormParams,
        body: FormPatchBody,
        response: { 200: FormSchema },
      },
    },
    async (request) =>
      formView(await registry.forms.rename(request.principal, request.params.formId, request.body), true),
  );

  app.delete(
    '/api/forms/:formId',
    {
      config: user,
      schema: {
        tags,
        summary: 'Move a form to the recycle bin (managers)',
        params: FormParams,
        response: { 200: OkSchema },
      },
    },
    async (request) => {
      await registry.forms.remove(request.principal, request.params.formId);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/forms/:formId/restore',
    {
      config: user,
      schema: {
        tags,
        summary: 'Restore a form from the recycle bin',
        params: FormParams,
        response: { 200: FormSchema },
      },
    },
    async (request) => formView(await registry.forms.restore(request.principal, request.params.formId), true),
  );

  app.put(
    '/api/forms/:formId/draft',
    {
      config: user,
      schema: {
        tags,
        summary: 'Save the draft; 409 when baseRevision is not the current revision',
        params: FormParams,
        body: DraftBody,
        response: { 200: FormSchema },
      },
    },
    async (request) => {
      const { definition, baseRevision } = request.body;
      return formView(
        await registry.forms.saveDraft(request.principal, request.params.formId, definition, baseRevision),
        true,
      );
    },
  );

  app.post(
    '/api/forms/:formId/publish',
    {
      config: user,
      schema: {
        tags,
        summary: 'Publish the draft as the next immutable version',
        params: FormParams,
        body: PublishBody,
        response: { 201: VersionSchema },
      },
      // The body is optional: a bare POST publishes whatever the draft is now.
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request, reply) => {
      const published = await registry.forms.publish(
        request.principal,
        request.params.formId,
        request.body.baseRevision,
      );
      return reply.code(201).send(published);
    },
  );

  app.get(
    '/api/forms/:formId/versions',
    {
      config: user,
      schema: {
        tags,
        summary: 'Published versions, newest first',
        params: FormParams,
        response: { 200: VersionListSchema },
      },
    },
    async (request) => ({ items: await registry.forms.listVersions(request.principal, request.params.formId) }),
  );

  app.get(
    '/api/forms/:formId/versions/:version',
    {
      config: user,
      schema: { tags, summary: 'One published version', params: VersionParams, response: { 200: VersionSchema } },
    },
    async (request) => registry.forms.getVersion(request.principal, request.params.formId, request.params.version),
  );

  app.get(
    '/api/forms/:formId/published',
    {
      config: user,
      schema: {
        tags,
        summary: 'The latest published version (what records are validated against)',
        params: FormParams,
        response: { 200: VersionSchema },
      },
    },
    async (request) => registry.forms.getPublished(request.principal, request.params.formId),
  );

  app.put(
    '/api/forms/:formId/permissions',
    {
      config: user,
      schema: {
        tags,
        summary: 'Replace the permission groups (managers)',
        params: FormParams,
        body: PermissionsBody,
        response: { 200: FormSchema },
      },
    },
    async (request) =>
      formView(
        await registry.forms.setPermissions(request.principal, request.params.formId, request.body.groups),
        true,
      ),
  );

  app.get(
    '/api/forms/:formId/access',
    {
      config: user,
      schema: {
        tags,
        summary: 'What you may do with this form’s records',
        params: FormParams,
        response: { 200: FormAccessSchema },
      },
    },
    async (request) => accessView((await registry.formContext(request.principal, request.params.formId)).access),
  );
}
