import type { HistoryEntry } from '@formloom/model';
import { OkSchema } from '../server/schemas.js';
import type { FormloomApp } from '../server/types.js';
import type { AppRegistry } from '../apps/app-registry.js';
import { recordContext } from './record-context.js';
import {
  BatchBody,
  BatchResponse,
  BinPageSchema,
  BinQuery,
  CreateBody,
  DeleteQuery,
  FormOnlyParams,
  HistorySchema,
  IdempotencyHeaders,
  QueryBody,
  RecordPageSchema,
  RecordParams,
  RecordViewSchema,
  UpdateBody,
} from './record-schemas.js';

const user = { access: { permission: 'user' } } as const;
const tags = ['records'];

/**
 * `/api/forms/:formId/records…` and the form's recycle bin. Every handler resolves the caller's
 * access to the form first (membership + permission groups) and then calls the engine's
 * RecordService, which validates against the published version and re-checks row scopes and
 * field limits. Nothing here touches the store.
 */
export function registerRecordRoutes(app: FormloomApp, registry: AppRegistry): void {
  const records = registry.records;

  app.post(
    '/api/forms/:formId/records',
    {
      config: user,
      schema: {
        tags,
        summary: 'Create a record (validated against the published version)',
        params: FormOnlyParams,
        headers: IdempotencyHeaders,
        body: CreateBody,
        response: { 201: RecordViewSchema },
      },
    },
    async (request, reply) => {
      const ctx = await recordContext(registry, request.principal, request.params.formId, 'create');
      const idempotencyKey = request.headers['idempotency-key'];
      const created = await records.create(
        ctx,
        request.body.data,
        idempotencyKey === undefined ? {} : { idempotencyKey },
      );
      return reply.code(201).send(created);
    },
  );

  app.post(
    '/api/forms/:formId/records/query',
    {
      config: user,
      schema: {
        tags,
        summary: 'A page of records: filter, keyword, sort, fields, cursor, total',
        params: FormOnlyParams,
        body: QueryBody,
        response: { 200: RecordPageSchema },
      },
    },
    async (request) => {
      const ctx = await recordContext(registry, request.principal, request.params.formId, 'read');
      return records.query(ctx, request.body);
    },
  );

  app.post(
    '/api/forms/:formId/records/batch',
    {
      config: user,
      schema: {
        tags,
        summary: 'Create, update or delete many records: all or nothing',
        params: FormOnlyParams,
        body: BatchBody,
        response: { 200: BatchResponse },
      },
    },
    async (request) => {
      const { formId } = request.params;
      const body = request.body;
      if (body.create !== undefined) {
        const ctx = await recordContext(registry, request.principal, formId, 'create');
        return {
          created: await records.batchCreate(
            ctx,
            body.create.map((item) => item.data),
          ),
        };
      }
      if (body.update !== undefined) {
        const ctx = await recordContext(registry, request.principal, formId, 'update');
        return { updated: await records.batchUpdate(ctx, body.update) };
      }
      const ctx = await recordContext(registry, request.principal, formId, 'delete');
      return { deleted: await records.batchRemove(ctx, body.delete ?? []) };
    },
  );

  app.get(
    '/api/forms/:formId/records/:id',
    {
      config: user,
      schema: { tags, summary: 'One record', params: RecordParams, response: { 200: RecordViewSchema } },
    },
    async (request) => {
      const ctx = await recordContext(registry, request.principal, request.params.formId, 'read');
      return records.get(ctx, request.params.id);
    },
  );

  app.patch(
    '/api/forms/:formId/records/:id',
    {
      config: user,
      schema: {
        tags,
        summary: 'Change fields of a record; 409 VERSION_CONFLICT with `current` when baseVersion is stale',
        params: RecordParams,
        body: UpdateBody,
        response: { 200: RecordViewSchema },
      },
    },
    async (request) => {
      const ctx = await recordContext(registry, request.principal, request.params.formId, 'update');
      return records.update(ctx, request.params.id, request.body);
    },
  );

  app.delete(
    '/api/forms/:formId/records/:id',
    {
      config: user,
      schema: {
        tags,
        summary: 'Move a record to the recycle bin',
        params: RecordParams,
        querystring: DeleteQuery,
        response: { 200: OkSchema },
      },
    },
    async (request) => {
      const ctx = await recordContext(registry, request.principal, request.params.formId, 'delete');
      const { baseVersion } = request.query;
      await records.remove(ctx, request.params.id, baseVersion === undefined ? {} : { baseVersion });
      return { ok: true as const };
    },
  );

  app.get(
    '/api/forms/:formId/records/:id/history',
    {
      config: user,
      schema: {
        tags,
        summary: 'Every change of a record, oldest first, with field-level diffs',
        params: RecordParams,
        response: { 200: HistorySchema },
      },
    },
    async (request) => {
      const ctx = await recordContext(registry, request.principal, request.params.formId, 'read');
      const entries = await records.history(ctx, request.params.id);
      return { items: entries.map(historyView) };
    },
  );

  app.get(
    '/api/forms/:formId/bin',
    {
      config: user,
      schema: {
        tags,
        summary: 'Deleted records of the form',
        params: FormOnlyParams,
        querystring: BinQuery,
        response: { 200: BinPageSchema },
      },
    },
    async (request) => {
      const ctx = await recordContext(registry, request.principal, request.params.formId, 'delete');
      return records.listBin(ctx, request.query);
    },
  );

  app.post(
    '/api/forms/:formId/bin/:id/restore',
    {
      config: user,
      schema: {
        tags,
        summary: 'Restore a record from the recycle bin',
        params: RecordParams,
        response: { 200: RecordViewSchema },
      },
    },
    async (request) => {
      const ctx = await recordContext(registry, request.principal, request.params.formId, 'delete');
      return records.restore(ctx, request.params.id);
    },
  );

  app.delete(
    '/api/forms/:formId/bin/:id',
    {
      config: user,
      schema: {
        tags,
        summary: 'Delete a record from the recycle bin for good',
        params: RecordParams,
        response: { 200: OkSchema },
      },
    },
    async (request) => {
      const ctx = await recordContext(registry, request.principal, request.params.formId, 'delete');
      await records.purge(ctx, request.params.id);
      return { ok: true as const };
    },
  );
}

function historyView(entry: HistoryEntry) {
  return {
    id: entry._id,
    recordId: entry.recordId,
    version: entry.version,
    action: entry.action,
    at: entry.at,
    by: entry.by,
    changes: entry.changes,
  };
}
