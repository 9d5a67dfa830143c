import type { FormDefinition } from '@formloom/model';
import { signIn, type E2eApi } from './api-client.js';

/**
 * What the player e2e test needs on the server: a member user, an app they belong to, and a
 * published customer form (Chinese labels, several field kinds, a phone field the server
 * checks) that everyone in the app may create, read and update.
 */
export const MEMBER = { username: 'liwei', password: 'liwei-password-123', displayName: '李伟' };

export function customerForm(): FormDefinition {
  return {
    schema: {
      type: 'object',
      required: ['f_name'],
      properties: {
        f_name: { type: 'string', minLength: 1, maxLength: 100 },
        f_phone: { type: 'string' },
        f_stage: { type: 'string' },
        f_amount: { type: 'number' },
        f_since: { type: 'string', format: 'date' },
        f_vip: { type: 'boolean' },
        f_tags: { type: 'array', items: { type: 'string' } },
        f_notes: { type: 'string', maxLength: 2000 },
      },
    },
    uiSchema: { 'ui:order': ['f_name', 'f_phone', 'f_stage', 'f_amount', 'f_since', 'f_vip', 'f_tags', 'f_notes'] },
    fields: {
      f_name: { kind: 'text', label: '客户名称', placeholder: '公司或个人名称' },
      f_phone: { kind: 'phone', label: '手机号码' },
      f_stage: {
        kind: 'radio',
        label: '阶段',
        options: [
          { value: 'lead', label: '线索' },
          { value: 'deal', label: '商机' },
          { value: 'won', label: '成交' },
        ],
      },
      f_amount: { kind: 'money', label: '预计金额', number: { precision: 2, thousands: true, unit: '元' } },
      f_since: { kind: 'date', label: '首次接触' },
      f_vip: { kind: 'switch', label: '重点客户' },
      f_tags: {
        kind: 'checkbox',
        label: '标签',
        options: [
          { value: 'online', label: '线上' },
          { value: 'referral', label: '转介绍' },
        ],
      },
      f_notes: { kind: 'textarea', label: '备注', description: '内部备注，客户不可见' },
    },
  };
}

export interface CustomerAppOptions {
  member: { username: string; password: string; displayName: string };
  app: { name: string; description: string };
  /** What everyone in the app may do with the customer records. */
  actions: string[];
}

/** Creates the member, an app they belong to and the published customer form; returns the admin's API too. */
export async function createCustomerApp(
  adminPassword: string,
  options: CustomerAppOptions,
): Promise<{ admin: E2eApi; appId: string; formId: string }> {
  const admin = await signIn('admin', adminPassword);
  const user = await admin.call<{ id: string }>('POST', '/api/org/users', options.member);
  const app = await admin.call<{ id: string }>('POST', '/api/apps', {
    ...options.app,
    members: { users: [user.id] },
  });
  const form = await admin.call<{ id: string }>('POST', `/api/apps/${app.id}/forms`, {
    name: '客户',
    definition: customerForm(),
  });
  await admin.call('POST', `/api/forms/${form.id}/publish`, {});
  await admin.call('PUT', `/api/forms/${form.id}/permissions`, {
    groups: [
      { id: 'everyone', name: 'Everyone', subjects: { everyone: true }, actions: options.actions, scope: 'all' },
    ],
  });
  return { admin, appId: app.id, formId: form.id };
}

export async function createPlayerFixture(adminPassword: string): Promise<{ appId: string; formId: string }> {
  const { appId, formId } = await createCustomerApp(adminPassword, {
    member: MEMBER,
    app: { name: '销售管理', description: '客户、商机与回款' },
    actions: ['create', 'read', 'update'],
  });
  return { appId, formId };
}
