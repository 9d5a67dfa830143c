import type { FieldMeta, FormDefinition } from '@formloom/model';

/**
 * The 200-field form of the web benchmark: eight kinds in turn (text, number, money, select,
 * radio, date, switch, textarea), with a few visibility rules (a field shown when the switch
 * before it is on) and a few formulas (price × quantity). The same JSON Schema feeds the player
 * (with `fields`) and vanilla @rjsf/core (with `vanillaUiSchema`), so both draw the same form.
 */
export const FIELD_COUNT = 200;
const KINDS = ['text', 'number', 'money', 'select', 'radio', 'date', 'switch', 'textarea'] as const;
const OPTIONS = ['north', 'south', 'east', 'west', 'centre'].map((value) => ({ value, label: `Region ${value}` }));
const FORMULA_EVERY = 40;
const RULE_EVERY = 48;

export interface LargeForm {
  definition: FormDefinition;
  /** The same schema for vanilla @rjsf/core, which draws nothing for a formula's `{}`. */
  vanillaSchema: FormDefinition['schema'];
  /** uiSchema for vanilla @rjsf/core: its own radio and textarea widgets for those kinds. */
  vanillaUiSchema: Record<string, unknown>;
  /** The text field in the middle of the form that the benchmark types into. */
  middleTextKey: string;
  /** The last field. */
  lastKey: string;
}

const keyOf = (i: number) => `f_${KINDS[i % KINDS.length]}_${i}`;

export function largeForm(): LargeForm {
  const properties: Record<string, Record<string, unknown>> = {};
  const fields: Record<string, FieldMeta> = {};
  const vanillaUiSchema: Record<string, unknown> = {};
  const required: string[] = [];
  for (let i = 0; i < FIELD_COUNT; i++) {
    const kind = KINDS[i % KINDS.length];
    // Every 40th field is a formula over the number and money fields just before it.
    if (i % FORMULA_EVERY === FORMULA_EVERY - 1) {
      const key = `f_formula_${i}`;
      properties[key] = {};
      fields[key] = {
        kind: 'formula',
        label: `Amount ${i}`,
        formula: `{${keyOf(i - 6)}}*{${keyOf(i - 5)}}`,
        number: { precision: 2 },
      };
      continue;
    }
    const key = keyOf(i);
    const meta: FieldMeta = { kind, label: `${kind} field ${i}` };
    if (kind === 'text' || kind === 'textarea') properties[key] = { type: 'string', maxLength: 200 };
    else if (kind === 'number' || kind === 'money') {
      properties[key] = { type: 'number' };
      meta.number = { precision: kind === 'money' ? 2 : 0 };
    } else if (kind === 'select' || kind === 'radio') {
      properties[key] = { type: 'string', enum: OPTIONS.map((o) => o.value) };
      meta.options = OPTIONS;
    } else if (kind === 'date') properties[key] = { type: 'string', format: 'date' };
    else properties[key] = { type: 'boolean' };
    if (kind === 'radio') vanillaUiSchema[key] = { 'ui:widget': 'radio' };
    if (kind === 'textarea') vanillaUiSchema[key] = { 'ui:widget': 'textarea' };
    // A few fields are shown only while the switch just before them is off.
    if (i % RULE_EVERY === 7)
      meta.visibility = { rel: 'and', cond: [{ field: keyOf(i - 1), method: 'ne', value: true }] };
    if (i % 16 === 0) required.push(key);
    fields[key] = meta;
  }
  // Vanilla @rjsf/core draws nothing for `{}`: formulas are read-only numbers there.
  const vanillaSchema = Object.fromEntries(
    Object.entries(properties).map(([k, p]) => [
      k,
      Object.keys(p).length === 0 ? { type: 'number', readOnly: true } : p,
    ]),
  );
  const keys = Object.keys(fields);
  const middle = keys.filter((k) => fields[k]?.kind === 'text')[12] ?? 'f_text_96';
  return {
    definition: { schema: { type: 'object', properties, required }, uiSchema: {}, fields },
    vanillaSchema: { type: 'object', properties: vanillaSchema, required },
    vanillaUiSchema: { ...vanillaUiSchema, 'ui:submitButtonOptions': { norender: true } },
    middleTextKey: middle,
    lastKey: keys[keys.length - 1] ?? middle,
  };
}
