/**
 * Stored form ↔ display form of formulas. Stored formulas reference fields by key
 * (`{f_amount}`, `{f_items.f_price}`); the designer shows labels (`{金额}`, `{明细.单价}`).
 * Only text inside braces outside string literals is converted. A label that is shared by two
 * fields, or contains `{`, `}`, `"` or `.`, cannot be told apart, so such a field is shown by its key.
 */
import { splitFieldReference } from './ast.js';

export interface FieldLabelInfo {
  label?: string;
  kind?: string;
  subform?: { fields: Record<string, { label?: string; kind?: string }> };
}

export interface FormulaReferenceLabels {
  /** `f_amount` → `金额`, `f_items.f_price` → `明细.单价`. */
  labelsByKey: Record<string, string>;
  /** The reverse; keys also map to themselves so a key typed in the designer still works. */
  keysByLabel: Record<string, string>;
}

const usable = (label: string | undefined): label is string =>
  typeof label === 'string' && label.trim() !== '' && !/[{}".]/.test(label);

function unique(entries: Array<[string, string | undefined]>): Map<string, string> {
  const counts = new Map<string, number>();
  for (const [, label] of entries) if (usable(label)) counts.set(label.trim(), (counts.get(label.trim()) ?? 0) + 1);
  const out = new Map<string, string>();
  for (const [key, label] of entries)
    out.set(key, usable(label) && counts.get(label.trim()) === 1 ? label.trim() : key);
  return out;
}

/** Builds both maps from a form's fields (subform columns included). */
export function formulaReferenceLabels(fields: Record<string, FieldLabelInfo>): FormulaReferenceLabels {
  const labelsByKey: Record<string, string> = {};
  const keysByLabel: Record<string, string> = {};
  const top = unique(Object.entries(fields).map(([k, f]) => [k, f.label]));
  for (const [key, shown] of top) {
    labelsByKey[key] = shown;
    keysByLabel[shown] = key;
    keysByLabel[key] = key;
    const columns = fields[key].subform?.fields;
    if (!columns) continue;
    for (const [column, columnShown] of unique(Object.entries(columns).map(([c, f]) => [c, f.label]))) {
      labelsByKey[`${key}.${column}`] = `${shown}.${columnShown}`;
      keysByLabel[`${shown}.${columnShown}`] = `${key}.${column}`;
      keysByLabel[`${key}.${column}`] = `${key}.${column}`;
    }
  }
  return { labelsByKey, keysByLabel };
}

/** Rewrites the text inside each `{…}` reference (outside string literals) with `map`. */
function mapReferences(text: string, map: (inner: string) => string | undefined): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length) {
        if (text[j] === '"' && text[j + 1] === '"') j += 2;
        else if (text[j] === '"') break;
        else j++;
      }
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === '{') {
      const close = text.indexOf('}', i + 1);
      if (close < 0) return out + text.slice(i);
      const inner = text.slice(i + 1, close);
      const mapped = map(inner.trim());
      out += mapped === undefined ? text.slice(i, close + 1) : `{${mapped}}`;
      i = close + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** `{f_amount}*2` → `{金额}*2`. Unknown keys are left as they are. */
export function toDisplay(formula: string, labelsByKey: Record<string, string>): string {
  return mapReferences(formula, (inner) => (Object.hasOwn(labelsByKey, inner) ? labelsByKey[inner] : undefined));
}

/** `{金额}*2` → `{f_amount}*2`. Unknown labels are left as they are (the checker reports them). */
export function fromDisplay(text: string, keysByLabel: Record<string, string>): string {
  return mapReferences(text, (inner) => {
    if (Object.hasOwn(keysByLabel, inner)) return keysByLabel[inner];
    const { key, column } = splitFieldReference(inner);
    if (column === undefined) return undefined;
    const k = `${key}.${column}`;
    return Object.hasOwn(keysByLabel, k) ? keysByLabel[k] : undefined;
  });
}
