import type { FieldMeta, FormDefinition } from '@formloom/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAppAndRecordRoutes } from '../../platform/src/records/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { customerDefinition, injectCall, publishedForm, signedInUser, type Call } from './records-fixtures.js';

let t: TestApp;
let admin: Call;
let anonymous: Call;
let bob: { id: string; call: Call };

beforeAll(async () => {
  t = await createTestApp({ registerRoutes: [registerAppAndRecordRoutes], loginRateLimit: 1000 });
  admin = injectCall(t.app, t.adminToken);
  anonymous = injectCall(t.app, null);
  const user = await signedInUser(admin, anonymous, 'bob');
  bob = { id: user.id, call: injectCall(t.app, user.token) };
});

afterAll(async () => {
  await t.close();
});

function withCity(definition: FormDefinition): FormDefinition {
  definition.schema.properties.f_city = { type: 'string' };
  definition.fields.f_city = { kind: 'text', label: 'City' };
  return definition;
}

describe('apps', () => {
  it('shows an app only to its members and lets only managers change it', async () => {
    const created = await admin('POST', '/api/apps', { name: '  CRM  ', description: 'Customers' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'CRM', canManage: true, deletedAt: null });
    const appId = String(created.body.id);

    expect((await bob.call('GET', '/api/apps')).body.items?.map((a) => a.id)).not.toContain(appId);
    expect((await bob.call('GET', `/api/apps/${appId}`)).status).toBe(404);
    expect((await bob.call('POST', '/api/apps', { name: 'Mine' })).status).toBe(403);

    const shared = await admin('PATCH', `/api/apps/${appId}`, { members: { users: [bob.id] } });
    expect(shared.status).toBe(200);
    const seen = await bob.call('GET', '/api/apps');
    expect(seen.body.items?.find((a) => a.id === appId)).toMatchObject({ name: 'CRM', canManage: false });
    expect((await bob.call('PATCH', `/api/apps/${appId}`, { name: 'Hijacked' })).status).toBe(403);
    expect((await bob.call('DELETE', `/api/apps/${appId}`)).status).toBe(403);
  });

  it('moves an app to the recycle bin and back', async () => {
    const appId = String((await admin('POST', '/api/apps', { name: 'Temporary' })).body.id);
    expect((await admin('DELETE', `/api/apps/${appId}`)).status).toBe(200);
    expect((await admin('GET', `/api/apps/${appId}`)).status).toBe(404);
    expect((await admin('GET', '/api/apps')).body.items?.map((a) => a.id)).not.toContain(appId);
    expect((await admin('GET', '/api/apps/bin')).body.items?.map((a) => a.id)).toContain(appId);
    expect((await admin('POST', `/api/apps/${appId}/restore`)).status).toBe(200);
    expect((await admin('GET', `/api/apps/${appId}`)).status).toBe(200);
  });

  it('makes members of the roles and departments an app is shared with', async () => {
    const role = await admin('POST', '/api/org/roles', { name: 'Sales team', permissions: [] });
    expect(role.status).toBe(201);
    const dept = await admin('POST', '/api/org/departments', { name: 'East' });
    expect(dept.status).toBe(201);
    const carol = await signedInUser(admin, anonymous, 'carol', { roleIds: [String(role.body.id)] });
    const dave = await signedInUser(admin, anonymous, 'dave', { deptIds: [String(dept.body.id)] });
    const appId = String(
      (
        await admin('POST', '/api/apps', {
          name: 'Shared',
          members: { roles: [role.body.id], departments: [dept.body.id] },
        })
      ).body.id,
    );
    for (const token of [carol.token, dave.token]) {
      const seen = await injectCall(t.app, token)('GET', `/api/apps/${appId}`);
      expect(seen.status).toBe(200);
      expect(seen.body.canManage).toBe(false);
    }
    expect((await bob.call('GET', `/api/apps/${appId}`)).status).toBe(404);
  });

  it('reorders apps', async () => {
    const a = String((await admin('POST', '/api/apps', { name: 'First' })).body.id);
    const b = String((await admin('POST', '/api/apps', { name: 'Second' })).body.id);
    expect((await admin('POST', '/api/apps/reorder', { appIds: [b, a] })).status).toBe(200);
    const ids = (await admin('GET', '/api/apps')).body.items?.map((x) => x.id) ?? [];
    expect(ids.indexOf(b)).toBeLessThan(ids.indexOf(a));
  });
});

describe('forms, drafts and published versions', () => {
  it('rejects a bad definition with details naming the field and the rule', async () => {
    const appId = String((await admin('POST', '/api/apps', { name: 'Bad forms' })).body.id);
    const definition = customerDefinition();
    definition.fields.f_rating = { kind: 'no_such_kind', label: 'Rating' };
    const answer = await admin('POST', `/api/apps/${appId}/forms`, { name: 'Broken', definition });
    expect(answer.status).toBe(400);
    expect(answer.body.error?.code).toBe('VALIDATION_FAILED');
    expect(answer.body.error?.details).toContainEqual(
      expect.objectContaining({ path: 'definition.fields.f_rating.kind', rule: 'unknownKind' }),
    );

    const unstorable = customerDefinition();
    unstorable.schema.properties.f_name = { type: 'string', $comment: 'mongo cannot hold this key' };
    const refused = await admin('POST', `/api/apps/${appId}/forms`, { name: 'Broken', definition: unstorable });
    expect(refused.status).toBe(400);
    expect(refused.body.error?.details).toContainEqual(
      expect.objectContaining({ path: 'definition.schema.properties.f_name.$comment', rule: 'storableKey' }),
    );
  });

  it('saves drafts with optimistic concurrency: a stale revision gets 409', async () => {
    const appId = String((await admin('POST', '/api/apps', { name: 'Drafts' })).body.id);
    const form = await admin('POST', `/api/apps/${appId}/forms`, { name: 'Customers' });
    expect(form.status).toBe(201);
    expect(form.body).toMatchObject({ draftRevision: 1, publishedVersion: null });
    const formId = String(form.body.id);

    const saved = await admin('PUT', `/api/forms/${formId}/draft`, {
      definition: customerDefinition(),
      baseRevision: 1,
    });
    expect(saved.status).toBe(200);
    expect(saved.body.draftRevision).toBe(2);

    const stale = await admin('PUT', `/api/forms/${formId}/draft`, {
      definition: customerDefinition(),
      baseRevision: 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'CONFLICT', currentRevision: 2 });

    const bad = customerDefinition();
    bad.schema.properties.f_amount = { type: 'string' };
    const invalid = await admin('PUT', `/api/forms/${formId}/draft`, { definition: bad, baseRevision: 2 });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error?.details.map((d) => d.path)).toContain('definition.schema.properties.f_amount.type');
    expect((await admin('GET', `/api/forms/${formId}`)).body.draftRevision).toBe(2);
  });

  it('publishes immutable numbered versions and validates records against the latest', async () => {
    const { formId } = await publishedForm(admin);
    const records = `/api/forms/${formId}/records`;
    expect((await admin('GET', `/api/forms/${formId}`)).body.publishedVersion).toBe(1);

    // Until v2 is published, the draft's new field does not exist for records.
    const draft = await admin('PUT', `/api/forms/${formId}/draft`, {
      definition: withCity(customerDefinition()),
      baseRevision: 1,
    });
    expect(draft.status).toBe(200);
    const early = await admin('POST', records, { data: { f_name: 'Early', f_city: 'Lyon' } });
    expect(early.status).toBe(400);
    expect(JSON.stringify(early.body.error?.details)).toContain('f_city');

    const v2 = await admin('POST', `/api/forms/${formId}/publish`, { baseRevision: 2 });
    expect(v2.status).toBe(201);
    expect(v2.body.version).toBe(2);
    const late = await admin('POST', records, { data: { f_name: 'Late', f_city: 'Lyon' } });
    expect(late.status).toBe(201);
    expect(late.body).toMatchObject({ formVersion: 2, data: { f_name: 'Late', f_city: 'Lyon' } });

    const versions = await admin('GET', `/api/forms/${formId}/versions`);
    expect(versions.body.items?.map((v) => v.version)).toEqual([2, 1]);
    const v1 = await admin('GET', `/api/forms/${formId}/versions/1`);
    expect(v1.status).toBe(200);
    expect(Object.keys(v1.body.definition?.fields ?? {})).not.toContain('f_city');
    expect(
      Object.keys((await admin('GET', `/api/forms/${formId}/versions/2`)).body.definition?.fields ?? {}),
    ).toContain('f_city');
    expect((await admin('GET', `/api/forms/${formId}/versions/3`)).status).toBe(404);
    expect((await admin('POST', `/api/forms/${formId}/publish`, { baseRevision: 1 })).status).toBe(409);
    // A bare POST (no body) publishes the draft as it is.
    const bare = await t.app.inject({
      method: 'POST',
      url: `/api/forms/${formId}/publish`,
      headers: t.auth(t.adminToken),
    });
    expect(bare.statusCode).toBe(201);
    expect((await admin('GET', `/api/forms/${formId}`)).body.publishedVersion).toBe(3);
  });

  it('refuses to publish a change of a published field’s kind', async () => {
    const { formId } = await publishedForm(admin);
    const changed = customerDefinition();
    changed.schema.properties.f_rating = { type: 'string' };
    changed.fields.f_rating = { kind: 'text', label: 'Rating' };
    expect((await admin('PUT', `/api/forms/${formId}/draft`, { definition: changed, baseRevision: 1 })).status).toBe(
      200,
    );
    const refused = await admin('POST', `/api/forms/${formId}/publish`, {});
    expect(refused.status).toBe(400);
    expect(refused.body.error?.details).toContainEqual(
      expect.objectContaining({ path: 'definition.fields.f_rating.kind', rule: 'kindChange' }),
    );
    expect((await admin('GET', `/api/forms/${formId}`)).body.publishedVersion).toBe(1);
  });

  it('refuses a bad data-linkage default on a subform column on save and publish, naming the column and the rule', async () => {
    const appId = String((await admin('POST', '/api/apps', { name: 'Column linkage' })).body.id);
    const stages = await admin('POST', `/api/apps/${appId}/forms`, { name: 'Stages', definition: stagesDefinition() });
    expect(stages.status).toBe(201);
    const stagesId = String(stages.body.id);
    const at = 'definition.fields.items.subform.fields.stage.default';
    const bad: Array<{ change: Record<string, unknown>; path: string; rule: string }> = [
      { change: { formId: '' }, path: `${at}.formId`, rule: 'required' },
      { change: { sourceField: '' }, path: `${at}.sourceField`, rule: 'required' },
      { change: readingField('f_gone'), path: `${at}.condition.cond.0.valueFrom.field`, rule: 'unknownRowField' },
      { change: readingField('stage'), path: `${at}.condition.cond.0.valueFrom.field`, rule: 'unknownRowField' },
    ];

    // Saving a draft: 400 naming the column's default and the rule, the draft left as it was.
    const orders = await admin('POST', `/api/apps/${appId}/forms`, { name: 'Orders' });
    const ordersId = String(orders.body.id);
    for (const { change, path, rule } of bad) {
      const refused = await admin('PUT', `/api/forms/${ordersId}/draft`, {
        definition: ordersWithColumnLinkage(stagesId, change),
        baseRevision: 1,
      });
      expect(refused.status, path).toBe(400);
      expect(refused.body.error?.code).toBe('VALIDATION_FAILED');
      expect(refused.body.error?.details).toContainEqual(expect.objectContaining({ path, rule }));
    }
    const unchanged = await admin('GET', `/api/forms/${ordersId}`);
    expect(unchanged.body).toMatchObject({ draftRevision: 1, publishedVersion: null });

    // Publishing a draft stored before this check: refused the same way, no version written.
    for (const { change, path, rule } of bad) {
      const created = await admin('POST', `/api/apps/${appId}/forms`, { name: 'Old orders' });
      const formId = String(created.body.id);
      await t.store
        .collection<{ _id: string; draft: FormDefinition }>('forms')
        .updateOne({ _id: formId }, { $set: { draft: ordersWithColumnLinkage(stagesId, change) } });
      const refused = await admin('POST', `/api/forms/${formId}/publish`, {});
      expect(refused.status, path).toBe(400);
      expect(refused.body.error?.details).toContainEqual(expect.objectContaining({ path, rule }));
      expect((await admin('GET', `/api/forms/${formId}`)).body.publishedVersion).toBeNull();
      expect((await admin('GET', `/api/forms/${formId}/versions`)).body.items ?? []).toEqual([]);
    }

    // A column default reading a column of its row and a field of the form saves and publishes.
    const good = await admin('PUT', `/api/forms/${ordersId}/draft`, {
      definition: ordersWithColumnLinkage(stagesId, {}),
      baseRevision: 1,
    });
    expect(good.status).toBe(200);
    expect((await admin('POST', `/api/forms/${ordersId}/publish`, {})).status).toBe(201);
  });

  it('moves a form to the recycle bin, where its records cannot be reached, and back', async () => {
    const { appId, formId } = await publishedForm(admin);
    expect((await admin('POST', `/api/forms/${formId}/records`, { data: { f_name: 'Kept' } })).status).toBe(201);
    expect((await admin('DELETE', `/api/forms/${formId}`)).status).toBe(200);
    expect((await admin('GET', `/api/forms/${formId}`)).status).toBe(404);
    expect((await admin('POST', `/api/forms/${formId}/records/query`, {})).status).toBe(404);
    expect((await admin('GET', `/api/apps/${appId}/forms/bin`)).body.items?.map((f) => f.id)).toContain(formId);
    expect((await admin('POST', `/api/forms/${formId}/restore`)).status).toBe(200);
    expect((await admin('POST', `/api/forms/${formId}/records/query`, {})).body.total).toBe(1);
  });
});

describe('form permissions', () => {
  it('denies members without a permission group, then grants what the groups say', async () => {
    const { appId, formId } = await publishedForm(admin);
    const records = `/api/forms/${formId}/records`;
    expect((await bob.call('POST', records, { data: { f_name: 'Nope' } })).status).toBe(403);

    await admin('PATCH', `/api/apps/${appId}`, { members: { users: [bob.id] } });
    expect((await bob.call('GET', `/api/forms/${formId}`)).body).toMatchObject({ draft: null, canEdit: false });
    expect((await bob.call('POST', records, { data: { f_name: 'Nope' } })).status).toBe(403);
    expect((await bob.call('POST', `${records}/query`, {})).status).toBe(403);
    expect((await bob.call('POST', `/api/forms/${formId}/publish`, {})).status).toBe(403);

    const adminRecord = await admin('POST', records, { data: { f_name: 'By admin' } });
    const groups = [
      {
        id: 'sales',
        name: 'Sales reps',
        subjects: { users: [bob.id] },
        actions: ['create', 'read'],
        scope: 'own',
        fields: { readable: ['f_name', 'f_stage'], writable: ['f_name', 'f_stage'] },
      },
    ];
    const set = await admin('PUT', `/api/forms/${formId}/permissions`, { groups });
    expect(set.status).toBe(200);

    const mine = await bob.call('POST', records, { data: { f_name: 'By bob', f_stage: 'lead' } });
    expect(mine.status).toBe(201);
    const page = await bob.call('POST', `${records}/query`, {});
    expect(page.status).toBe(200);
    expect(page.body.items?.map((r) => r.id)).toEqual([mine.body.id]);
    expect(Object.keys(page.body.items?.[0]?.data ?? {}).sort()).toEqual(['f_name', 'f_stage']);
    expect((await bob.call('GET', `${records}/${adminRecord.body.id}`)).status).toBeGreaterThanOrEqual(403);
    expect(
      (await bob.call('PATCH', `${records}/${mine.body.id}`, { baseVersion: 1, data: { f_name: 'x' } })).status,
    ).toBe(403);
    const access = await bob.call('GET', `/api/forms/${formId}/access`);
    expect(access.body).toMatchObject({ full: false, actions: ['create', 'read'] });
  });

  it('validates permission groups: unknown fields and operator injection in scopes are 400', async () => {
    const { formId } = await publishedForm(admin);
    const base = { id: 'g', name: 'G', subjects: { everyone: true }, actions: ['read'] };
    const unknownField = await admin('PUT', `/api/forms/${formId}/permissions`, {
      groups: [{ ...base, scope: 'all', fields: { readable: ['f_nope'] } }],
    });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.error?.details).toContainEqual(
      expect.objectContaining({ path: 'permissionGroups[0].fields.readable[0]', rule: 'unknownField' }),
    );
    const injected = await admin('PUT', `/api/forms/${formId}/permissions`, {
      groups: [
        { ...base, scope: { condition: { rel: 'and', cond: [{ field: 'f_name', method: '$where', value: '1' }] } } },
      ],
    });
    expect(injected.status).toBe(400);
    const duplicate = await admin('PUT', `/api/forms/${formId}/permissions`, {
      groups: [
        { ...base, scope: 'all' },
        { ...base, scope: 'own' },
      ],
    });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.error?.details[0]).toMatchObject({ path: 'permissionGroups[1].id', rule: 'unique' });
  });
});

/** Stages: a code, a customer and the stage name to look up. */
function stagesDefinition(): FormDefinition {
  return {
    schema: {
      type: 'object',
      properties: { s_code: { type: 'string' }, s_customer: { type: 'string' }, s_name: { type: 'string' } },
    },
    uiSchema: {},
    fields: {
      s_code: { kind: 'text', label: 'Code' },
      s_customer: { kind: 'text', label: 'Customer' },
      s_name: { kind: 'text', label: 'Stage' },
    },
  };
}

/** A condition on the stage code taking its value from `field`. */
const readingField = (field: string) => ({
  condition: { rel: 'and', cond: [{ field: 's_code', method: 'eq', valueFrom: { field } }] },
});

/**
 * Orders with item rows whose stage column is looked up in the stages form by the row's code and
 * the order's customer; `change` overrides parts of that linkage default.
 */
function ordersWithColumnLinkage(stagesId: string, change: Record<string, unknown>): FormDefinition {
  return {
    schema: {
      type: 'object',
      properties: { f_customer: { type: 'string' }, items: { type: 'array', items: { type: 'object' } } },
    },
    uiSchema: {},
    fields: {
      f_customer: { kind: 'text', label: 'Customer' },
      items: {
        kind: 'subform',
        label: 'Items',
        subform: {
          fields: {
            code: { kind: 'text', label: 'Code' },
            stage: {
              kind: 'text',
              label: 'Stage',
              default: {
                type: 'linkage',
                formId: stagesId,
                sourceField: 's_name',
                condition: {
                  rel: 'and',
                  cond: [
                    { field: 's_code', method: 'eq', valueFrom: { field: 'code' } },
                    { field: 's_customer', method: 'eq', valueFrom: { field: 'f_customer' } },
                  ],
                },
                ...change,
              } as NonNullable<FieldMeta['default']>,
            },
          },
        },
      },
    },
  };
}
