import type { FieldOption } from '@formloom/model';
import { fieldMetaOf } from '../field-meta';

/** The options of a choice field, from `fields[key].options` (builder text, rendered as text). */
export function choicesOf(options: Record<string, unknown>): FieldOption[] {
  return fieldMetaOf(options)?.options ?? [];
}
