import type { FormDefinition } from '@formloom/model';

export type Width = 'full' | 'half';

/**
 * Layout conventions the designer writes and the player reads:
 * - display order = key order of `fields` (layout-only kinds included); `uiSchema['ui:order']`
 *   repeats it for the schema's properties followed by `'*'`, so plain @rjsf/core renders in order;
 * - `uiSchema[key]['ui:options'].width` is `'half'` or `'full'` (default): two consecutive half
 *   fields share a row.
 */
export function fieldOrder(definition: FormDefinition): string[] {
  return Object.keys(definition.fields);
}

export function widthOf(definition: FormDefinition, key: string): Width {
  const ui = definition.uiSchema[key] as { 'ui:options'?: { width?: unknown } } | undefined;
  return ui?.['ui:options']?.width === 'half' ? 'half' : 'full';
}
