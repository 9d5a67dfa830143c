import type { FieldMeta } from '@formloom/model';
import dayjs from 'dayjs';

/**
 * A stored value as the text a person reads: option labels instead of values, date-times in
 * the browser's zone, numbers with the field's precision, thousands separator and unit.
 * Returns null for an empty value. The result is plain text (rendered by React as text).
 */
export function formatValue(meta: FieldMeta | undefined, value: unknown, yesNo: [string, string]): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (Array.isArray(value)) {
    if (value.length === 0) return null;
    return value.map((v) => formatValue(meta, v, yesNo) ?? '').join(', ');
  }
  const kind = meta?.kind;
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
