import { Type } from '@fastify/type-provider-typebox';
import { forbidden, notFound } from '@formloom/model';
import {
  FLOW_INSTANCES,
  FLOW_JOURNAL,
  FLOW_TASKS,
  triggerOf,
  type FlowInstanceDoc,
  type FlowJournalDoc,
  type FlowRuntime,
  type FlowTaskDoc,
} from '@formloom/engine';
import { blobStoreOf, sendBlob } from '../../files/index.js';
import { BinaryResponse } from '../../files/file-schemas.js';
import type { AppRegistry } from '../../apps/app-registry.js';
import type { FormloomApp } from '../../server/types.js';
import { visibleInstance } from './flow-runtime-access.js';
import { InstanceParams, InstanceSummarySchema } from './flow-runtime-schemas.js';
import { toInstanceSummary } from './flow-views.js';

const user = { access: { permission: 'user' } } as const;
const tags = ['flows'];
const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });

const RecordQuery = Type.Object({ formId: Id, recordId: Id }, { additionalProperties: false });
const FormParams = Type.Object({ formId: Id });
const SignatureParams = Type.Object({
  instanceId: Id,
  fileId: Id,
});

/** Only what a read-only drawing needs: kinds, labels, positions, edges. No assignees or conditions. */
const DiagramSchema = Type.Object({
  nodes: Type.Array(
    Type.Object({
      id: Type.String(),
      type: Type.String(),
      label: Type.String(),
      position: Type.Object({ x: Type.Number(), y: Type.Number() }),
    }),
  ),
  edges: Type.Array(
    Type.Object({ id: Type.String(), source: Type.String(), target: Type.String(), label: Type.String() }),
  ),
});

const ButtonsSchema = Type.Object({
  items: Type.Array(Type.Object({ flowId: Type.String(), label: Type.String() })),
});

/**
 * What the player's record page reads about flows: the instances run on a record (those the
 * caller may see), the drawing of an instance's flow version, the signatures given with its
 * actions, and the button automations of a form.
 */
export function registerRecordFlowRoutes(app: FormloomApp, runtime: FlowRuntime, registry: AppRegistry): void {
  const store = app.services.store;

  app.get(
    '/api/flow-instances',
    {
      config: user,
      schema: {
        tags,
        summary:
          'The flow instances of a record that I may see (started it, hold a task, manage the app), newest first',
        querystring: RecordQuery,
        response: { 200: Type.Object({ items: Type.Array(InstanceSummarySchema) }) },
      },
    },
    async (request) => {
      const { formId, recordId } = request.query;
      const found = await store
        .collection<FlowInstanceDoc>(FLOW_INSTANCES)
        .find({ formId, recordId }, { sort: { startedAt: -1 }, limit: 50 });
      const visible: FlowInstanceDoc[] = [];
      for (const instance of found) {
        const seen = await visibleInstance(store, registry, request.principal, instance._id).catch(() => null);
        if (seen) visible.push(seen.instance);
      }
      return { items: visible.map(toInstanceSummary) };
    },
  );

  app.get(
    '/api/flow-instances/:instanceId/diagram',
    {
      config: user,
      schema: {
        tags,
        summary: 'The drawing of an instance’s flow version (kinds, labels, positions, edges) for a read-only diagram',
        params: InstanceParams,
        response: { 200: DiagramSchema },
      },
    },
    async (request) => {
      const { instance } = await visibleInstance(store, registry, request.principal, request.params.instanceId);
      const { definition } = await runtime.core.flowOf(instance);
      return {
        nodes: definition.nodes.map((n) => ({
          id: n.id,
          type: n.type,
          label: typeof n.data.label === 'string' && n.data.label !== '' ? n.data.label : '',
          position: { x: n.position.x, y: n.position.y },
        })),
        edges: definition.edges.map((e) => ({ id: e.id, source: e.source, target: e.target, label: e.label ?? '' })),
      };
    },
  );

  app.get(
    '/api/flow-instances/:instanceId/signatures/:fileId',
    {
      config: user,
      schema: {
        tags,
        summary: 'A handwritten signature given with an action of the instance (for its timeline), as an image',
        params: SignatureParams,
        response: { 200: BinaryResponse },
      },
    },
    async (request, reply) => {
      const { instanceId, fileId } = request.params;
      await visibleInstance(store, registry, request.principal, instanceId);
      // Only files signed into this instance: its journal or its tasks name them.
      const named =
        (await store.collection<FlowJournalDoc>(FLOW_JOURNAL).countDocuments({
          instanceId,
          'data.signatureFileId': fileId,
        })) > 0 ||
        (await store.collection<FlowTaskDoc>(FLOW_TASKS).countDocuments({ instanceId, signatureFileId: fileId })) > 0;
      if (!named) throw notFound('Signature');
      const found = await (await blobStoreOf(app.services)).get(fileId);
      if (!found) throw notFound('Signature');
      return sendBlob(reply, found, true);
    },
  );

  app.get(
    '/api/forms/:formId/flow-buttons',
    {
      config: user,
      schema: {
        tags,
        summary: 'The button automations of a form (for its record page), for anyone who may read its records',
        params: FormParams,
        response: { 200: ButtonsSchema },
      },
    },
    async (request) => {
      const { access } = await registry.formContext(request.principal, request.params.formId);
      if (!access.full && !access.actions.has('read')) throw forbidden('You may not read records of this form');
      const flows = await runtime.core.flows.automationsOf('button', request.params.formId);
      return {
        items: flows.flatMap((flow) => {
          const trigger = triggerOf(flow);
          return trigger?.type === 'button' ? [{ flowId: flow.flowId, label: trigger.buttonLabel || flow.name }] : [];
        }),
      };
    },
  );
}
