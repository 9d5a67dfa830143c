import type { FieldMeta } from '@formloom/model';

/** The field metadata a widget was given through `ui:options` by buildUiSchema. */
export function fieldMetaOf(options: Record<string, unknown>): FieldMeta | undefined {
  const meta = options.meta;
  return typeof meta === 'object' && meta !== null && 'kind' in meta ? (meta as FieldMeta) : undefined;
}
