/**
 * Serial-number patterns such as `CUS-{YYYY}{MM}-{0000}`: literal text, date tokens {YYYY} {YY}
 * {MM} {DD}, and exactly one counter token of zeros ({0000} = at least 4 digits). The counter
 * restarts whenever the date part changes.
 */
export type SerialToken =
  | { type: 'text'; text: string }
  | { type: 'date'; token: 'YYYY' | 'YY' | 'MM' | 'DD' }
  | { type: 'counter'; width: number };

export type ParsedSerialPattern = { ok: true; tokens: SerialToken[] } | { ok: false; message: string };

const TOKEN = /\{([^{}]*)\}/g;
const DATE_TOKENS = new Set(['YYYY', 'YY', 'MM', 'DD']);

export function parseSerialPattern(pattern: string): ParsedSerialPattern {
  const tokens: SerialToken[] = [];
  let last = 0;
  let counters = 0;
  for (const m of pattern.matchAll(TOKEN)) {
    if (m.index > last) tokens.push({ type: 'text', text: pattern.slice(last, m.index) });
    last = m.index + m[0].length;
    const inner = m[1];
    if (DATE_TOKENS.has(inner)) tokens.push({ type: 'date', token: inner as 'YYYY' | 'YY' | 'MM' | 'DD' });
    else if (/^0{1,12}$/.test(inner)) {
      counters++;
      tokens.push({ type: 'counter', width: inner.length });
    } else
      return { ok: false, message: `Unknown token {${inner}}: use {YYYY} {YY} {MM} {DD} or a counter like {0000}` };
  }
  if (last < pattern.length) tokens.push({ type: 'text', text: pattern.slice(last) });
  const literal = tokens
    .filter((t) => t.type === 'text')
    .map((t) => (t as { text: string }).text)
    .join('');
  if (/[{}]/.test(literal)) return { ok: false, message: 'Unbalanced { or } in the pattern' };
  if (counters !== 1) return { ok: false, message: 'The pattern needs exactly one counter token such as {0000}' };
  return { ok: true, tokens };
}

export interface SerialDate {
  YYYY: string;
  YY: string;
  MM: string;
  DD: string;
}

/** The date part the counter is kept per (`202611` for `{YYYY}{MM}`); `all` without date tokens. */
export function serialPeriod(tokens: SerialToken[], date: SerialDate): string {
  const parts = tokens.filter((t) => t.type === 'date').map((t) => date[(t as { token: keyof SerialDate }).token]);
  return parts.length ? parts.join('') : 'all';
}

export function formatSerial(tokens: SerialToken[], date: SerialDate, counter: number): string {
  return tokens
    .map((t) =>
      t.type === 'text' ? t.text : t.type === 'date' ? date[t.token] : String(counter).padStart(t.width, '0'),
    )
    .join('');
}

/** The date tokens of `YYYY-MM-DD`. */
export function serialDate(localDate: string): SerialDate {
  const [YYYY, MM, DD] = localDate.split('-');
  return { YYYY, YY: YYYY.slice(2), MM, DD };
}
