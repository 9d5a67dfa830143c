import type { FieldMeta, FormDefinition } from '@formloom/model';
import { buildTemplateData, type PlainValue } from '@formloom/engine/templates';

const FIXED_TIME = '2026-01-15T09:30:00.000Z';

/** A plausible value of a field for previews, by kind (the first option for choices). */
export function sampleValue(meta: FieldMeta): unknown {
  const first = meta.options?.[0]?.value;
  switch (meta.kind) {
    case 'number':
      return 42;
    case 'money':
      return 12800;
    case 'date':
      return '2026-01-15';
    case 'datetime':
      return FIXED_TIME;
    case 'switch':
      return true;
    case 'radio':
    case 'select':
      return first ?? 'A';
    case 'checkbox':
    case 'multiselect':
      return first === undefined ? [] : [first];
    case 'email':
      return 'someone@example.com';
    case 'phone':
      return '13800138000';
    case 'url':
      return 'https://example.com';
    case 'member':
      return 'u_sample';
    case 'members':
      return ['u_sample'];
    case 'section':
    case 'divider':
    case 'description':
    case 'subform':
    case 'image':
    case 'attachment':
    case 'signature':
      return undefined;
    default:
      return meta.label || 'Text';
  }
}

/** Sample field values of a form, keyed by field key (layout kinds and files left out). */
export function sampleRecordData(form: FormDefinition | null): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const [key, meta] of Object.entries(form?.fields ?? {})) {
    const value = sampleValue(meta);
    if (value !== undefined) data[key] = value;
  }
  return data;
}

/** What a notify or webhook template sees in a preview: the sample record, a task, an instance, a link. */
export function sampleTemplateData(form: FormDefinition | null, formName: string): PlainValue {
  const fields = Object.entries(form?.fields ?? {}).map(([key, meta]) => ({ key, label: meta.label || key }));
  return buildTemplateData({
    record: {
      id: 'r_sample',
      formId: 'f_sample',
      data: sampleRecordData(form),
      createdAt: FIXED_TIME,
      updatedAt: FIXED_TIME,
      createdBy: 'u_sample',
    },
    fields,
    formName,
    task: { id: 't_sample', name: 'Approval', dueAt: '2026-01-16T09:30:00.000Z' },
    instance: { id: 'i_sample', flowName: 'Flow', status: 'running', initiator: 'u_sample', startedAt: FIXED_TIME },
    link: 'https://formloom.example/app/records/r_sample',
  });
}
