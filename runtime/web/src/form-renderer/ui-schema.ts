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

export function buildUiSchema(definition: FormDefinition, properties: readonly string[] = []): UiSchema {
  const base = definition.uiSchema as UiSchema;
  const keys = properties.length > 0 ? properties : Object.keys(definition.schema.properties);
  // Our ObjectFieldTemplate lays fields out itself; `ui:order` only has to name exactly the
  // rendered properties (rjsf refuses an order naming a property the schema lacks).
  const ui: UiSchema = { ...base, 'ui:order': [...keys, '*'], 'ui:submitButtonOptions': { norender: true } };
  for (const key of keys) {
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
      // Every kind is drawn by its widget through fields/WidgetField: our widgets take the whole
      // value (objects, row arrays, untyped formula results) and need none of what rjsf's string,
      // number and boolean fields add per render (enum options, a number format per field …).
      ...(widget !== 'hidden' ? { 'ui:field': 'widget' } : {}),
      'ui:options': { ...((own['ui:options'] as object | undefined) ?? {}), kind: meta.kind, meta },
    };
  }
  return ui;
}
