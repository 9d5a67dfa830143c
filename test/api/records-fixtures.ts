import type { FormDefinition } from '@formloom/model';
import type { Dispatcher, Pool } from 'undici';

/**
 * Shared by the API, security, concurrency, durability and bench suites: a customer form of
 * ten value fields (text, unique email, serial, select, money, date, number, switch, textarea,
 * multiselect) and a tiny HTTP client abstraction so the same setup runs through Fastify's
 * inject and through real HTTP.
 */
export function customerDefinition(): FormDefinition {
  return {
    schema: {
      type: 'object',
      required: ['f_name'],
      properties: {
        f_name: { type: 'string', minLength: 1, maxLength: 100 },
        f_email: { type: 'string', format: 'email' },
        f_no: { type: 'string' },
        f_stage: { type: 'string' },
        f_amount: { type: 'number' },
        f_since: { type: 'string', format: 'date' },
        f_rating: { type: 'number', minimum: 0, maximum: 5 },
        f_active: { type: 'boolean' },
        f_notes: { type: 'string', maxLength: 2000 },
        f_tags: { type: 'array', items: { type: 'string' } },
      },
    },
    uiSchema: { 'ui:order': ['f_name', 'f_email', 'f_no', '*'] },
    fields: {
      f_name: { kind: 'text', label: 'Name' },
      f_email: { kind: 'email', label: 'Email', unique: true },
      f_no: { kind: 'serial', label: 'Customer no.', serial: { pattern: 'CUS-{YYYY}-{0000}' } },
      f_stage: {
        kind: 'select',
        label: 'Stage',
        options: [
          { value: 'lead', label: 'Lead' },
          { value: 'won', label: 'Won' },
          { value: 'lost', label: 'Lost' },
        ],
      },
      f_amount: { kind: 'money', label: 'Amount' },
      f_since: { kind: 'date', label: 'Customer since' },
      f_rating: { kind: 'number', label: 'Rating' },
      f_active: { kind: 'switch', label: 'Active' },
      f_notes: { kind: 'textarea', label: 'Notes' },
      f_tags: {
        kind: 'multiselect',
        label: 'Tags',
        options: [
          { value: 'vip', label: 'VIP' },
          { value: 'partner', label: 'Partner' },
        ],
      },
    },
  };
}

/** The parts of API answers the suites look at (every field optional: one type for every route). */
export interface ApiBody {
  id?: string;
  version?: number;
  formVersion?: number;
  draftRevision?: number;
  publishedVersion?: number | null;
  data?: Record<string, unknown>;
  items?: ApiBody[];
  total?: number | null;
  nextCursor?: string | null;
  created?: ApiBody[];
  updated?: ApiBody[];
  deleted?: number;
  action?: string;
  changes?: Array<{ field: string; from?: unknown; to?: unknown }>;
  definition?: FormDefinition;
  token?: string;
  error?: {
    code: string;
    message: string;
    details: Array<{ path: string; rule: string; message: string }>;
    current?: ApiBody;
    [extra: string]: unknown;
  };
  [key: string]: unknown;
}

export interface HttpAnswer {
  status: number;
  body: ApiBody;
}

/** One HTTP call: method, path, JSON body, extra headers. */
export type Call = (
  method: string,
  url: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<HttpAnswer>;

/** Creates an app and a form with `definition`, publishes it, and returns their ids. */
export async function publishedForm(
  call: Call,
  definition: FormDefinition = customerDefinition(),
): Promise<{ appId: string; formId: string }> {
  const app = await call('POST', '/api/apps', { name: 'Sales' });
  if (app.status !== 201) throw new Error(`create app: ${app.status} ${JSON.stringify(app.body)}`);
  const form = await call('POST', `/api/apps/${app.body.id}/forms`, { name: 'Customers', definition });
  if (form.status !== 201) throw new Error(`create form: ${form.status} ${JSON.stringify(form.body)}`);
  const published = await call('POST', `/api/forms/${form.body.id}/publish`, {});
  if (published.status !== 201) throw new Error(`publish: ${published.status} ${JSON.stringify(published.body)}`);
  return { appId: String(app.body.id), formId: String(form.body.id) };
}

/** A Call over real HTTP through an undici Pool (concurrency, durability and bench suites). */
export function httpCall(pool: Pool, token: string | null): Call {
  return async (method, url, body, headers = {}) => {
    const answer = await pool.request({
      method: method as Dispatcher.HttpMethod,
      path: url,
      headers: {
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await answer.body.text();
    return { status: answer.statusCode, body: text.length === 0 ? {} : (JSON.parse(text) as ApiBody) };
  };
}

/** Anything with Fastify's `inject` (the app under test). */
export interface Injectable {
  inject(options: {
    method: Dispatcher.HttpMethod;
    url: string;
    payload?: string;
    headers?: Record<string, string>;
  }): Promise<{ statusCode: number; body: string }>;
}

/** A Call through Fastify's inject, as `token`'s bearer (null = anonymous). */
export function injectCall(app: Injectable, token: string | null): Call {
  return async (method, url, body, headers = {}) => {
    const answer = await app.inject({
      method: method as Dispatcher.HttpMethod,
      url,
      headers: {
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
    return {
      status: answer.statusCode,
      body: answer.body.length === 0 ? {} : (JSON.parse(answer.body) as ApiBody),
    };
  };
}

/** Creates a user through the org API (as an admin) and signs them in; returns their id and token. */
export async function signedInUser(
  admin: Call,
  anonymous: Call,
  username: string,
  extra: { roleIds?: string[]; deptIds?: string[] } = {},
): Promise<{ id: string; token: string }> {
  const password = `${username}-password-123`;
  const created = await admin('POST', '/api/org/users', { username, password, displayName: username, ...extra });
  if (created.status !== 201) throw new Error(`create user: ${created.status} ${JSON.stringify(created.body)}`);
  const login = await anonymous('POST', '/api/auth/login', { username, password });
  if (login.status !== 200 || typeof login.body.token !== 'string') {
    throw new Error(`login: ${login.status} ${JSON.stringify(login.body)}`);
  }
  return { id: String(created.body.id), token: login.body.token };
}
