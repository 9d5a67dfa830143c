/**
 * Our helpers, the only ones a message template can call (besides handlebars' own `if`,
 * `unless`, `each` and `with`). Each takes values and returns a string; none reaches
 * anything outside its arguments and the template data.
 */
import type { HelperDelegate, HelperOptions } from 'handlebars';
import { displayValue } from './display-value.js';

export type TemplateFormat = 'html' | 'text' | 'json';

/** Helper names templates may use; everything else is refused when the template is compiled. */
export const TEMPLATE_HELPERS = ['formatDate', 'formatNumber', 'field', 'json', 'eq'] as const;

function isHelperOptions(value: unknown): value is HelperOptions {
  return typeof value === 'object' && value !== null && 'hash' in value && 'data' in value;
}

/** The positional arguments of a helper call (handlebars appends its options object last). */
function positional(args: unknown[]): unknown[] {
  return args.length > 0 && isHelperOptions(args[args.length - 1]) ? args.slice(0, -1) : args;
}

function hashOf(args: unknown[]): Record<string, unknown> {
  const last = args[args.length - 1];
  return isHelperOptions(last) ? (last.hash as Record<string, unknown>) : {};
}

const DATE_TOKENS = /YYYY|MM|DD|HH|mm|ss/g;

/** `{{formatDate task.dueAt "YYYY-MM-DD HH:mm" tz="Asia/Shanghai"}}`; default pattern `YYYY-MM-DD HH:mm`, zone UTC. */
export function formatDate(value: unknown, pattern: unknown, timeZone: unknown): string {
  if (typeof value !== 'string' && typeof value !== 'number') return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return displayValue(value);
  const zone = typeof timeZone === 'string' && timeZone !== '' ? timeZone : 'UTC';
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(date);
  } catch {
    return date.toISOString();
  }
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const tokens: Record<string, string> = {
    YYYY: part('year'),
    MM: part('month'),
    DD: part('day'),
    HH: part('hour'),
    mm: part('minute'),
    ss: part('second'),
  };
  const format = typeof pattern === 'string' && pattern !== '' ? pattern.slice(0, 64) : 'YYYY-MM-DD HH:mm';
  return format.replace(DATE_TOKENS, (token) => tokens[token] ?? token);
}

/** `{{formatNumber record.data.f_amount 2}}` → `12,345.00`; `grouping=false` drops the separators. */
export function formatNumber(value: unknown, decimals: unknown, grouping: unknown): string {
  const number =
    typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(number)) return displayValue(value);
  const digits =
    typeof decimals === 'number' && Number.isInteger(decimals) ? Math.min(Math.max(decimals, 0), 10) : undefined;
  return new Intl.NumberFormat('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits ?? 10,
    useGrouping: grouping !== false,
  }).format(number);
}

function own(object: unknown, key: string): unknown {
  if (typeof object !== 'object' || object === null) return undefined;
  return Object.prototype.hasOwnProperty.call(object, key) ? (object as Record<string, unknown>)[key] : undefined;
}

/** `{{field "Amount"}}`: the record's field by label (or by key), as display text. */
export function fieldValue(root: unknown, name: unknown): string {
  if (typeof name !== 'string') return '';
  const record = own(root, 'record');
  const labels = own(record, 'labels');
  if (typeof labels === 'object' && labels !== null && Object.prototype.hasOwnProperty.call(labels, name)) {
    return displayValue(own(labels, name));
  }
  return displayValue(own(own(record, 'data'), name));
}

/**
 * `{{json value}}`: the value as a JSON literal. In the `json` format the data's strings are
 * already escaped for a JSON string (see escapeStringsForJson), so they are only quoted here.
 */
export function jsonLiteral(value: unknown, format: TemplateFormat): string {
  if (format !== 'json') return JSON.stringify(value ?? null);
  const literal = (item: unknown): string => {
    if (item === null || item === undefined) return 'null';
    if (typeof item === 'string') return `"${item}"`;
    if (typeof item === 'number') return Number.isFinite(item) ? String(item) : 'null';
    if (typeof item === 'boolean') return String(item);
    if (Array.isArray(item)) return `[${item.map(literal).join(',')}]`;
    if (typeof item === 'object') {
      return `{${Object.entries(item)
        .map(([key, entry]) => `"${key}":${literal(entry)}`)
        .join(',')}}`;
    }
    return 'null';
  };
  return literal(value);
}

/** Escapes every `"` not already escaped (display text built from JSON-escaped strings stays valid inside a JSON string). */
function escapeUnescapedQuotes(text: string): string {
  let out = '';
  let backslashes = 0;
  for (const char of text) {
    if (char === '"' && backslashes % 2 === 0) out += '\\"';
    else out += char;
    backslashes = char === '\\' ? backslashes + 1 : 0;
  }
  return out;
}

/** The helpers of one output format, ready to register in an isolated environment. */
export function helpersFor(format: TemplateFormat): Record<(typeof TEMPLATE_HELPERS)[number], HelperDelegate> {
  return {
    formatDate: (...args: unknown[]) => {
      const [value, pattern] = positional(args);
      return formatDate(value, pattern, hashOf(args).tz);
    },
    formatNumber: (...args: unknown[]) => {
      const [value, decimals] = positional(args);
      return formatNumber(value, decimals, hashOf(args).grouping);
    },
    field: (...args: unknown[]) => {
      const options = args[args.length - 1];
      const root = isHelperOptions(options) ? own(options.data, 'root') : undefined;
      const text = fieldValue(root, positional(args)[0]);
      // In `json` the data's strings are escaped already; only the JSON text of a nameless object is not.
      return format === 'json' ? escapeUnescapedQuotes(text) : text;
    },
    json: (...args: unknown[]) => jsonLiteral(positional(args)[0], format),
    eq: (...args: unknown[]) => {
      const [a, b] = positional(args);
      return a === b;
    },
  };
}
