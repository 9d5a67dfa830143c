/**
 * Rich text as stored: the HTML a rich-text field may keep, rebuilt from an allowlist (no DOM,
 * so it runs the same on the server and in the browser). Tags outside the list are dropped but
 * their text is kept; the content of script-like elements (script, style, iframe, svg …) is
 * dropped with them. Attributes are kept only where listed; links and images only with
 * http(s) addresses (links also mailto:, relative and #anchors), checked after decoding
 * character references, so `javascript&#58;` or `java\nscript:` cannot slip through. Every
 * text and attribute value is re-escaped, so nothing the input spells can open a new tag.
 */

const ALLOWED_TAGS = new Set([
  'p',
  'br',
  'b',
  'strong',
  'i',
  'em',
  'u',
  's',
  'strike',
  'del',
  'sub',
  'sup',
  'ul',
  'ol',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'code',
  'a',
  'span',
  'div',
  'hr',
  'img',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
]);
const VOID_TAGS = new Set(['br', 'hr', 'img']);
/** Elements whose whole content goes with them (void ones such as embed are simply not allowed). */
const DROPPED_WITH_CONTENT = new Set([
  'script',
  'style',
  'iframe',
  'frameset',
  'object',
  'noscript',
  'noembed',
  'template',
  'textarea',
  'title',
  'xmp',
  'svg',
  'math',
  'select',
]);
const ALLOWED_ATTRIBUTES: Record<string, ReadonlySet<string>> = {
  a: new Set(['href', 'title']),
  img: new Set(['src', 'alt', 'width', 'height']),
  td: new Set(['colspan', 'rowspan']),
  th: new Set(['colspan', 'rowspan']),
};
const URL_ATTRIBUTES = new Set(['href', 'src']);
const NUMBER_ATTRIBUTES = new Set(['width', 'height', 'colspan', 'rowspan']);

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/y;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);?/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (text: string) => escapeText(text).replace(/"/g, '&quot;');

/** http(s), and for links also mailto:, relative paths and #anchors; nothing with another scheme. */
function safeUrl(raw: string, tag: string): string | null {
  const value = decodeEntities(raw).trim();
  // Browsers ignore tabs, newlines and control characters inside a scheme.
  const squeezed = [...value]
    .filter((c) => c.charCodeAt(0) > 0x20 && (c.charCodeAt(0) < 0x7f || c.charCodeAt(0) > 0x9f))
    .join('')
    .toLowerCase();
  if (/^https?:\/\//.test(squeezed)) return value;
  if (tag !== 'a') return null;
  if (squeezed.startsWith('mailto:')) return value;
  const scheme = /^([^/?#]*):/.exec(squeezed);
  return scheme === null ? value : null;
}

function attributesOf(tag: string, source: string): string {
  const allowed = ALLOWED_ATTRIBUTES[tag];
  if (!allowed) return '';
  let out = '';
  for (const match of source.matchAll(ATTRIBUTE)) {
    const name = match[1].toLowerCase();
    if (!allowed.has(name)) continue;
    const raw = match[2] ?? match[3] ?? match[4] ?? '';
    let value: string | null = decodeEntities(raw);
    if (URL_ATTRIBUTES.has(name)) value = safeUrl(raw, tag);
    else if (NUMBER_ATTRIBUTES.has(name)) value = /^\d{1,4}$/.test(value.trim()) ? value.trim() : null;
    if (value !== null && !out.includes(` ${name}=`)) out += ` ${name}="${escapeAttribute(value)}"`;
  }
  if (tag === 'a' && out.includes(' href=')) out += ' rel="noopener noreferrer nofollow"';
  return out;
}

/** The index just past `</tag>` after `from` in the lower-cased input (or its end). */
function skipContent(lower: string, tag: string, from: number): number {
  const close = lower.indexOf(`</${tag}`, from);
  if (close < 0) return lower.length;
  const end = lower.indexOf('>', close);
  return end < 0 ? lower.length : end + 1;
}

export function sanitizeHtml(html: string): string {
  const lower = html.toLowerCase();
  let out = '';
  const open: string[] = [];
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      out += escapeText(decodeEntities(html.slice(i)));
      break;
    }
    out += escapeText(decodeEntities(html.slice(i, lt)));
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    TAG.lastIndex = lt;
    const tag = TAG.exec(html);
    if (tag === null) {
      // Not a tag: a declaration, a processing instruction or a stray '<'.
      if ('!?/'.includes(html[lt + 1] ?? '')) {
        const end = html.indexOf('>', lt);
        i = end < 0 ? html.length : end + 1;
      } else {
        out += '&lt;';
        i = lt + 1;
      }
      continue;
    }
    i = lt + tag[0].length;
    const [, closing, rawName, attributes] = tag;
    const name = rawName.toLowerCase();
    if (!closing && DROPPED_WITH_CONTENT.has(name)) {
      if (tag[4] !== '/') i = skipContent(lower, name, i);
      continue;
    }
    if (!ALLOWED_TAGS.has(name)) continue;
    if (closing) {
      const at = open.lastIndexOf(name);
      if (at < 0) continue;
      for (const inner of open.splice(at).reverse()) out += `</${inner}>`;
    } else if (VOID_TAGS.has(name)) {
      out += `<${name}${attributesOf(name, attributes)}>`;
    } else {
      out += `<${name}${attributesOf(name, attributes)}>`;
      open.push(name);
    }
  }
  for (const inner of open.reverse()) out += `</${inner}>`;
  return out;
}
