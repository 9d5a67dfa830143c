import type { FieldMeta, FormDefinition } from '@formloom/model';
import { kindsForm } from '../logic/fixture-kinds';
import { orderForm } from '../logic/fixture-definition';
import { WIDGET_KINDS } from '../widgets/index';

/**
 * The forms rendered at build time to collect antd's styles (see antd-static-styles.tsx): one
 * small form per field kind, with a value, so every widget draws the antd parts it draws on a
 * filled-in record (tags, tables, lists), plus the fixtures with sections, dividers and rules.
 * One kind per form: a long form would mount only its first screen (templates/staged-rows.ts).
 */
const OPTIONS = [
  { value: 'a', label: 'A' },
  { value: 'b', label: 'B' },
];

interface KindSample {
  schema: Record<string, unknown>;
  value?: unknown;
  meta?: Partial<FieldMeta>;
}

const TEXT: KindSample = { schema: { type: 'string' }, value: 'x' };
const OBJECT: KindSample = { schema: { type: 'object' } };
const STRINGS: KindSample = { schema: { type: 'array', items: { type: 'string' } }, value: ['a'] };
const FILES: KindSample = { schema: { type: 'array', items: { type: 'object' } } };

const SAMPLES: Record<string, KindSample> = {
  text: TEXT,
  phone: TEXT,
  email: TEXT,
  url: TEXT,
  textarea: TEXT,
  richtext: TEXT,
  serial: { schema: { type: 'string' }, meta: { serial: { pattern: 'NO-{0000}' } } },
  number: { schema: { type: 'number' }, value: 1 },
  money: { schema: { type: 'number' }, value: 1, meta: { number: { precision: 2 } } },
  select: { schema: { type: 'string', enum: ['a', 'b'] }, value: 'a', meta: { options: OPTIONS } },
  radio: { schema: { type: 'string', enum: ['a', 'b'] }, value: 'a', meta: { options: OPTIONS } },
  multiselect: { ...STRINGS, meta: { options: OPTIONS } },
  checkbox: { ...STRINGS, meta: { options: OPTIONS } },
  switch: { schema: { type: 'boolean' }, value: true },
  date: { schema: { type: 'string', format: 'date' }, value: '2026-01-02' },
  datetime: { schema: { type: 'string', format: 'date-time' }, value: '2026-01-02T03:04:00.000Z' },
  formula: { schema: {}, meta: { formula: '1+1', number: { precision: 2 } } },
  address: OBJECT,
  location: OBJECT,
  member: { schema: { type: 'string' } },
  department: { schema: { type: 'string' } },
  members: STRINGS,
  departments: STRINGS,
  link: { schema: { type: 'string' }, meta: { link: { formId: 'f', displayFields: ['f_name'] } } },
  select_data: { schema: { type: 'string' }, meta: { link: { formId: 'f', displayFields: ['f_name'] } } },
  subform: {
    schema: { type: 'array', items: { type: 'object' } },
    meta: { subform: kindsForm.fields.f_items?.subform },
  },
  attachment: FILES,
  image: FILES,
  signature: FILES,
};

export interface StyleSampleForm {
  definition: FormDefinition;
  formData: Record<string, unknown>;
}

function oneKindForm(kind: string): StyleSampleForm {
  const sample = SAMPLES[kind] ?? TEXT;
  const meta: FieldMeta = { ...sample.meta, kind, label: kind };
  return {
    definition: {
      schema: { type: 'object', properties: { f_sample: sample.schema }, required: ['f_sample'] },
      uiSchema: {},
      fields: { f_sample: meta },
    },
    formData: sample.value === undefined ? {} : { f_sample: sample.value },
  };
}

export function styleSampleForms(): StyleSampleForm[] {
  return [
    ...[...WIDGET_KINDS].map(oneKindForm),
    { definition: orderForm, formData: { f_invoice: true } },
    { definition: kindsForm, formData: {} },
  ];
}
