import type { FormDefinition } from '../api/types';

/** Columns a table can show: the form's value fields in form order (layout kinds have no value). */
export interface FieldColumn {
  key: string;
  label: string;
}

export function fieldColumns(definition: FormDefinition): FieldColumn[] {
  const order = (definition.uiSchema['ui:order'] as string[] | undefined)?.filter((k) => k !== '*') ?? [];
  const keys = Object.keys(definition.schema.properties);
  const ordered = [...order.filter((k) => keys.includes(k)), ...keys.filter((k) => !order.includes(k))];
  return ordered.map((key) => ({ key, label: definition.fields[key]?.label ?? key }));
}
