import type { FormDefinition } from '@formloom/model';
import { describe, expect, it } from 'vitest';
import {
  publicDefinition,
  publicWritableFields,
  refusedColumns,
  requiredNotPublic,
  submittedFiles,
  takesFiles,
} from './public-fields.js';

function definition(): FormDefinition {
  return {
    schema: {
      type: 'object',
      required: ['f_name', 'f_owner'],
      properties: {
        f_name: { type: 'string' },
        f_owner: { type: 'string' },
        f_client: { type: 'string' },
        f_city: { type: 'string' },
        f_files: { type: 'array', items: { type: 'object' } },
        f_rows: { type: 'array', items: { type: 'object' } },
        f_rating: { type: 'number' },
      },
    },
    uiSchema: {
      'ui:order': ['f_name', 'f_owner', 'f_client', 'f_city', 'f_files', 'f_rows', 'f_rating', '*'],
      f_owner: { 'ui:widget': 'member' },
    },
    fields: {
      f_name: { kind: 'text', label: 'Name', default: { type: 'static', value: 'x' } },
      f_owner: { kind: 'member', label: 'Owner' },
      f_client: { kind: 'link', label: 'Client', link: { formId: 'clients', displayFields: ['c_name'] } },
      f_city: {
        kind: 'text',
        label: 'City',
        default: { type: 'linkage', formId: 'cities', condition: { rel: 'and', cond: [] }, sourceField: 'c' },
      },
      f_files: { kind: 'attachment', label: 'Files' },
      f_rows: {
        kind: 'subform',
        label: 'Rows',
        subform: {
          fields: {
            r_item: {
              kind: 'text',
              label: 'Item',
              default: { type: 'linkage', formId: 'items', condition: { rel: 'and', cond: [] }, sourceField: 'i' },
            },
            r_dept: { kind: 'department', label: 'Dept' },
            r_scan: { kind: 'image', label: 'Scan' },
          },
        },
      },
      f_rating: { kind: 'acme.stars', label: 'Stars' },
      s_1: { kind: 'section', label: 'More' },
    },
  };
}

describe('publicDefinition', () => {
  it('leaves out member, link and plugin fields, their schema and ui entries, and lookup columns', () => {
    const shown = publicDefinition(definition());
    expect(Object.keys(shown.fields)).toEqual(['f_name', 'f_city', 'f_files', 'f_rows', 's_1']);
    expect(Object.keys(shown.schema.properties)).toEqual(['f_name', 'f_city', 'f_files', 'f_rows']);
    expect(shown.schema.required).toEqual(['f_name']);
    expect(shown.uiSchema['ui:order']).toEqual(['f_name', 'f_city', 'f_files', 'f_rows', '*']);
    expect(shown.uiSchema).not.toHaveProperty('f_owner');
    expect(Object.keys(shown.fields.f_rows.subform?.fields ?? {})).toEqual(['r_item', 'r_scan']);
  });

  it('drops data-linkage defaults (they read another form) and keeps static ones', () => {
    const shown = publicDefinition(definition());
    expect(shown.fields.f_city.default).toBeUndefined();
    expect(shown.fields.f_name.default).toEqual({ type: 'static', value: 'x' });
    expect(shown.fields.f_rows.subform?.fields.r_item).toEqual({ kind: 'text', label: 'Item' });
  });
});

describe('what a public filler may write', () => {
  it('allows the public value fields only', () => {
    expect([...publicWritableFields(definition())].sort()).toEqual(['f_city', 'f_files', 'f_name', 'f_rows']);
  });

  it('names required fields of kinds a public filler cannot fill', () => {
    expect(requiredNotPublic(definition())).toEqual([
      expect.objectContaining({ path: 'fields.f_owner', rule: 'notPublicFillable' }),
    ]);
  });

  it('refuses cells of lookup columns in subform rows, naming row and column', () => {
    const data = { f_rows: [{ r_item: 'a' }, { r_item: 'b', r_dept: 'd1' }, 'not a row'] };
    expect(refusedColumns(definition(), data)).toEqual([
      { path: 'data.f_rows.1.r_dept', rule: 'writable', message: expect.any(String) },
    ]);
  });
});

describe('files of a submission', () => {
  it('finds file references in file fields and in file columns of subform rows', () => {
    const data = {
      f_files: [{ blobId: 'b1' }, { name: 'no id' }],
      f_rows: [{ r_scan: [{ blobId: 'b2' }] }, { r_item: 'x' }],
      f_name: [{ blobId: 'not a file field' }],
    };
    expect(submittedFiles(definition(), data)).toEqual([
      { blobId: 'b1', path: 'data.f_files.0.blobId' },
      { blobId: 'b2', path: 'data.f_rows.0.r_scan.0.blobId' },
    ]);
  });

  it('knows whether a form takes files at all', () => {
    expect(takesFiles(definition())).toBe(true);
    const plain = definition();
    plain.fields = { f_name: plain.fields.f_name };
    expect(takesFiles(plain)).toBe(false);
  });
});
