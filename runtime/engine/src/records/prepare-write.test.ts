import type { FormDefinition, PublishedFormVersion } from '@formloom/model';
import { describe, expect, it } from 'vitest';
import { fieldKinds } from '../fields/registry.js';
import { compileForm } from './compiled-form.js';
import { prepareWrite, type WriteOptions } from './prepare-write.js';

const definition: FormDefinition = {
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['f_title', 'f_no', 'f_why'],
    properties: {
      f_title: { type: 'string' },
      f_no: { type: 'string' },
      f_status: { type: 'string' },
      f_why: { type: 'string' },
      f_total: { type: 'number' },
    },
  },
  uiSchema: {},
  fields: {
    f_title: { kind: 'text', label: 'Title' },
    f_no: { kind: 'serial', label: 'No', serial: { pattern: 'T-{000}' } },
    f_status: {
      kind: 'radio',
      label: 'Status',
      options: [
        { value: 'open', label: 'Open' },
        { value: 'closed', label: 'Closed' },
      ],
      default: { type: 'static', value: 'open' },
    },
    f_why: {
      kind: 'text',
      label: 'Why closed',
      visibility: { rel: 'and', cond: [{ field: 'f_status', method: 'eq', value: 'closed' }] },
    },
    f_total: { kind: 'money', label: 'Total' },
  },
};
const published: PublishedFormVersion = {
  formId: 'tickets',
  appId: 'a',
  version: 3,
  definition,
  publishedAt: '2026-11-23T00:00:00.000Z',
  publishedBy: null,
};
const form = compileForm(published, fieldKinds);
const options = (over: Partial<WriteOptions> = {}): WriteOptions => ({
  existing: null,
  writable: null,
  system: {},
  ctx: { userId: 'u', deptIds: [], now: new Date('2026-11-23T00:00:00Z') },
  ...over,
});
const failing = (input: unknown, over: Partial<WriteOptions> = {}) => {
  try {
    prepareWrite(form, input, options(over));
  } catch (e) {
    return e as { code: string; details: Array<{ path: string; rule: string }> };
  }
  throw new Error('expected a failure');
};

describe('prepareWrite', () => {
  it('applies static defaults, skips server-computed input and does not require hidden or computed fields', () => {
    const { data, touched } = prepareWrite(form, { f_title: ' Printer ', f_no: 'X', f_total: 9.999 }, options());
    expect(data).toEqual({ f_title: 'Printer', f_status: 'open', f_total: 10 });
    expect(touched.sort()).toEqual(['f_status', 'f_title', 'f_total']);
  });

  it('requires a field once its visibility rule shows it', () => {
    const e = failing({ f_title: 'x', f_status: 'closed' });
    expect(e.details).toEqual([expect.objectContaining({ path: 'data.f_why', rule: 'required' })]);
  });

  it('clears a hidden value and merges onto the stored record on update', () => {
    const existing = { _id: 'r', f_title: 'Old', f_no: 'T-001', f_status: 'closed', f_why: 'fixed', f_total: 1 };
    const { data, touched } = prepareWrite(form, { f_status: 'open', f_total: null }, options({ existing }));
    expect(data).toEqual({ f_title: 'Old', f_status: 'open' });
    expect(touched.sort()).toEqual(['f_status', 'f_total', 'f_why']);
  });

  it('names unknown, system and unwritable keys', () => {
    expect(failing({ f_x: 1, _id: 'a', version: 2 }).details.map((d) => `${d.path}:${d.rule}`)).toEqual([
      'data.f_x:unknownField',
      'data._id:systemField',
      'data.version:systemField',
    ]);
    const denied = failing({ f_title: 'x', f_total: 1 }, { writable: new Set(['f_title']) });
    expect(denied.code).toBe('FORBIDDEN');
    expect(denied.details).toEqual([expect.objectContaining({ path: 'data.f_total', rule: 'writable' })]);
  });

  it('refuses data that is not an object', () => {
    expect(failing([1, 2]).details[0]).toMatchObject({ path: 'data', rule: 'type' });
  });
});
