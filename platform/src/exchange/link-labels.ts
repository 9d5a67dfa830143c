import type { RecordContext, RecordService } from '@formloom/engine';
import type { FieldMeta, RecordView } from '@formloom/model';
import type { ImportCell, RowError } from './import-store.js';

/**
 * Linked records (link and select-data fields) in Excel: exported as their label (the target's
 * display fields joined, as the player's picker shows them) and imported from either a record
 * id or an exact label. Both sides read the target form with the caller's own read access
 * (`ctx.relatedForm`), in batches of one records query per target form; records the caller may
 * not read are neither named on export (the id is written, so the file still imports back) nor
 * matched on import.
 */
export const LINK_KINDS: ReadonlySet<string> = new Set(['link', 'select_data']);
const BATCH = 200;
/** How many records with the same first display value one label lookup reads, at most. */
const MATCH_CAP = 2000;
/** Between the labels of a multiple link's records in one cell. */
export const LINK_SEPARATOR = ', ';

type LinkTarget = NonNullable<FieldMeta['link']>;

export function isLinkField(meta: FieldMeta): meta is FieldMeta & { link: LinkTarget } {
  return LINK_KINDS.has(meta.kind) && meta.link !== undefined;
}

/** The display fields' values joined by ` · `; the id when they are all empty (same as the player). */
export function linkedRecordLabel(record: Pick<RecordView, 'id' | 'data'>, displayFields: readonly string[]): string {
  const parts = displayFields
    .map((key) => record.data[key])
    .filter((v) => v !== undefined && v !== null && v !== '')
    .map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v)));
  return parts.length > 0 ? parts.join(' · ') : record.id;
}

const idsOf = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && v !== '');

const targetKey = (t: LinkTarget) => `${t.formId}\u0000${t.displayFields.join(',')}`;

/** The caller's read context on the target form; null when they may not read it. */
async function relatedRead(ctx: RecordContext, formId: string): Promise<RecordContext | null> {
  try {
    return (await ctx.relatedForm?.(formId)) ?? null;
  } catch {
    return null;
  }
}

/** The records of `target` with one of `ids` that the caller may read (in batches). */
async function readableByIds(
  records: RecordService,
  ctx: RecordContext,
  target: LinkTarget,
  ids: string[],
): Promise<RecordView[]> {
  const related = await relatedRead(ctx, target.formId);
  if (related === null) return [];
  const found: RecordView[] = [];
  for (let i = 0; i < ids.length; i += BATCH) {
    const chunk = ids.slice(i, i + BATCH);
    const page = await records.query(related, {
      filter: { rel: 'and', cond: [{ field: 'id', method: 'in', value: chunk }] },
      fields: [...target.displayFields],
      limit: chunk.length,
      withTotal: false,
    });
    found.push(...page.items);
  }
  return found;
}

/** Export: labels of the linked records a page of records holds (also in subform rows), one query per target. */
export class LinkLabeler {
  private readonly labels = new Map<string, Map<string, string>>();

  constructor(
    private readonly records: RecordService,
    private readonly ctx: RecordContext,
  ) {}

  /** Reads the labels of every link id in `rows` for these columns that is not known yet. */
  async prefetch(
    columns: ReadonlyArray<{ key: string; meta: FieldMeta }>,
    rows: ReadonlyArray<Record<string, unknown>>,
  ) {
    const wanted = new Map<string, { target: LinkTarget; ids: Set<string> }>();
    const visit = (meta: FieldMeta, value: unknown) => {
      if (isLinkField(meta)) {
        const key = targetKey(meta.link);
        const known = this.labels.get(key);
        let entry = wanted.get(key);
        if (entry === undefined) wanted.set(key, (entry = { target: meta.link, ids: new Set() }));
        for (const id of idsOf(value)) if (!known?.has(id)) entry.ids.add(id);
      } else if (meta.kind === 'subform' && Array.isArray(value)) {
        for (const row of value)
          if (typeof row === 'object' && row !== null)
            for (const [k, column] of Object.entries(meta.subform?.fields ?? {}))
              visit(column, (row as Record<string, unknown>)[k]);
      }
    };
    for (const row of rows) for (const c of columns) visit(c.meta, row[c.key]);
    for (const [key, { target, ids }] of wanted) {
      if (ids.size === 0) continue;
      let known = this.labels.get(key);
      if (known === undefined) this.labels.set(key, (known = new Map()));
      for (const record of await readableByIds(this.records, this.ctx, target, [...ids]))
        known.set(record.id, linkedRecordLabel(record, target.displayFields));
    }
  }

  /** The label of a linked record; its id when the caller may not read it (or it is gone). */
  label(target: LinkTarget, id: string): string {
    return this.labels.get(targetKey(target))?.get(id) ?? id;
  }
}

/** The parts of a link cell: one for a single link, split at separators for a multiple one. */
function cellParts(cell: ImportCell, multiple: boolean): string[] {
  const text = String(cell).trim();
  if (!multiple) return text === '' ? [] : [text];
  return text
    .split(/,\s|[\n，、；;]/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/**
 * Import: resolves the link cells of a chunk of rows. `prepare` reads, per link column, the
 * records whose id or label equals one of the chunk's texts; `cell` then turns one cell into
 * the field's value, or a RowError when a text names no record or more than one.
 */
export class LinkMatcher {
  private readonly byId = new Map<string, Set<string>>();
  private readonly byLabel = new Map<string, Map<string, string[]>>();

  constructor(
    private readonly records: RecordService,
    private readonly ctx: RecordContext,
  ) {}

  async prepare(meta: FieldMeta & { link: LinkTarget }, cells: ImportCell[]): Promise<void> {
    const target = meta.link;
    const key = targetKey(target);
    const texts = [
      ...new Set(cells.filter((c) => c !== null).flatMap((c) => cellParts(c, meta.link.multiple === true))),
    ];
    if (texts.length === 0) return;
    const ids = this.byId.get(key) ?? new Set<string>();
    for (const r of await readableByIds(this.records, this.ctx, target, texts)) ids.add(r.id);
    this.byId.set(key, ids);
    const labels = this.byLabel.get(key) ?? new Map<string, string[]>();
    this.byLabel.set(key, labels);
    const first = target.displayFields[0];
    if (first === undefined) return;
    const related = await relatedRead(this.ctx, target.formId);
    if (related === null) return;
    // Records whose first display value starts each label; the whole label is compared in memory.
    const firstParts = [...new Set(texts.map((t) => t.split(' · ')[0]!))];
    for (let i = 0; i < firstParts.length; i += BATCH) {
      let cursor: string | undefined;
      let read = 0;
      do {
        let page;
        try {
          page = await this.records.query(related, {
            filter: { rel: 'and', cond: [{ field: first, method: 'in', value: firstParts.slice(i, i + BATCH) }] },
            fields: [...target.displayFields],
            limit: 500,
            withTotal: false,
            ...(cursor === undefined ? {} : { cursor }),
          });
        } catch {
          break; // the display field cannot be filtered by text (a number, a hidden field): ids only
        }
        for (const record of page.items) {
          const label = linkedRecordLabel(record, target.displayFields);
          const same = labels.get(label) ?? [];
          if (!same.includes(record.id)) same.push(record.id);
          labels.set(label, same);
        }
        read += page.items.length;
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined && read < MATCH_CAP);
    }
  }

  /** The value of one link cell: record ids, matched by id first, then by a unique exact label. */
  cell(
    cell: ImportCell,
    meta: FieldMeta & { link: LinkTarget },
    field: string,
  ): { value: unknown } | { skip: true } | { error: RowError } {
    const multiple = meta.link.multiple === true;
    const parts = cell === null ? [] : cellParts(cell, multiple);
    if (parts.length === 0) return { skip: true };
    const key = targetKey(meta.link);
    const values: string[] = [];
    for (const part of parts) {
      if (this.byId.get(key)?.has(part)) {
        values.push(part);
        continue;
      }
      const matches = this.byLabel.get(key)?.get(part) ?? [];
      if (matches.length === 1) values.push(matches[0]!);
      else
        return {
          error: {
            field,
            rule: matches.length === 0 ? 'link' : 'link_ambiguous',
            message:
              matches.length === 0
                ? `"${part}" names no record of the linked form that you may read`
                : `"${part}" names ${matches.length} records of the linked form; use the record id`,
          },
        };
    }
    return { value: multiple ? [...new Set(values)] : values[0] };
  }
}
