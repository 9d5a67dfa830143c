import type { ErrorDetail, FieldMeta, FormDefinition } from '@formloom/model';

/**
 * Which fields an anonymous filler of a public link may see and set. Deny by default: only
 * the built-in kinds below, which need nothing from the organisation or from other forms'
 * records. Member, department, link and select-data fields (lookups into the directory and
 * other forms) and plugin kinds are left out of the public form and refused on submit.
 */
const PUBLIC_KINDS: ReadonlySet<string> = new Set([
  'text',
  'textarea',
  'number',
  'money',
  'date',
  'datetime',
  'radio',
  'checkbox',
  'select',
  'multiselect',
  'switch',
  'phone',
  'email',
  'url',
  'address',
  'location',
  'image',
  'attachment',
  'signature',
  'richtext',
  'serial',
  'formula',
  'subform',
  'section',
  'divider',
  'description',
]);

const FILE_KINDS: ReadonlySet<string> = new Set(['image', 'attachment', 'signature']);

export function isPublicKind(kind: string): boolean {
  return PUBLIC_KINDS.has(kind);
}

function publicColumns(meta: FieldMeta): Record<string, FieldMeta> {
  const columns = meta.subform?.fields ?? {};
  return Object.fromEntries(Object.entries(columns).filter(([, column]) => isPublicKind(column.kind)));
}

/** Metadata without a data-linkage default (it reads another form; the server applies it on submit). */
function withoutLinkage(meta: FieldMeta): FieldMeta {
  const { default: defaultValue, ...rest } = meta;
  return defaultValue === undefined || defaultValue.type === 'linkage' ? rest : meta;
}

/** A field's metadata as the public page may see it: no data-linkage defaults, also on subform columns. */
function publicMeta(meta: FieldMeta): FieldMeta {
  const kept = withoutLinkage(meta);
  if (meta.kind !== 'subform' || meta.subform === undefined) return kept;
  const columns = Object.fromEntries(Object.entries(publicColumns(meta)).map(([k, c]) => [k, withoutLinkage(c)]));
  return { ...kept, subform: { ...meta.subform, fields: columns } };
}

/**
 * The published definition as the public page renders it: fields of non-public kinds, their
 * schema properties and uiSchema entries removed, subform columns likewise, data-linkage
 * defaults dropped. Everything else is the published definition unchanged.
 */
export function publicDefinition(definition: FormDefinition): FormDefinition {
  const fields: Record<string, FieldMeta> = {};
  const removed = new Set<string>();
  for (const [key, meta] of Object.entries(definition.fields)) {
    if (isPublicKind(meta.kind)) fields[key] = publicMeta(meta);
    else removed.add(key);
  }
  const properties = Object.fromEntries(
    Object.entries(definition.schema.properties).filter(([key]) => !removed.has(key)),
  );
  const schema = { ...definition.schema, properties };
  if (definition.schema.required) schema.required = definition.schema.required.filter((key) => !removed.has(key));
  const uiSchema = Object.fromEntries(Object.entries(definition.uiSchema).filter(([key]) => !removed.has(key)));
  const order = definition.uiSchema['ui:order'];
  if (Array.isArray(order)) uiSchema['ui:order'] = order.filter((key) => !removed.has(String(key)));
  return { schema, uiSchema, fields };
}

/** The value fields an anonymous filler may set (the engine refuses every other key with rule `writable`). */
export function publicWritableFields(definition: FormDefinition): Set<string> {
  return new Set(
    Object.keys(definition.schema.properties).filter((key) => {
      const meta = definition.fields[key];
      return meta !== undefined && isPublicKind(meta.kind);
    }),
  );
}

/**
 * Required fields a public filler could never fill (a required member field, …): a public link
 * on such a form could take no submission, so turning it on is refused naming them.
 */
export function requiredNotPublic(definition: FormDefinition): ErrorDetail[] {
  const required = new Set(definition.schema.required ?? []);
  return Object.entries(definition.fields)
    .filter(([key, meta]) => required.has(key) && !isPublicKind(meta.kind))
    .map(([key, meta]) => ({
      path: `fields.${key}`,
      rule: 'notPublicFillable',
      message: `“${meta.label}” is required but a ${meta.kind} field cannot be filled through a public link`,
    }));
}

function isRow(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Cells of subform columns a public filler may not set, as `writable` refusals naming row and column. */
export function refusedColumns(definition: FormDefinition, data: Record<string, unknown>): ErrorDetail[] {
  const refused: ErrorDetail[] = [];
  for (const [key, meta] of Object.entries(definition.fields)) {
    const rows = data[key];
    if (meta.kind !== 'subform' || !Array.isArray(rows)) continue;
    const allowed = publicColumns(meta);
    const all = meta.subform?.fields ?? {};
    rows.forEach((row, i) => {
      if (!isRow(row)) return;
      for (const column of Object.keys(row))
        if (Object.hasOwn(all, column) && !Object.hasOwn(allowed, column))
          refused.push({
            path: `data.${key}.${i}.${column}`,
            rule: 'writable',
            message: 'Not fillable through a public link',
          });
    });
  }
  return refused;
}

/** A file reference in a submitted value, with where it is. */
export interface SubmittedFile {
  blobId: string;
  path: string;
}

function filesOf(value: unknown, path: string): SubmittedFile[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item, i) =>
    isRow(item) && typeof item.blobId === 'string' ? [{ blobId: item.blobId, path: `${path}.${i}.blobId` }] : [],
  );
}

/** Every file a submission references: file fields and file columns of subform rows. */
export function submittedFiles(definition: FormDefinition, data: Record<string, unknown>): SubmittedFile[] {
  const files: SubmittedFile[] = [];
  for (const [key, meta] of Object.entries(definition.fields)) {
    const value = data[key];
    if (FILE_KINDS.has(meta.kind)) files.push(...filesOf(value, `data.${key}`));
    if (meta.kind !== 'subform' || !Array.isArray(value)) continue;
    const columns = meta.subform?.fields ?? {};
    value.forEach((row, i) => {
      if (!isRow(row)) return;
      for (const [column, columnMeta] of Object.entries(columns))
        if (FILE_KINDS.has(columnMeta.kind)) files.push(...filesOf(row[column], `data.${key}.${i}.${column}`));
    });
  }
  return files;
}

/** Whether the public form has any field that takes files (otherwise public uploads are refused). */
export function takesFiles(definition: FormDefinition): boolean {
  return Object.values(definition.fields).some(
    (meta) =>
      FILE_KINDS.has(meta.kind) ||
      (meta.kind === 'subform' && Object.values(meta.subform?.fields ?? {}).some((c) => FILE_KINDS.has(c.kind))),
  );
}
