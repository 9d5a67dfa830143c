import type { FormDefinition } from '@formloom/model';
import { describe, expect, it } from 'vitest';
import { editsToSend, hasEditableFields, permittedDefinition } from './field-permissions';

const purchase: FormDefinition = {
  schema: {
    type: 'object',
    required: ['f_title', 'f_amount'],
    properties: {
      f_title: { type: 'string' },
      f_amount: { type: 'number' },
      f_budget: { type: 'string' },
      f_secret: { type: 'string' },
    },
  },
  uiSchema: {},
  fields: {
    f_title: { kind: 'text', label: 'Title' },
    f_amount: { kind: 'money', label: 'Amount' },
    f_budget: { kind: 'text', label: 'Budget code' },
    f_secret: { kind: 'text', label: 'Internal note' },
    s_more: { kind: 'section', label: 'More' },
  },
};

describe('a node’s field permissions on the form', () => {
  const shown = permittedDefinition(purchase, { f_secret: 'hidden', f_amount: 'edit', f_budget: 'required' });

  it('drops hidden fields from the form', () => {
    expect(Object.keys(shown.schema.properties)).toEqual(['f_title', 'f_amount', 'f_budget']);
    expect(shown.fields).not.toHaveProperty('f_secret');
  });

  it('makes fields not listed read-only and no longer required, and keeps layout entries', () => {
    expect(shown.fields.f_title).toMatchObject({ readOnly: true });
    expect(shown.schema.required).not.toContain('f_title');
    expect(shown.fields.s_more).toEqual(purchase.fields.s_more);
  });

  it('lets edit fields be edited (keeping the form’s own required) and requires required ones', () => {
    expect(shown.fields.f_amount).toMatchObject({ readOnly: false });
    expect(shown.fields.f_budget).toMatchObject({ readOnly: false });
    expect(shown.schema.required).toEqual(['f_amount', 'f_budget']);
  });

  it('leaves the form’s definition untouched', () => {
    expect(purchase.fields.f_title.readOnly).toBeUndefined();
    expect(purchase.schema.required).toEqual(['f_title', 'f_amount']);
  });

  it('knows whether anything is editable', () => {
    expect(hasEditableFields({ f_title: 'read', f_secret: 'hidden' })).toBe(false);
    expect(hasEditableFields({ f_title: 'read', f_amount: 'required' })).toBe(true);
  });
});

describe('edits sent with an action', () => {
  it('are the editable fields that changed, cleared ones as null', () => {
    const before = { f_title: 'Chair', f_amount: 900, f_budget: 'IT', f_tags: ['a'] };
    const after = { f_title: 'Table', f_amount: 450, f_tags: ['a'] };
    expect(
      editsToSend(before, after, { f_title: 'read', f_amount: 'edit', f_budget: 'required', f_tags: 'edit' }),
    ).toEqual({ f_amount: 450, f_budget: null });
  });

  it('are empty when nothing editable changed', () => {
    expect(editsToSend({ f_amount: 1 }, { f_amount: 1, f_title: 'x' }, { f_amount: 'edit' })).toEqual({});
  });
});
