import type { Principal } from '@formloom/model';
import type { AppRegistry } from '../apps/app-registry.js';
import { recordContext } from '../records/record-context.js';
import { OkSchema } from '../server/schemas.js';
import type { FormloomApp } from '../server/types.js';
import {
  CommentBody,
  CommentListSchema,
  CommentParams,
  CommentViewSchema,
  OneCommentParams,
} from './comment-schemas.js';
import type { CommentService, RecordRef } from './comment-service.js';

const user = { access: { permission: 'user' } } as const;
const tags = ['comments'];

/**
 * `/api/forms/:formId/records/:id/comments…`. Every handler first proves that the caller may
 * read the record, the same way the record routes do (membership and permission groups through
 * recordContext, then the engine's get for row scopes): 403 without read access to the form,
 * 404 for a record outside the caller's rows.
 */
export function registerCommentRouteHandlers(app: FormloomApp, registry: AppRegistry, comments: CommentService): void {
  async function readableRecord(principal: Principal, formId: string, recordId: string): Promise<RecordRef> {
    const ctx = await recordContext(registry, principal, formId, 'read');
    await registry.records.get(ctx, recordId);
    return { formId, recordId };
  }

  app.get(
    '/api/forms/:formId/records/:id/comments',
    {
      config: user,
      schema: {
        tags,
        summary: 'Comments on a record, oldest first',
        params: CommentParams,
        response: { 200: CommentListSchema },
      },
    },
    async (request) => {
      const ref = await readableRecord(request.principal, request.params.formId, request.params.id);
      return { items: await comments.list(ref) };
    },
  );

  app.post(
    '/api/forms/:formId/records/:id/comments',
    {
      config: user,
      schema: {
        tags,
        summary: 'Comment on a record; each mentioned user gets a message',
        params: CommentParams,
        body: CommentBody,
        response: { 201: CommentViewSchema },
      },
    },
    async (request, reply) => {
      const ref = await readableRecord(request.principal, request.params.formId, request.params.id);
      return reply.code(201).send(await comments.add(request.principal, ref, request.body));
    },
  );

  app.delete(
    '/api/forms/:formId/records/:id/comments/:commentId',
    {
      config: user,
      schema: {
        tags,
        summary: 'Delete a comment (its author or an administrator)',
        params: OneCommentParams,
        response: { 200: OkSchema },
      },
    },
    async (request) => {
      const ref = await readableRecord(request.principal, request.params.formId, request.params.id);
      await comments.remove(request.principal, ref, request.params.commentId);
      return { ok: true as const };
    },
  );
}
