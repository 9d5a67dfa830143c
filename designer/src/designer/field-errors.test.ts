import { describe, expect, it } from 'vitest';
import { columnErrors, currentErrors, errorColumn, errorsByField } from './field-errors.js';

describe('server problems grouped by field', () => {
  it('maps fields.* and schema.properties.* paths to the field key, others to the form', () => {
    const grouped = errorsByField([
      { path: 'definition.fields.f_abc123.options', rule: 'required', message: 'A choice field needs options' },
      { path: 'definition.schema.properties.f_abc123.type', rule: 'mismatch', message: 'type' },
      { path: 'definition.schema.properties.f_zzz999', rule: 'required', message: 'needs a property' },
      { path: 'definition.schema.required.0', rule: 'unknownField', message: 'not a property' },
    ]);
    expect(grouped.get('f_abc123')?.map((d) => d.rule)).toEqual(['required', 'mismatch']);
    expect(grouped.get('f_zzz999')?.map((d) => d.rule)).toEqual(['required']);
    expect(grouped.get('')?.map((d) => d.rule)).toEqual(['unknownField']);
  });
});

describe('problems of fields edited since the check', () => {
  it('are dropped; problems of unchanged fields and form-level ones stay', async () => {
    const { addField, emptyDefinition, updateMeta } = await import('../definition/definition-ops.js');
    const a = addField(emptyDefinition(), { kind: 'link', label: 'Customer' }, 0);
    const b = addField(a.definition, { kind: 'serial', label: 'No', serial: { pattern: 'X' } }, 1);
    const checked = b.definition;
    const grouped = errorsByField([
      { path: `definition.fields.${a.key}.link`, rule: 'required', message: 'needs its target form' },
      { path: `definition.fields.${b.key}.serial.pattern`, rule: 'pattern', message: 'needs a counter' },
      { path: 'definition.schema.required.0', rule: 'unknownField', message: 'not a property' },
    ]);
    const edited = updateMeta(checked, a.key, { link: { formId: 'other', displayFields: [] } });
    const left = currentErrors(grouped, checked, edited);
    expect([...left.keys()].sort()).toEqual(['', b.key].sort());
  });
});

describe("problems of a subform column's settings", () => {
  const details = [
    { path: 'definition.fields.items.subform.fields.stage.default.sourceField', rule: 'required', message: 'source' },
    {
      path: 'definition.fields.items.subform.fields.stage.default.condition.cond.0.valueFrom.field',
      rule: 'unknownRowField',
      message: 'reads',
    },
    { path: 'definition.fields.items.subform.fields.code.default.formId', rule: 'required', message: 'form' },
    { path: 'definition.fields.items.subform.minRows', rule: 'minimum', message: 'rows' },
  ];

  it('are grouped under the subform on the canvas and name their column', () => {
    const grouped = errorsByField(details);
    expect([...grouped.keys()]).toEqual(['items']);
    expect(grouped.get('items')?.map(errorColumn)).toEqual(['stage', 'stage', 'code', null]);
    expect(errorColumn({ path: 'definition.fields.stage.default.formId', rule: 'required', message: '' })).toBeNull();
  });

  it("are shown at the column they name, not at the subform's other columns", () => {
    expect(columnErrors(details, 'stage').map((d) => d.rule)).toEqual(['required', 'unknownRowField']);
    expect(columnErrors(details, 'code').map((d) => d.path)).toEqual([
      'definition.fields.items.subform.fields.code.default.formId',
    ]);
    expect(columnErrors(details, 'qty')).toEqual([]);
  });
});
