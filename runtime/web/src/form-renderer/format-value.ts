import type { FieldMeta } from '@formloom/model';
import dayjs from 'dayjs';
import { LINK_KINDS, type LinkLabels } from './widgets/use-link-labels';
import { DEPARTMENT_KINDS, PEOPLE_KINDS, type OrgNames } from './widgets/use-org-names';

/**
 * A stored value as the text a person reads: option labels instead of values, date-times in
 * the browser's zone, numbers with the field's precision, thousands separator and unit, people
 * and departments by name when `names` knows them (else their ids), linked records by their
 * display fields when `links` is given (a placeholder when not available, an ellipsis while loading).
 * Returns null for an empty value. The result is plain text (rendered by React as text).
 */
export function formatValue(
  meta: FieldMeta | undefined,
  value: unknown,
  yesNo: [string, string],
  names?: OrgNames,
  links?: LinkLabels,
): string | null {
  if (value === undefined || value === null || value === '') return null;
  const structured = formatStructured(meta, value, yesNo, names, links);
  if (structured !== undefined) return structured;
  if (Array.isArray(value)) {
    if (value.length === 0) return null;
    return value.map((v) => formatValue(meta, v, yesNo, names, links) ?? '').join(', ');
  }
  const kind = meta?.kind;
  if (typeof value === 'string' && kind !== undefined && names !== undefined) {
    if (PEOPLE_KINDS.has(kind)) return names.person(value) ?? value;
    if (DEPARTMENT_KINDS.has(kind)) return names.department(value) ?? value;
  }
  if (typeof value === 'string' && kind !== undefined && LINK_KINDS.has(kind) && meta?.link && links !== undefined) {
    const label = links.label(meta.link, value);
    return label === undefined ? '…' : (label ?? links.notAvailable);
  }
  if (typeof value === 'boolean') return value ? yesNo[0] : yesNo[1];
  if (typeof value === 'string' && meta?.options) {
    return meta.options.find((o) => o.value === value)?.label ?? value;
  }
  if (kind === 'datetime' && typeof value === 'string') {
    const d = dayjs(value);
    return d.isValid() ? d.format('YYYY-MM-DD HH:mm') : value;
  }
  if (typeof value === 'number') {
    const format = meta?.number ?? {};
    const fixed = format.precision === undefined ? String(value) : value.toFixed(format.precision);
    const [whole, fraction] = fixed.split('.');
    const grouped = format.thousands ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : whole;
    const text = fraction === undefined ? grouped : `${grouped}.${fraction}`;
    const suffix = format.unit ?? format.currency;
    return suffix ? `${text} ${suffix}` : text;
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const ADDRESS_PARTS = ['province', 'city', 'district', 'detail'] as const;

/** Address, location, subform rows and rich text as one line of text; undefined for other kinds. */
function formatStructured(
  meta: FieldMeta | undefined,
  value: unknown,
  yesNo: [string, string],
  names: OrgNames | undefined,
  links: LinkLabels | undefined,
): string | null | undefined {
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  switch (meta?.kind) {
    case 'address': {
      if (record === undefined) return undefined;
      const parts = ADDRESS_PARTS.map((k) => record[k]).filter((p): p is string => typeof p === 'string' && p !== '');
      return parts.length > 0 ? parts.join(' ') : null;
    }
    case 'location':
      if (record === undefined || typeof record.lat !== 'number' || typeof record.lng !== 'number') return undefined;
      return `${record.lat}, ${record.lng}${typeof record.address === 'string' ? ` (${record.address})` : ''}`;
    case 'richtext':
      // Shown as plain text: tags dropped, entities left as written (React renders it as text).
      return typeof value === 'string'
        ? value
            .replace(/<[^>]*>/g, ' ')
            .replace(/\s+/g, ' ')
            .trim() || null
        : undefined;
    case 'subform': {
      if (!Array.isArray(value)) return undefined;
      const columns = Object.entries(meta.subform?.fields ?? {});
      const rows = value.map((row: unknown) => {
        const cells = typeof row === 'object' && row !== null ? (row as Record<string, unknown>) : {};
        return columns
          .map(([key, column]) => formatValue(column, cells[key], yesNo, names, links))
          .filter((c): c is string => c !== null)
          .join(' / ');
      });
      return rows.length > 0 ? rows.join('; ') : null;
    }
    default:
      return undefined;
  }
}
