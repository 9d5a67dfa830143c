import { flowNodeKinds, hasLintErrors } from '@formloom/engine';
import { OkSchema } from '../../server/schemas.js';
import type { FormloomApp } from '../../server/types.js';
import type { FlowDoc } from './flow-docs.js';
import {
  AppParams,
  DryRunBody,
  DryRunResultSchema,
  FlowCreateBody,
  FlowDraftBody,
  FlowEnabledBody,
  FlowLintBody,
  FlowListSchema,
  FlowParams,
  FlowPatchBody,
  FlowPublishBody,
  FlowSchema,
  FlowVersionListSchema,
  FlowVersionParams,
  LintResultSchema,
  NodeKindListSchema,
  PublishedFlowSchema,
  type FlowView,
} from './flow-schemas.js';
import type { FlowDryRun } from './flow-dry-run.js';
import type { FlowService } from './flow-service.js';

const user = { access: { permission: 'user' } } as const;
const tags = ['flows'];

export function flowView(flow: FlowDoc): FlowView {
  return {
    id: flow._id,
    appId: flow.appId,
    name: flow.name,
    description: flow.description,
    mode: flow.draft.mode,
    formId: flow.draft.formId ?? flow.published?.formId ?? null,
    draft: flow.draft,
    draftRevision: flow.draftRevision,
    publishedVersion: flow.publishedVersion,
    published: flow.published,
    enabled: flow.enabled,
    createdAt: flow.createdAt,
    createdBy: flow.createdBy,
    updatedAt: flow.updatedAt,
    updatedBy: flow.updatedBy,
  };
}

/**
 * Flow documents of an app (managers only; members and strangers get 403/404): CRUD of drafts
 * with revisions, lint, publish into immutable versions, versions with their running instances,
 * enable/disable, recycle bin; and the node-kind palette for the designer.
 */
export function registerFlowDefinitionRoutes(app: FormloomApp, flows: FlowService, dryRun: FlowDryRun): void {
  app.get(
    '/api/flow-node-kinds',
    {
      config: user,
      schema: {
        tags,
        summary: 'The node kinds a flow may use (built-in and plugins), for the designer palette',
        response: { 200: NodeKindListSchema },
      },
    },
    async () => ({
      items: flowNodeKinds
        .list()
        .map(({ kind, category, modes, connections, labelKey, descriptionKey, dataSchema }) => ({
          kind,
          category,
          modes: [...modes],
          connections,
          labelKey,
          descriptionKey,
          dataSchema,
        })),
    }),
  );

  app.get(
    '/api/apps/:appId/flows',
    {
      config: user,
      schema: { tags, summary: 'Flows of an app (managers)', params: AppParams, response: { 200: FlowListSchema } },
    },
    async (request) => ({
      items: (await flows.list(request.principal, request.params.appId)).map((flow) => {
        const { draft: _draft, ...rest } = flowView(flow);
        void _draft;
        return rest;
      }),
    }),
  );

  app.post(
    '/api/apps/:appId/flows',
    {
      config: user,
      schema: {
        tags,
        summary: 'Create a flow (managers): a process bound to a form, or an automation',
        params: AppParams,
        body: FlowCreateBody,
        response: { 201: FlowSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(flowView(await flows.create(request.principal, request.params.appId, request.body))),
  );

  app.get(
    '/api/flows/:flowId',
    {
      config: user,
      schema: { tags, summary: 'A flow with its draft (managers)', params: FlowParams, response: { 200: FlowSchema } },
    },
    async (request) => flowView(await flows.get(request.principal, request.params.flowId)),
  );

  app.patch(
    '/api/flows/:flowId',
    {
      config: user,
      schema: {
        tags,
        summary: 'Rename a flow (managers)',
        params: FlowParams,
        body: FlowPatchBody,
        response: { 200: FlowSchema },
      },
    },
    async (request) => flowView(await flows.rename(request.principal, request.params.flowId, request.body)),
  );

  app.delete(
    '/api/flows/:flowId',
    {
      config: user,
      schema: {
        tags,
        summary: 'Move a flow to the recycle bin (running instances go on)',
        params: FlowParams,
        response: { 200: OkSchema },
      },
    },
    async (request) => {
      await flows.remove(request.principal, request.params.flowId);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/flows/:flowId/restore',
    {
      config: user,
      schema: {
        tags,
        summary: 'Restore a flow from the recycle bin (disabled)',
        params: FlowParams,
        response: { 200: FlowSchema },
      },
    },
    async (request) => flowView(await flows.restore(request.principal, request.params.flowId)),
  );

  app.put(
    '/api/flows/:flowId/draft',
    {
      config: user,
      schema: {
        tags,
        summary: 'Save the draft; 409 when baseRevision is not the current revision',
        params: FlowParams,
        body: FlowDraftBody,
        response: { 200: FlowSchema },
      },
    },
    async (request) => {
      const { definition, baseRevision } = request.body;
      return flowView(await flows.saveDraft(request.principal, request.params.flowId, definition, baseRevision));
    },
  );

  app.post(
    '/api/flows/:flowId/lint',
    {
      config: user,
      schema: {
        tags,
        summary: 'Lint a definition (default: the saved draft) against this app’s forms and the organisation',
        params: FlowParams,
        body: FlowLintBody,
        response: { 200: LintResultSchema },
      },
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request) => {
      const problems = await flows.lint(request.principal, request.params.flowId, request.body.definition);
      return { problems, hasErrors: hasLintErrors(problems) };
    },
  );

  app.post(
    '/api/flows/:flowId/publish',
    {
      config: user,
      schema: {
        tags,
        summary:
          'Publish the draft as the next immutable version; 400 listing the problems when the linter finds errors',
        params: FlowParams,
        body: FlowPublishBody,
        response: { 201: PublishedFlowSchema },
      },
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request, reply) =>
      reply.code(201).send(await flows.publish(request.principal, request.params.flowId, request.body.baseRevision)),
  );

  app.post(
    '/api/flows/:flowId/dry-run',
    {
      config: user,
      schema: {
        tags,
        summary:
          'Walk a definition (default: the draft) for an existing record or sample data without writing anything: the path, who would be assigned, what each branch evaluated to',
        params: FlowParams,
        body: DryRunBody,
        response: { 200: DryRunResultSchema },
      },
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request) => dryRun.run(request.principal, request.params.flowId, request.body),
  );

  app.get(
    '/api/flows/:flowId/versions',
    {
      config: user,
      schema: {
        tags,
        summary: 'Published versions, newest first, with the number of instances running on each',
        params: FlowParams,
        response: { 200: FlowVersionListSchema },
      },
    },
    async (request) => ({ items: await flows.listVersions(request.principal, request.params.flowId) }),
  );

  app.get(
    '/api/flows/:flowId/versions/:version',
    {
      config: user,
      schema: {
        tags,
        summary: 'One published version (read-only)',
        params: FlowVersionParams,
        response: { 200: PublishedFlowSchema },
      },
    },
    async (request) => flows.getVersion(request.principal, request.params.flowId, request.params.version),
  );

  app.put(
    '/api/flows/:flowId/enabled',
    {
      config: user,
      schema: {
        tags,
        summary: 'Enable or disable a flow; 409 when another enabled process flow is bound to the same form',
        params: FlowParams,
        body: FlowEnabledBody,
        response: { 200: FlowSchema },
      },
    },
    async (request) => flowView(await flows.setEnabled(request.principal, request.params.flowId, request.body.enabled)),
  );
}
