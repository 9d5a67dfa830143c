import { describe, expect, it } from 'vitest';
import { errorsByField } from './field-errors.js';

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
