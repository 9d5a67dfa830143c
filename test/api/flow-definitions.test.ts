import type { FlowDefinition } from '@formloom/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerFlowDefinitions, type StoreFlowCatalog } from '../../platform/src/flows/definitions/index.js';
import { registerAppAndRecordRoutes } from '../../platform/src/records/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { injectCall, publishedForm, signedInUser, type ApiBody, type Call } from './records-fixtures.js';

let t: TestApp;
let admin: Call;
let anonymous: Call;
let bob: { id: string; call: Call };
let carol: { id: string; call: Call };

beforeAll(async () => {
  t = await createTestApp({
    registerRoutes: [registerAppAndRecordRoutes, registerFlowDefinitions],
    loginRateLimit: 1000,
  });
  admin = injectCall(t.app, t.adminToken);
  anonymous = injectCall(t.app, null);
  const b = await signedInUser(admin, anonymous, 'bob');
  bob = { id: b.id, call: injectCall(t.app, b.token) };
  const c = await signedInUser(admin, anonymous, 'carol');
  carol = { id: c.id, call: injectCall(t.app, c.token) };
});

afterAll(async () => {
  await t.close();
});

const node = (id: string, type: string, data: Record<string, unknown> = {}) => ({
  id,
  type,
  position: { x: 0, y: 0 },
  data,
});
const edge = (source: string, target: string, data?: Record<string, unknown>) => ({
  id: `${source}-${target}`,
  source,
  target,
  ...(data ? { data } : {}),
});

/** start → approval by `approver` → (amount > 10000 ? director approval : default) → end. */
function approvalFlow(formId: string, approver: string, director: string): FlowDefinition {
  return {
    mode: 'process',
    formId,
    nodes: [
      node('start', 'start'),
      node('mgr', 'approval', {
        assignees: { rules: [{ type: 'users', userIds: [approver] }], whenEmpty: 'error' },
        mode: 'any',
      }),
      node('cond', 'condition'),
      node('dir', 'approval', {
        assignees: { rules: [{ type: 'users', userIds: [director] }], whenEmpty: 'admin' },
        mode: 'all',
      }),
      node('end', 'end', { result: 'approved' }),
    ],
    edges: [
      edge('start', 'mgr'),
      edge('mgr', 'cond'),
      edge('cond', 'dir', {
        condition: { rel: 'and', cond: [{ field: 'f_amount', method: 'gt', value: 10000 }] },
        priority: 1,
      }),
      edge('cond', 'end', { isDefault: true }),
      edge('dir', 'end'),
    ],
  } as FlowDefinition;
}

async function processFlow(
  name = 'Approval',
): Promise<{ appId: string; formId: string; flowId: string; flow: ApiBody }> {
  const { appId, formId } = await publishedForm(admin);
  const created = await admin('POST', `/api/apps/${appId}/flows`, { name, mode: 'process', formId });
  expect(created.status).toBe(201);
  return { appId, formId, flowId: String(created.body.id), flow: created.body };
}

const catalog = () => t.app.services.flowCatalog as StoreFlowCatalog;

describe('flow documents', () => {
  it('creates, reads, renames, saves drafts with revisions and lists the flows of an app', async () => {
    const { appId, formId, flowId, flow } = await processFlow('  Purchase approval ');
    expect(flow).toMatchObject({
      name: 'Purchase approval',
      mode: 'process',
      formId,
      draftRevision: 1,
      publishedVersion: null,
      enabled: true,
    });
    expect((flow.draft as FlowDefinition).nodes.map((n) => n.type)).toEqual(['start', 'end']);

    const saved = await admin('PUT', `/api/flows/${flowId}/draft`, {
      definition: approvalFlow(formId, bob.id, carol.id),
      baseRevision: 1,
    });
    expect(saved.status).toBe(200);
    expect(saved.body.draftRevision).toBe(2);
    const read = await admin('GET', `/api/flows/${flowId}`);
    expect((read.body.draft as FlowDefinition).nodes).toHaveLength(5);

    expect((await admin('PATCH', `/api/flows/${flowId}`, { name: 'Purchases' })).body.name).toBe('Purchases');
    const listed = await admin('GET', `/api/apps/${appId}/flows`);
    expect(listed.body.items?.map((f) => [f.id, f.name])).toEqual([[flowId, 'Purchases']]);
    expect(listed.body.items?.[0]).not.toHaveProperty('draft');
  });

  it('answers 409 to a draft saved on a stale revision and keeps the newer one', async () => {
    const { formId, flowId } = await processFlow();
    const first = approvalFlow(formId, bob.id, carol.id);
    expect((await admin('PUT', `/api/flows/${flowId}/draft`, { definition: first, baseRevision: 1 })).status).toBe(200);
    const stale = await admin('PUT', `/api/flows/${flowId}/draft`, {
      definition: approvalFlow(formId, carol.id, bob.id),
      baseRevision: 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'CONFLICT', currentRevision: 2 });
    expect(stale.body.error?.details).toContainEqual(
      expect.objectContaining({ path: 'baseRevision', rule: 'staleRevision' }),
    );
    const kept = (await admin('GET', `/api/flows/${flowId}`)).body.draft as FlowDefinition;
    expect(kept.nodes[1].data).toMatchObject({ assignees: { rules: [{ userIds: [bob.id] }] } });
  });

  it('saves half-configured drafts but refuses documents that are not flows, naming path and rule', async () => {
    const { formId, flowId } = await processFlow();
    const halfDone = approvalFlow(formId, bob.id, carol.id);
    halfDone.nodes[1].data = { mode: 'any' };
    expect((await admin('PUT', `/api/flows/${flowId}/draft`, { definition: halfDone, baseRevision: 1 })).status).toBe(
      200,
    );

    const unknownKind = approvalFlow(formId, bob.id, carol.id);
    unknownKind.nodes[2].type = 'teleport';
    const refused = await admin('PUT', `/api/flows/${flowId}/draft`, { definition: unknownKind, baseRevision: 2 });
    expect(refused.status).toBe(400);
    expect(refused.body.error?.details).toContainEqual(
      expect.objectContaining({ path: 'definition.nodes.2.type', rule: 'unknownKind' }),
    );

    const unstorable = approvalFlow(formId, bob.id, carol.id);
    unstorable.nodes[0].data = { $where: 'sleep(1000)' };
    const refusedKey = await admin('PUT', `/api/flows/${flowId}/draft`, { definition: unstorable, baseRevision: 2 });
    expect(refusedKey.status).toBe(400);
    expect(refusedKey.body.error?.details).toContainEqual(expect.objectContaining({ rule: 'storableKey' }));
    expect((await admin('GET', `/api/flows/${flowId}`)).body.draftRevision).toBe(2);
  });

  it('lints a draft or an unsaved definition with the org and the app’s forms', async () => {
    const { formId, flowId } = await processFlow();
    const broken = approvalFlow(formId, 'u_nobody', carol.id);
    broken.edges[3] = edge('cond', 'end', {
      condition: { rel: 'and', cond: [{ field: 'f_ghost', method: 'empty' }] },
    }) as never;
    const answer = await admin('POST', `/api/flows/${flowId}/lint`, { definition: broken });
    expect(answer.status).toBe(200);
    expect(answer.body.hasErrors).toBe(true);
    const problems = answer.body.problems as Array<{ code: string; nodeId?: string; params: Record<string, unknown> }>;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'condition.default', nodeId: 'cond' }),
        expect.objectContaining({ code: 'assignees.unknownUser', nodeId: 'mgr', params: { id: 'u_nobody' } }),
        expect.objectContaining({ code: 'invalid', params: expect.objectContaining({ rule: 'unknownField' }) }),
      ]),
    );
    // Without a body, the saved draft (start → end) is linted: nothing wrong with it.
    const draft = await t.app.inject({
      method: 'POST',
      url: `/api/flows/${flowId}/lint`,
      headers: t.auth(t.adminToken),
    });
    expect(JSON.parse(draft.body)).toEqual({ problems: [], hasErrors: false });
  });

  it('refuses to publish while the linter finds errors, listing every problem, and publishes nothing', async () => {
    const { formId, flowId } = await processFlow();
    const broken = approvalFlow(formId, 'u_nobody', carol.id);
    broken.edges = broken.edges.filter((e) => e.id !== 'cond-end');
    broken.nodes.push(
      node('lonely', 'cc', { assignees: { rules: [{ type: 'roles', roleIds: ['no_such_role'] }], whenEmpty: 'skip' } }),
    );
    expect((await admin('PUT', `/api/flows/${flowId}/draft`, { definition: broken, baseRevision: 1 })).status).toBe(
      200,
    );
    const refused = await admin('POST', `/api/flows/${flowId}/publish`, {});
    expect(refused.status).toBe(400);
    expect(refused.body.error?.code).toBe('VALIDATION_FAILED');
    const rules = refused.body.error?.details.map((d) => d.rule);
    expect(rules).toEqual(
      expect.arrayContaining([
        'condition.branches',
        'condition.default',
        'node.orphan',
        'assignees.unknownUser',
        'assignees.unknownRole',
      ]),
    );
    expect(refused.body.error?.problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'node.orphan', nodeId: 'lonely' })]),
    );
    expect((await admin('GET', `/api/flows/${flowId}`)).body.publishedVersion).toBeNull();
    expect((await admin('GET', `/api/flows/${flowId}/versions`)).body.items).toEqual([]);
  });

  it('publishes immutable numbered versions and counts the instances running on each', async () => {
    const { formId, flowId } = await processFlow();
    const v1Definition = approvalFlow(formId, bob.id, carol.id);
    await admin('PUT', `/api/flows/${flowId}/draft`, { definition: v1Definition, baseRevision: 1 });
    const v1 = await admin('POST', `/api/flows/${flowId}/publish`, { baseRevision: 2 });
    expect(v1.status).toBe(201);
    expect(v1.body).toMatchObject({ flowId, version: 1 });

    const v2Definition = approvalFlow(formId, carol.id, bob.id);
    await admin('PUT', `/api/flows/${flowId}/draft`, { definition: v2Definition, baseRevision: 2 });
    expect((await admin('POST', `/api/flows/${flowId}/publish`, { baseRevision: 2 })).status).toBe(409);
    expect((await admin('POST', `/api/flows/${flowId}/publish`, { baseRevision: 3 })).body.version).toBe(2);

    const old = await admin('GET', `/api/flows/${flowId}/versions/1`);
    expect((old.body.definition as unknown as FlowDefinition).nodes[1].data).toMatchObject({
      assignees: { rules: [{ userIds: [bob.id] }] },
    });
    expect((await admin('GET', `/api/flows/${flowId}/versions/3`)).status).toBe(404);

    const instances = t.store.collection('flow_instances');
    await instances.insertMany([
      { _id: 'i1', flowId, version: 1, status: 'running' },
      { _id: 'i2', flowId, version: 1, status: 'running' },
      { _id: 'i3', flowId, version: 1, status: 'approved' },
      { _id: 'i4', flowId, version: 2, status: 'running' },
    ]);
    const versions = await admin('GET', `/api/flows/${flowId}/versions`);
    expect(versions.body.items?.map((v) => [v.version, v.runningInstances])).toEqual([
      [2, 1],
      [1, 2],
    ]);
    // The runtime's catalog sees the newest version, and keeps serving the old one to its instances.
    expect((await catalog().processFlowsOfForm(formId)).map((f) => f.version)).toEqual([2]);
    expect((await catalog().get(flowId, 1))?.definition.nodes[1].data).toMatchObject({
      assignees: { rules: [{ userIds: [bob.id] }] },
    });
  });

  it('lets only the app’s managers see or change flows', async () => {
    const { appId, formId, flowId } = await processFlow();
    await admin('PATCH', `/api/apps/${appId}`, { members: { users: [bob.id] } });
    const definition = approvalFlow(formId, bob.id, carol.id);
    for (const [method, url, body] of [
      ['GET', `/api/apps/${appId}/flows`, undefined],
      ['POST', `/api/apps/${appId}/flows`, { name: 'Mine', mode: 'process', formId }],
      ['GET', `/api/flows/${flowId}`, undefined],
      ['PUT', `/api/flows/${flowId}/draft`, { definition, baseRevision: 1 }],
      ['POST', `/api/flows/${flowId}/publish`, {}],
      ['PUT', `/api/flows/${flowId}/enabled`, { enabled: false }],
      ['DELETE', `/api/flows/${flowId}`, undefined],
    ] as const) {
      expect((await bob.call(method, url, body)).status, `member ${method} ${url}`).toBe(403);
      expect((await carol.call(method, url, body)).status, `stranger ${method} ${url}`).toBe(404);
      expect((await anonymous(method, url, body)).status, `anonymous ${method} ${url}`).toBe(401);
    }
    expect((await admin('GET', `/api/flows/${flowId}`)).body.draftRevision).toBe(1);
  });

  it('runs at most one enabled process flow per form', async () => {
    const { appId, formId, flowId: first } = await processFlow('First');
    await admin('PUT', `/api/flows/${first}/draft`, {
      definition: approvalFlow(formId, bob.id, carol.id),
      baseRevision: 1,
    });
    expect((await admin('POST', `/api/flows/${first}/publish`, {})).status).toBe(201);
    const second = String(
      (await admin('POST', `/api/apps/${appId}/flows`, { name: 'Second', mode: 'process', formId })).body.id,
    );
    await admin('PUT', `/api/flows/${second}/draft`, {
      definition: approvalFlow(formId, carol.id, bob.id),
      baseRevision: 1,
    });

    const clash = await admin('POST', `/api/flows/${second}/publish`, {});
    expect(clash.status).toBe(409);
    expect(clash.body.error).toMatchObject({
      flowId: first,
      details: [expect.objectContaining({ rule: 'oneProcessFlowPerForm' })],
    });

    expect((await admin('PUT', `/api/flows/${first}/enabled`, { enabled: false })).body.enabled).toBe(false);
    expect(await catalog().processFlowsOfForm(formId)).toEqual([]);
    expect((await admin('POST', `/api/flows/${second}/publish`, {})).status).toBe(201);
    expect((await catalog().processFlowsOfForm(formId)).map((f) => f.flowId)).toEqual([second]);
    expect((await admin('PUT', `/api/flows/${first}/enabled`, { enabled: true })).status).toBe(409);
    expect((await admin('GET', `/api/flows/${first}`)).body.enabled).toBe(false);
  });

  it('moves a flow to the recycle bin (it stops starting) and restores it disabled', async () => {
    const { appId, formId, flowId } = await processFlow();
    await admin('PUT', `/api/flows/${flowId}/draft`, {
      definition: approvalFlow(formId, bob.id, carol.id),
      baseRevision: 1,
    });
    await admin('POST', `/api/flows/${flowId}/publish`, {});
    expect(await catalog().latest(flowId)).not.toBeNull();
    expect((await admin('DELETE', `/api/flows/${flowId}`)).status).toBe(200);
    expect((await admin('GET', `/api/flows/${flowId}`)).status).toBe(404);
    expect((await admin('GET', `/api/apps/${appId}/flows`)).body.items).toEqual([]);
    expect(await catalog().latest(flowId)).toBeNull();
    const restored = await admin('POST', `/api/flows/${flowId}/restore`);
    expect(restored.body).toMatchObject({ id: flowId, enabled: false, publishedVersion: 1 });
  });

  it('stops offering the flows of an app in the recycle bin', async () => {
    const { appId, formId, flowId } = await processFlow();
    await admin('PUT', `/api/flows/${flowId}/draft`, {
      definition: approvalFlow(formId, bob.id, carol.id),
      baseRevision: 1,
    });
    await admin('POST', `/api/flows/${flowId}/publish`, {});
    expect((await catalog().processFlowsOfForm(formId)).map((f) => f.flowId)).toEqual([flowId]);
    expect((await admin('DELETE', `/api/apps/${appId}`)).status).toBe(200);
    expect(await catalog().processFlowsOfForm(formId)).toEqual([]);
    expect(await catalog().latest(flowId)).toBeNull();
    expect((await admin('POST', `/api/apps/${appId}/restore`)).status).toBe(200);
    expect((await catalog().processFlowsOfForm(formId)).map((f) => f.flowId)).toEqual([flowId]);
  });

  it('refuses references to forms of another app', async () => {
    const { formId: foreignForm } = await publishedForm(admin);
    const { formId, flowId } = await processFlow();
    const definition = approvalFlow(formId, bob.id, carol.id);
    definition.nodes.push(
      node('copy', 'create_record', { formId: foreignForm, fieldMap: { f_name: { from: 'value', value: 'x' } } }),
    );
    definition.edges = definition.edges.filter((e) => e.id !== 'dir-end');
    definition.edges.push(edge('dir', 'copy'), edge('copy', 'end'));
    await admin('PUT', `/api/flows/${flowId}/draft`, { definition, baseRevision: 1 });
    const refused = await admin('POST', `/api/flows/${flowId}/publish`, {});
    expect(refused.status).toBe(400);
    expect(refused.body.error?.details).toContainEqual(
      expect.objectContaining({ path: 'nodes.5.data.formId', rule: 'unknownForm' }),
    );
  });

  it('publishes an automation and lists it for its trigger', async () => {
    const { appId, formId } = await publishedForm(admin);
    const created = await admin('POST', `/api/apps/${appId}/flows`, { name: 'Follow-up', mode: 'automation', formId });
    expect(created.status).toBe(201);
    const flowId = String(created.body.id);
    expect((await admin('POST', `/api/flows/${flowId}/publish`, {})).status).toBe(201);
    expect((await catalog().automationsOf('record_created', formId)).map((f) => f.flowId)).toEqual([flowId]);
    expect(await catalog().automationsOf('record_updated', formId)).toEqual([]);
  });

  it('dry-runs a draft for sample data or an existing record without writing anything', async () => {
    const { appId, formId, flowId } = await processFlow();
    await admin('PUT', `/api/flows/${flowId}/draft`, {
      definition: approvalFlow(formId, bob.id, carol.id),
      baseRevision: 1,
    });
    const big = await admin('POST', `/api/flows/${flowId}/dry-run`, { data: { f_amount: 25000 } });
    expect(big.status).toBe(200);
    expect(big.body.visitedNodes).toEqual(['start', 'mgr', 'cond', 'dir', 'end']);
    const steps = big.body.steps as Array<{ nodeId: string; assignees?: unknown; branch?: { evaluations: unknown[] } }>;
    expect(steps.find((s) => s.nodeId === 'mgr')?.assignees).toEqual([
      { path: 'assignees', resolution: { outcome: 'assigned', userIds: [bob.id], via: 'rules' } },
    ]);
    expect(steps.find((s) => s.nodeId === 'cond')?.branch?.evaluations).toEqual([
      { edgeId: 'cond-dir', matched: true, isDefault: false },
      { edgeId: 'cond-end', matched: false, isDefault: true },
    ]);

    const record = await admin('POST', `/api/forms/${formId}/records`, { data: { f_name: 'Small', f_amount: 500 } });
    expect(record.status).toBe(201);
    const small = await admin('POST', `/api/flows/${flowId}/dry-run`, { recordId: record.body.id });
    expect(small.body.visitedNodes).toEqual(['start', 'mgr', 'cond', 'end']);
    expect(small.body.ended).toEqual({ nodeId: 'end', result: 'approved' });
    expect((await admin('GET', `/api/flows/${flowId}/versions`)).body.items).toEqual([]);
    expect(await t.store.collection('flow_instances').countDocuments({ flowId })).toBe(0);

    await admin('PATCH', `/api/apps/${appId}`, { members: { users: [bob.id] } });
    expect((await bob.call('POST', `/api/flows/${flowId}/dry-run`, { data: {} })).status).toBe(403);
  });

  it('serves the node-kind palette', async () => {
    const kinds = await bob.call('GET', '/api/flow-node-kinds');
    expect(kinds.status).toBe(200);
    expect((kinds.body.items as Array<{ kind: string; category: string }>).map((k) => k.kind)).toEqual(
      expect.arrayContaining(['start', 'approval', 'condition', 'parallel', 'join', 'end']),
    );
  });
});
