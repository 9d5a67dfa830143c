import type { FieldMeta } from '@formloom/model';
import { newKey } from './field-key.js';
import { CHOICE_KINDS } from './palette.js';

/**
 * The metadata a field starts with when dropped from the palette: a label in the user's
 * language and whatever the kind needs to be valid (options, a serial pattern, subform columns).
 */
export function newFieldMeta(
  kind: string,
  label: string,
  optionLabel: (n: number) => string,
  /** The title of a new subform's first column (a text column). */
  columnLabel = optionLabel(1),
): FieldMeta {
  const meta: FieldMeta = { kind, label };
  if (CHOICE_KINDS.has(kind)) {
    const taken = new Set<string>();
    meta.options = [1, 2, 3].map((n) => {
      const value = newKey(taken, 'o_');
      taken.add(value);
      return { value, label: optionLabel(n) };
    });
  }
  if (kind === 'serial') meta.serial = { pattern: 'NO-{YYYY}{MM}{DD}-{0000}' };
  if (kind === 'money') meta.number = { precision: 2, thousands: true };
  if (kind === 'subform') meta.subform = { fields: { [newKey({})]: { kind: 'text', label: columnLabel } } };
  return meta;
}
