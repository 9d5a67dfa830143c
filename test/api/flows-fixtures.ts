import type { FlowDefinition, FlowEdge, FlowNode, FormDefinition, JobQueue } from '@formloom/model';
import { createTestApp, type TestApp, type TestAppOptions } from '../support/test-app.js';
import { injectCall, signedInUser, type ApiBody, type Call } from './records-fixtures.js';

/**
 * The world of the flow API scenarios: an org (ann and bob report to mia, mia to dan the
 * director; fay and fox hold the finance role; sam is a colleague), one app with every one of
 * them as a member, and three published forms: purchase requests, opportunities, follow-ups.
 */
export interface FlowsWorld {
  t: TestApp;
  admin: Call;
  as: Record<'ann' | 'bob' | 'mia' | 'dan' | 'fay' | 'fox' | 'sam', Call>;
  ids: Record<'ann' | 'bob' | 'mia' | 'dan' | 'fay' | 'fox' | 'sam', string>;
  appId: string;
  forms: { purchase: string; opportunity: string; followup: string };
  roles: { director: string; finance: string };
  /** Creates a flow through the flow documents API and publishes it; returns the flow id. */
  publishFlow(name: string, definition: FlowDefinition): Promise<string>;
  /** Disables every flow published so far (one world serves several scenarios). */
  disableFlows(): Promise<void>;
  close(): Promise<void>;
}

export function purchaseDefinition(): FormDefinition {
  return {
    schema: {
      type: 'object',
      required: ['f_title'],
      properties: {
        f_title: { type: 'string', minLength: 1, maxLength: 100 },
        f_amount: { type: 'number', minimum: 0 },
        f_reason: { type: 'string' },
        f_budget_code: { type: 'string' },
        f_secret: { type: 'string' },
      },
    },
    uiSchema: {},
    fields: {
      f_title: { kind: 'text', label: 'Title' },
      f_amount: { kind: 'money', label: 'Amount' },
      f_reason: { kind: 'textarea', label: 'Reason' },
      f_budget_code: { kind: 'text', label: 'Budget code' },
      f_secret: { kind: 'text', label: 'Internal note' },
    },
  };
}

function opportunityDefinition(): FormDefinition {
  return {
    schema: {
      type: 'object',
      required: ['f_name'],
      properties: {
        f_name: { type: 'string', minLength: 1 },
        f_stage: { type: 'string' },
        f_value: { type: 'number' },
      },
    },
    uiSchema: {},
    fields: {
      f_name: { kind: 'text', label: 'Opportunity' },
      f_stage: {
        kind: 'select',
        label: 'Stage',
        options: [
          { value: 'lead', label: 'Lead' },
          { value: 'proposal', label: 'Proposal' },
          { value: 'won', label: 'Won' },
        ],
      },
      f_value: { kind: 'money', label: 'Value' },
    },
  };
}

export function followupDefinition(): FormDefinition {
  return {
    schema: {
      type: 'object',
      required: ['f_subject'],
      properties: {
        f_subject: { type: 'string', minLength: 1 },
        f_value: { type: 'number' },
        f_opportunity: { type: 'string' },
      },
    },
    uiSchema: {},
    fields: {
      f_subject: { kind: 'text', label: 'Subject' },
      f_value: { kind: 'money', label: 'Value' },
      f_opportunity: { kind: 'text', label: 'Opportunity id' },
    },
  };
}

/** A flow graph from `[id, type, data]` nodes and `[source, target, data]` edges. */
export function flowGraph(
  mode: FlowDefinition['mode'],
  formId: string | undefined,
  nodes: Array<[string, string, Record<string, unknown>?]>,
  edges: Array<[string, string, FlowEdge['data']?]>,
): FlowDefinition {
  return {
    mode,
    ...(formId ? { formId } : {}),
    nodes: nodes.map(([id, type, data], i): FlowNode => ({
      id,
      type,
      position: { x: 0, y: i * 120 },
      data: data ?? {},
    })),
    edges: edges.map(([source, target, data], i) => ({ id: `e${i}`, source, target, ...(data ? { data } : {}) })),
  };
}

function expectStatus(what: string, answer: { status: number; body: ApiBody }, status: number): ApiBody {
  if (answer.status !== status) throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

export async function openFlowsWorld(
  options: { queue?: JobQueue; env?: TestAppOptions['env'] } = {},
): Promise<FlowsWorld> {
  const t = await createTestApp({ queue: options.queue, env: options.env });
  const admin = injectCall(t.app, t.adminToken);
  const anonymous = injectCall(t.app, null);
  const role = async (name: string) =>
    String(expectStatus(`role ${name}`, await admin('POST', '/api/org/roles', { name, permissions: [] }), 201).id);
  const roles = { director: await role('Director'), finance: await role('Finance') };
  const people = {} as FlowsWorld['ids'];
  const calls = {} as FlowsWorld['as'];
  const make = async (name: keyof FlowsWorld['ids'], extra: { roleIds?: string[] } = {}) => {
    const u = await signedInUser(admin, anonymous, name, extra);
    people[name] = u.id;
    calls[name] = injectCall(t.app, u.token);
  };
  await make('dan', { roleIds: [roles.director] });
  await make('mia');
  await make('ann');
  await make('bob');
  await make('fay', { roleIds: [roles.finance] });
  await make('fox', { roleIds: [roles.finance] });
  await make('sam');
  for (const [who, manager] of [
    ['mia', 'dan'],
    ['ann', 'mia'],
    ['bob', 'mia'],
  ] as const)
    expectStatus('manager', await admin('PATCH', `/api/org/users/${people[who]}`, { managerId: people[manager] }), 200);

  const app = expectStatus('app', await admin('POST', '/api/apps', { name: 'Operations' }), 201);
  const appId = String(app.id);
  expectStatus(
    'members',
    await admin('PATCH', `/api/apps/${appId}`, { members: { users: Object.values(people) } }),
    200,
  );
  const form = async (name: string, definition: FormDefinition) => {
    const created = expectStatus(name, await admin('POST', `/api/apps/${appId}/forms`, { name, definition }), 201);
    const formId = String(created.id);
    expectStatus('publish', await admin('POST', `/api/forms/${formId}/publish`, {}), 201);
    return formId;
  };
  const forms = {
    purchase: await form('Purchase requests', purchaseDefinition()),
    opportunity: await form('Opportunities', opportunityDefinition()),
    followup: await form('Follow-ups', followupDefinition()),
  };
  // Members may create and read their own purchase requests and opportunities.
  for (const formId of [forms.purchase, forms.opportunity])
    expectStatus(
      'permissions',
      await admin('PUT', `/api/forms/${formId}/permissions`, {
        groups: [
          {
            id: 'g1',
            name: 'Members',
            subjects: { everyone: true },
            actions: ['create', 'read', 'update'],
            scope: 'own',
          },
        ],
      }),
      200,
    );

  const published: string[] = [];
  return {
    t,
    admin,
    as: calls,
    ids: people,
    appId,
    forms,
    roles,
    async publishFlow(name, definition) {
      const created = expectStatus(
        `flow ${name}`,
        await admin('POST', `/api/apps/${appId}/flows`, {
          name,
          mode: definition.mode,
          formId: definition.formId,
          definition,
        }),
        201,
      );
      const flowId = String(created.id);
      expectStatus(`publish ${name}`, await admin('POST', `/api/flows/${flowId}/publish`, {}), 201);
      published.push(flowId);
      return flowId;
    },
    async disableFlows() {
      for (const flowId of published.splice(0))
        expectStatus('disable', await admin('PUT', `/api/flows/${flowId}/enabled`, { enabled: false }), 200);
    },
    close: () => t.close(),
  };
}

/** Polls `check` until it returns something truthy (10 s). */
export async function until<T>(what: string, check: () => Promise<T | null | undefined | false>): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The first item of `call`'s to-do box (optionally of one instance), once it is there. */
export async function nextTodo(call: Call, instanceId?: string): Promise<ApiBody> {
  return until('a task in the inbox', async () => {
    const page = await call('GET', '/api/flow-inbox/todo');
    return page.body.items?.find((i) => instanceId === undefined || i.instanceId === instanceId);
  });
}
