import { badRequest, forbidden, notFound, type Filter } from '@formloom/model';
import {
  FLOW_INSTANCES,
  FLOW_JOURNAL,
  FLOW_TASKS,
  offeredActions,
  taskAccess,
  type FlowInstanceDoc,
  type FlowJournalDoc,
  type FlowRuntime,
  type FlowTaskDoc,
} from '@formloom/engine';
import type { AppRegistry } from '../../apps/app-registry.js';
import type { FormloomApp } from '../../server/types.js';
import { managedInstance, managesApp, visibleInstance } from './flow-runtime-access.js';
import {
  AdminListQuery,
  AdminListSchema,
  BatchApproveBody,
  BatchApproveResponse,
  BoxParams,
  ButtonBody,
  FlowParams,
  InboxCountsSchema,
  InboxPageSchema,
  InboxQuery,
  InstanceParams,
  InstanceStateSchema,
  InstanceSummarySchema,
  JournalSchema,
  StartedSchema,
  TaskActionBody,
  TaskParams,
  TaskSchema,
  TaskViewSchema,
  UrgedSchema,
} from './flow-runtime-schemas.js';
import { toInstanceState, toInstanceSummary, toTaskView } from './flow-views.js';
import { inboxCounts, inboxPage } from './inbox-queries.js';

const user = { access: { permission: 'user' } } as const;
const tags = ['flows'];

function requireUser(userId: string | null): string {
  if (userId === null) throw forbidden('Flows need a signed-in user');
  return userId;
}

/**
 * The flow runtime's HTTP API: the inbox, task views and actions, instance state and timeline,
 * withdraw/urge, record-page buttons, and the admin routes (failed and stuck instances, the
 * journal, retry, cancel). Every route is for signed-in users; each handler checks that the
 * caller holds the task, started the instance, or manages its app.
 */
export function registerFlowRuntimeRoutes(app: FormloomApp, runtime: FlowRuntime, registry: AppRegistry): void {
  const store = app.services.store;
  const tasks = store.collection<FlowTaskDoc>(FLOW_TASKS);

  app.get(
    '/api/flow-inbox/counts',
    {
      config: user,
      schema: {
        tags,
        summary: 'How many tasks to do, done, CC’d (unread) and instances started by me',
        querystring: InboxQuery,
        response: { 200: InboxCountsSchema },
      },
    },
    async (request) => inboxCounts(store, requireUser(request.principal.userId), request.query),
  );

  app.get(
    '/api/flow-inbox/:box',
    {
      config: user,
      schema: {
        tags,
        summary: 'A page of my inbox: todo, done, cc or initiated (keyword, form and app filters; cursor pagination)',
        params: BoxParams,
        querystring: InboxQuery,
        response: { 200: InboxPageSchema },
      },
    },
    async (request) => inboxPage(store, requireUser(request.principal.userId), request.params.box, request.query),
  );

  app.get(
    '/api/flow-tasks/:taskId',
    {
      config: user,
      schema: {
        tags,
        summary: 'A task with the record as its holder may see it (field permissions applied) and the actions offered',
        params: TaskParams,
        response: { 200: TaskViewSchema },
      },
    },
    async (request) => {
      const userId = requireUser(request.principal.userId);
      const task = await tasks.findOne({ _id: request.params.taskId });
      if (!task) throw notFound('Task');
      const { instance, canManage } = await visibleInstance(store, registry, request.principal, task.instanceId);
      if (task.assigneeId !== userId && !canManage) throw notFound('Task');
      const flow = await runtime.core.flowOf(instance);
      const node = flow.definition.nodes.find((n) => n.id === task.nodeId);
      let record = null;
      if (task.formId && task.recordId) {
        const form = await runtime.core.formOf(task.formId);
        if (form) {
          const access = taskAccess(task, Object.keys(form.definition.fields));
          record = await runtime.core.records
            .get({ principal: request.principal, access, appId: form.appId, formId: task.formId }, task.recordId)
            .catch(() => null);
        }
        if (task.kind === 'cc' && task.readAt === null && task.assigneeId === userId)
          await tasks.updateOne({ _id: task._id, readAt: null }, { $set: { readAt: new Date().toISOString() } });
      }
      const token = instance.tokens.find((t) => t.id === task.tokenId);
      const returnPolicy = node?.data.returnTo;
      const returnTargets =
        returnPolicy === 'any' && token
          ? token.trail.map((nodeId) => {
              const n = flow.definition.nodes.find((x) => x.id === nodeId);
              const label = typeof n?.data.label === 'string' && n.data.label !== '' ? n.data.label : null;
              return { nodeId, label, kind: n?.type ?? '' };
            })
          : [];
      const mine = task.assigneeId === userId && instance.status === 'running';
      const actions = mine
        ? offeredActions(task, node?.data ?? {}).filter((a) => task.status === 'pending' || a === 'comment')
        : [];
      return {
        task: toTaskView(task),
        actions,
        fields: task.fieldPermissions,
        signatureRequired: task.kind === 'approval' && node?.data.signatureRequired === true,
        returnTargets,
        record,
        instance: { id: instance._id, status: instance.status, initiatorId: instance.initiatorId },
      };
    },
  );

  app.post(
    '/api/flow-tasks/:taskId/actions',
    {
      config: user,
      schema: {
        tags,
        summary: 'Act on my task: approve (submit), reject, return, transfer, add a signer, comment',
        params: TaskParams,
        body: TaskActionBody,
        response: { 200: TaskSchema },
      },
    },
    async (request) => toTaskView(await runtime.act(request.principal, request.params.taskId, request.body)),
  );

  app.post(
    '/api/flow-tasks/batch-approve',
    {
      config: user,
      schema: {
        tags,
        summary: 'Approve several of my tasks; each succeeds or fails on its own',
        body: BatchApproveBody,
        response: { 200: BatchApproveResponse },
      },
    },
    async (request) => ({
      results: await runtime.batchApprove(request.principal, request.body.taskIds, request.body.comment),
    }),
  );

  app.get(
    '/api/flow-instances/:instanceId',
    {
      config: user,
      schema: {
        tags,
        summary: 'An instance’s state and timeline: nodes passed, who acted, comments, who is being waited on',
        params: InstanceParams,
        response: { 200: InstanceStateSchema },
      },
    },
    async (request) => {
      const { instance, canManage } = await visibleInstance(
        store,
        registry,
        request.principal,
        request.params.instanceId,
      );
      const [flow, instanceTasks, journal] = await Promise.all([
        runtime.core.flowOf(instance),
        tasks.find({ instanceId: instance._id }, { sort: { createdAt: 1, _id: 1 } }),
        store
          .collection<FlowJournalDoc>(FLOW_JOURNAL)
          .find({ instanceId: instance._id }, { sort: { _id: 1 }, limit: 2000 }),
      ]);
      return toInstanceState({
        instance,
        definition: flow.definition,
        tasks: instanceTasks,
        journal,
        viewerId: request.principal.userId,
        canManage,
        urgeIntervalMs: runtime.core.urgeIntervalMs,
        now: runtime.core.clock(),
      });
    },
  );

  app.post(
    '/api/flow-instances/:instanceId/withdraw',
    {
      config: user,
      schema: {
        tags,
        summary: 'Withdraw my instance before anyone acted on it',
        params: InstanceParams,
        response: { 200: InstanceSummarySchema },
      },
    },
    async (request) => {
      await visibleInstance(store, registry, request.principal, request.params.instanceId);
      return toInstanceSummary(await runtime.withdraw(request.principal, request.params.instanceId));
    },
  );

  app.post(
    '/api/flow-instances/:instanceId/urge',
    {
      config: user,
      schema: {
        tags,
        summary: 'Remind the people the instance waits on (rate limited)',
        params: InstanceParams,
        response: { 200: UrgedSchema },
      },
    },
    async (request) => {
      const { instance, canManage } = await visibleInstance(
        store,
        registry,
        request.principal,
        request.params.instanceId,
      );
      if (!canManage && instance.initiatorId !== request.principal.userId)
        throw forbidden('Only the person who started this flow or the app’s managers can urge it');
      return runtime.urge(request.principal, instance._id);
    },
  );

  app.post(
    '/api/flows/:flowId/button',
    {
      config: user,
      schema: {
        tags,
        summary: 'Run a button automation on a record (from the record page)',
        params: FlowParams,
        body: ButtonBody,
        response: { 201: StartedSchema },
      },
    },
    async (request, reply) => {
      const { formId, recordId } = request.body;
      const { app: appDoc, access } = await registry.formContext(request.principal, formId);
      if (!access.full && !access.actions.has('read')) throw forbidden('You may not read records of this form');
      // Visible to the caller (row scope), or 404.
      await runtime.core.records.get({ principal: request.principal, access, appId: appDoc._id, formId }, recordId);
      // The button's trigger names this form, so the flow belongs to the form's app.
      const started = await runtime.button(request.principal, request.params.flowId, formId, recordId);
      return reply.code(201).send({ instanceId: started.instance._id, status: started.instance.status });
    },
  );

  app.get(
    '/api/flow-admin/instances',
    {
      config: user,
      schema: {
        tags,
        summary: 'Failed or stuck instances of an app (its managers) or of every app (admins)',
        querystring: AdminListQuery,
        response: { 200: AdminListSchema },
      },
    },
    async (request) => {
      const { appId, status, olderThanMs, limit } = request.query;
      if (appId === undefined && !request.principal.isAdmin)
        throw badRequest('Say which app', [
          { path: 'appId', rule: 'required', message: 'Required unless you are an admin' },
        ]);
      if (appId !== undefined && !(await managesApp(registry, request.principal, appId)))
        throw forbidden('Only the managers of this app can list its failed instances');
      const filter: Filter =
        status === 'failed'
          ? { status: 'failed' }
          : {
              status: 'running',
              'tokens.status': 'ready',
              updatedAt: { $lt: new Date(runtime.core.clock().getTime() - olderThanMs).toISOString() },
            };
      if (appId !== undefined) filter.appId = appId;
      const items = await store
        .collection<FlowInstanceDoc>(FLOW_INSTANCES)
        .find(filter, { sort: { updatedAt: 1 }, limit });
      return { items: items.map(toInstanceSummary) };
    },
  );

  app.get(
    '/api/flow-instances/:instanceId/journal',
    {
      config: user,
      schema: {
        tags,
        summary: 'Every step, job and error of an instance (app managers)',
        params: InstanceParams,
        response: { 200: JournalSchema },
      },
    },
    async (request) => {
      const instance = await managedInstance(store, registry, request.principal, request.params.instanceId);
      const journal = await store
        .collection<FlowJournalDoc>(FLOW_JOURNAL)
        .find({ instanceId: instance._id }, { sort: { _id: 1 }, limit: 5000 });
      return {
        items: journal.map((j) => ({
          id: j._id,
          at: j.at,
          type: j.type,
          nodeId: j.nodeId,
          tokenId: j.tokenId,
          stepId: j.stepId,
          userId: j.userId,
          message: j.message,
          i18n: j.i18n ?? null,
          data: j.data,
        })),
      };
    },
  );

  app.post(
    '/api/flow-instances/:instanceId/retry',
    {
      config: user,
      schema: {
        tags,
        summary: 'Run the failed step of an instance again (app managers)',
        params: InstanceParams,
        response: { 200: InstanceSummarySchema },
      },
    },
    async (request) => {
      await managedInstance(store, registry, request.principal, request.params.instanceId);
      return toInstanceSummary(await runtime.retry(request.principal, request.params.instanceId));
    },
  );

  app.post(
    '/api/flow-instances/:instanceId/cancel',
    {
      config: user,
      schema: {
        tags,
        summary: 'Cancel a running or failed instance (app managers)',
        params: InstanceParams,
        response: { 200: InstanceSummarySchema },
      },
    },
    async (request) => {
      await managedInstance(store, registry, request.principal, request.params.instanceId);
      return toInstanceSummary(await runtime.cancel(request.principal, request.params.instanceId));
    },
  );
}
