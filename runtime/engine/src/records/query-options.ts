import { badRequest, type Filter } from '@formloom/model';
import { escapeRegex, MATCH_NOTHING } from '../conditions/compile-condition.js';
import { restrictCatalogue } from '../conditions/field-catalogue.js';
import type { CompiledForm } from './compiled-form.js';
import type { SortPath } from './query-cursor.js';
import type { RecordContext, RecordQuery } from './record-service.types.js';

/** The query's sort as stored paths over readable sortable fields, always ending with `_id` (400 naming `sort[i]`). */
export function resolveSort(query: RecordQuery, form: CompiledForm, ctx: RecordContext): SortPath[] {
  const requested = query.sort ?? [];
  if (!Array.isArray(requested) || requested.length > 5)
    throw badRequest('Invalid sort', [
      { path: 'sort', rule: 'type', message: 'sort is an array of at most 5 {field, dir}' },
    ]);
  const readable = restrictCatalogue(form.catalogue, ctx.access.readableFields);
  const sort: SortPath[] = requested.map((key, i) => {
    const at = `sort[${i}]`;
    if (key === null || typeof key !== 'object' || Array.isArray(key))
      throw badRequest('Invalid sort', [{ path: at, rule: 'type', message: 'Must be {field, dir}' }]);
    const extra = Object.keys(key).find((k) => k !== 'field' && k !== 'dir');
    if (extra)
      throw badRequest('Invalid sort', [
        { path: `${at}.${extra}`, rule: 'unknownKey', message: 'A sort key has field and dir' },
      ]);
    const entry = typeof key.field === 'string' ? readable.get(key.field) : undefined;
    if (!entry || !entry.spec.sortable)
      throw badRequest('Invalid sort', [
        { path: `${at}.field`, rule: 'unknownField', message: 'Not a field you can sort on' },
      ]);
    if (key.dir !== 'asc' && key.dir !== 'desc')
      throw badRequest('Invalid sort', [{ path: `${at}.dir`, rule: 'enum', message: 'dir must be asc or desc' }]);
    return { path: entry.path, dir: key.dir === 'asc' ? 1 : -1 };
  });
  if (sort.length === 0) sort.push({ path: '_createdAt', dir: -1 });
  const withoutId = sort.filter((s) => s.path !== '_id');
  withoutId.push({ path: '_id', dir: sort.find((s) => s.path === '_id')?.dir ?? sort[0].dir });
  return withoutId;
}

/** The keyword as an escaped case-insensitive regex OR-ed over the readable searchable fields; null without a keyword. */
export function keywordFilter(keyword: unknown, form: CompiledForm, ctx: RecordContext): Filter | null {
  if (keyword === undefined || keyword === '') return null;
  if (typeof keyword !== 'string' || keyword.length > 200)
    throw badRequest('Invalid keyword', [
      { path: 'keyword', rule: 'type', message: 'keyword is text of at most 200 characters' },
    ]);
  const readable = ctx.access.readableFields;
  const keys = form.searchableKeys.filter((k) => !readable || readable.has(k));
  if (!keys.length) return MATCH_NOTHING;
  const regex = { $regex: escapeRegex(keyword.trim()), $options: 'i' };
  return keys.length === 1 ? { [keys[0]]: regex } : { $or: keys.map((k) => ({ [k]: regex })) };
}

/** The field keys a query asks for (each must be readable); null = every readable field. */
export function selectedFields(fields: unknown, form: CompiledForm, ctx: RecordContext): Set<string> | null {
  if (fields === undefined) return null;
  if (!Array.isArray(fields) || fields.length > 500)
    throw badRequest('Invalid fields', [{ path: 'fields', rule: 'type', message: 'fields is an array of field keys' }]);
  const readable = ctx.access.readableFields;
  fields.forEach((f, i) => {
    if (typeof f !== 'string' || !form.valueFields.has(f) || (readable && !readable.has(f)))
      throw badRequest('Invalid fields', [
        { path: `fields[${i}]`, rule: 'unknownField', message: 'Not a field you can read' },
      ]);
  });
  return new Set(fields as string[]);
}
