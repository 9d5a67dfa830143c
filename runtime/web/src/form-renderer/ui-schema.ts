import type { FieldMeta, FormDefinition } from '@formloom/model';
import type { UiSchema } from '@rjsf/utils';
import { WIDGET_KINDS } from './widgets/index';

/**
 * Turns a form definition into the uiSchema @rjsf/core renders: the builder's uiSchema,
 * plus, per field, our widget for its kind (`ui:widget` = the kind), its label, description,
 * placeholder, options and read-only/hidden flags from `fields[key]`. Labels and options are
 * builder-written text: widgets render them as text, never as HTML.
 */
export interface FieldUiOptions {
  kind: string;
  meta: FieldMeta;
}

const SERVER_COMPUTED = new Set(['serial', 'formula']);

export function isServerComputed(meta: FieldMeta | undefined): boolean {
  return meta !== undefined && SERVER_COMPUTED.has(meta.kind);
}

export function buildUiSchema(definition: FormDefinition): UiSchema {
  const base = definition.uiSchema as UiSchema;
  const ui: UiSchema = { ...base, 'ui:submitButtonOptions': { norender: true } };
  for (const key of Object.keys(definition.schema.properties)) {
    const meta = definition.fields[key];
    if (meta === undefined) continue;
    const own = (base[key] ?? {}) as UiSchema;
    const widget = meta.hidden ? 'hidden' : WIDGET_KINDS.has(meta.kind) ? meta.kind : 'unsupported';
    ui[key] = {
      ...own,
      'ui:widget': widget,
      'ui:title': meta.label,
      ...(meta.description === undefined ? {} : { 'ui:description': meta.description }),
      ...(meta.placeholder === undefined ? {} : { 'ui:placeholder': meta.placeholder }),
      ...(meta.readOnly || isServerComputed(meta) ? { 'ui:readonly': true } : {}),
      'ui:options': { ...((own['ui:options'] as object | undefined) ?? {}), kind: meta.kind, meta },
    };
  }
  return ui;
}
