import type { FieldPermission, FormDefinition } from '@formloom/model';

/**
 * A flow node's field permissions applied to a form definition, for the player's FormRenderer:
 * `hidden` fields leave the form (the server does not send their values either), `edit` and
 * `required` fields are editable (`required` ones must be filled), every other field — `read`
 * or not listed — is read-only and no longer required (the holder cannot fill it).
 */
export function permittedDefinition(
  definition: FormDefinition,
  permissions: Readonly<Record<string, FieldPermission>>,
): FormDefinition {
  const properties: FormDefinition['schema']['properties'] = {};
  const fields: FormDefinition['fields'] = {};
  const required: string[] = [];
  for (const [key, property] of Object.entries(definition.schema.properties)) {
    const permission = permissions[key] ?? 'read';
    const meta = definition.fields[key];
    if (permission === 'hidden') continue;
    properties[key] = property;
    const editable = isEditable(permission);
    if (meta !== undefined) fields[key] = { ...meta, readOnly: !editable };
    if (permission === 'required' || (editable && definition.schema.required?.includes(key))) required.push(key);
  }
  // Layout-only entries (sections, dividers, descriptions) have no schema property: keep them.
  for (const [key, meta] of Object.entries(definition.fields))
    if (!(key in definition.schema.properties) && permissions[key] !== 'hidden') fields[key] = meta;
  return { ...definition, schema: { ...definition.schema, properties, required }, fields };
}

export const isEditable = (permission: FieldPermission | undefined): boolean =>
  permission === 'edit' || permission === 'required';

/** Whether the holder may change any field at this node. */
export function hasEditableFields(permissions: Readonly<Record<string, FieldPermission>>): boolean {
  return Object.values(permissions).some(isEditable);
}

/**
 * The edits to send with an action: the editable fields whose value differs from the record as
 * loaded (the server writes only fields the node lets the holder edit, with the base version).
 */
export function editsToSend(
  original: Readonly<Record<string, unknown>>,
  current: Readonly<Record<string, unknown>>,
  permissions: Readonly<Record<string, FieldPermission>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, permission] of Object.entries(permissions)) {
    if (!isEditable(permission)) continue;
    const before = original[key];
    const after = current[key];
    if (after === undefined && before === undefined) continue;
    if (JSON.stringify(before ?? null) !== JSON.stringify(after ?? null)) out[key] = after ?? null;
  }
  return out;
}
