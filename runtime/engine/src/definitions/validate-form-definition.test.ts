import type { FormDefinition } from '@formloom/model';
import { describe, expect, it } from 'vitest';
import { validateFormDefinition } from './validate-form-definition.js';

function customerForm(): FormDefinition {
  return {
    schema: {
      type: 'object',
      required: ['f_name'],
      properties: {
        f_name: { type: 'string', maxLength: 100 },
        f_no: { type: 'string' },
        f_stage: { type: 'string' },
        f_amount: { type: 'number' },
        f_email: { type: 'string', format: 'email' },
        f_contact: { type: 'string' },
        f_lines: { type: 'array', items: { type: 'object' } },
      },
    },
    uiSchema: { 'ui:order': ['f_name', 'f_no', '*'] },
    fields: {
      f_name: { kind: 'text', label: 'Name', unique: true },
      f_no: { kind: 'serial', label: 'No.', serial: { pattern: 'CUS-{YYYY}{MM}-{0000}' } },
      f_stage: {
        kind: 'select',
        label: 'Stage',
        options: [
          { value: 'lead', label: 'Lead' },
          { value: 'won', label: 'Won' },
        ],
      },
      f_amount: {
        kind: 'money',
        label: 'Amount',
        visibility: { rel: 'and', cond: [{ field: 'f_stage', method: 'eq', value: 'won' }] },
      },
      f_email: { kind: 'email', label: 'Email' },
      f_contact: { kind: 'link', label: 'Contact', link: { formId: 'contacts', displayFields: ['f_name'] } },
      f_lines: {
        kind: 'subform',
        label: 'Lines',
        subform: { fields: { qty: { kind: 'number', label: 'Qty' } }, maxRows: 50 },
      },
      s_head: { kind: 'section', label: 'Head' },
    },
  };
}

const rulesAt = (def: unknown) => validateFormDefinition(def).map((e) => `${e.path}:${e.rule}`);

describe('validateFormDefinition', () => {
  it('accepts a complete definition', () => {
    expect(validateFormDefinition(customerForm())).toEqual([]);
  });

  it('checks the shape first', () => {
    expect(rulesAt({ schema: { type: 'array', properties: {} }, uiSchema: {}, fields: {} })).toContain(
      'schema.type:const',
    );
    expect(rulesAt({ schema: { type: 'object', properties: {} }, fields: {} })).toContain('uiSchema:required');
    const def = customerForm();
    def.schema.properties['Bad.Key'] = { type: 'string' };
    expect(rulesAt(def)).toContain('schema.properties.Bad.Key:pattern');
    const extra = customerForm() as unknown as { fields: Record<string, Record<string, unknown>> };
    extra.fields.f_name.$where = '1';
    expect(rulesAt(extra)).toContain('fields.f_name.$where:unknownKey');
  });

  it('requires schema properties and fields entries to agree', () => {
    const def = customerForm();
    def.schema.properties.f_orphan = { type: 'string' };
    delete def.schema.properties.f_email;
    def.schema.properties.s_head = {};
    def.schema.required = ['f_name', 'f_gone'];
    expect(rulesAt(def)).toEqual(
      expect.arrayContaining([
        'fields.f_orphan:required',
        'schema.properties.f_email:required',
        'schema.properties.s_head:layoutOnly',
        'schema.required.1:unknownField',
      ]),
    );
  });

  it('names unknown kinds and type mismatches', () => {
    const def = customerForm();
    def.fields.f_email.kind = 'acme.nothing';
    def.schema.properties.f_amount = { type: 'string' };
    expect(rulesAt(def)).toEqual(
      expect.arrayContaining(['fields.f_email.kind:unknownKind', 'schema.properties.f_amount.type:mismatch']),
    );
  });

  it('checks serial patterns, options, unique and links', () => {
    const def = customerForm();
    def.fields.f_no.serial = { pattern: 'CUS-{YYYY}' };
    def.fields.f_stage.options?.push({ value: 'won', label: 'Won again' });
    def.fields.f_lines.unique = true;
    delete def.fields.f_contact.link;
    expect(rulesAt(def)).toEqual([
      'fields.f_no.serial.pattern:pattern',
      'fields.f_stage.options.2.value:uniqueItems',
      'fields.f_contact.link:required',
      'fields.f_lines.unique:unique',
    ]);
  });

  it('checks visibility conditions with the condition validator', () => {
    const def = customerForm();
    def.fields.f_amount.visibility = { rel: 'and', cond: [{ field: 'f_stage', method: 'gt', value: { $ne: 1 } }] };
    expect(rulesAt(def)).toEqual(['fields.f_amount.visibility.cond[0].method:operator']);
    def.fields.f_amount.visibility = { rel: 'and', cond: [{ field: 'f_nope', method: 'empty' }] };
    expect(rulesAt(def)).toEqual(['fields.f_amount.visibility.cond[0].field:unknownField']);
  });

  it('checks subform columns', () => {
    const def = customerForm();
    def.fields.f_lines.subform = { fields: { qty: { kind: 'serial', label: 'x' } }, minRows: 5, maxRows: 2 };
    expect(rulesAt(def)).toEqual([
      'fields.f_lines.subform.minRows:maximum',
      'fields.f_lines.subform.fields.qty.kind:unknownKind',
    ]);
  });
});

describe('formula fields in a definition', () => {
  const withFormulas = (formulas: Record<string, string>): FormDefinition => {
    const def = customerForm();
    for (const [key, formula] of Object.entries(formulas)) {
      def.schema.properties[key] = {};
      def.fields[key] = { kind: 'formula', label: key, formula };
    }
    return def;
  };

  it('accepts formulas over existing fields', () => {
    expect(validateFormDefinition(withFormulas({ f_total: 'ROUND({f_amount} * 1.13, 2)' }))).toEqual([]);
  });

  it('refuses unknown fields, syntax errors and circular references, naming the field', () => {
    const rules = (formulas: Record<string, string>) =>
      validateFormDefinition(withFormulas(formulas)).map((d) => `${d.path}:${d.rule}`);
    expect(rules({ f_total: '{f_missing} + 1' })).toContainEqual(expect.stringMatching(/^fields\.f_total\.formula:/));
    expect(rules({ f_total: 'SUM({f_amount}' })).toContainEqual(expect.stringMatching(/^fields\.f_total\.formula:/));
    const cycle = rules({ f_a: '{f_b} + 1', f_b: '{f_a} + 1' });
    expect(cycle.some((r) => r.endsWith('circularReference'))).toBe(true);
  });
});
