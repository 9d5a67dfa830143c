import type { FieldKindSpec } from './field-kind.types.js';

function layoutKind(kind: string): FieldKindSpec {
  return { kind, layoutOnly: true, jsonSchema: () => ({}), methods: [], sortable: false };
}

/** Layout-only kinds: they shape the form and store nothing. */
export const layoutKinds = [layoutKind('section'), layoutKind('divider'), layoutKind('description')];
