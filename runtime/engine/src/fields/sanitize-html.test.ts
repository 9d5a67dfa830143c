import { describe, expect, it } from 'vitest';
import { fieldKinds } from './registry.js';
import { sanitizeHtml } from './sanitize-html.js';

const RUN = 'window.__xss=1';

describe('sanitizeHtml (rich text as stored)', () => {
  it('keeps ordinary formatting, lists, tables, http(s) links and images', () => {
    const html =
      '<h2>标题</h2><p>Hello <b>bold</b> <em>it</em> &amp; <u>u</u><br>next</p><ul><li>one</li></ul>' +
      '<table><tbody><tr><td colspan="2">cell</td></tr></tbody></table>' +
      '<a href="https://example.com/a?b=1&amp;c=2" title="t">link</a><img src="http://example.com/x.png" alt="x">';
    expect(sanitizeHtml(html)).toBe(
      '<h2>标题</h2><p>Hello <b>bold</b> <em>it</em> &amp; <u>u</u><br>next</p><ul><li>one</li></ul>' +
        '<table><tbody><tr><td colspan="2">cell</td></tr></tbody></table>' +
        '<a href="https://example.com/a?b=1&amp;c=2" title="t" rel="noopener noreferrer nofollow">link</a>' +
        '<img src="http://example.com/x.png" alt="x">',
    );
  });

  it.each([
    [`<img src=x onerror="${RUN}">`, '<img>'],
    [`<script>${RUN}</script>after`, 'after'],
    [`<SCRIPT src="//evil"></SCRIPT>after`, 'after'],
    [`<svg onload="${RUN}"><circle/></svg>after`, 'after'],
    [`<iframe srcdoc="<script>${RUN}</script>"></iframe>after`, 'after'],
    [`<style>body{background:url(javascript:x)}</style>after`, 'after'],
    [`<a href="javascript:${RUN}">x</a>`, '<a>x</a>'],
    [`<a href="JaVaScRiPt&#58;${RUN}">x</a>`, '<a>x</a>'],
    [`<a href="java\nscript:${RUN}">x</a>`, '<a>x</a>'],
    [`<a href=" &#x6A;avascript:${RUN}">x</a>`, '<a>x</a>'],
    [`<a href="data:text/html,<script>${RUN}</script>">x</a>`, '<a>x</a>'],
    [`<img src="data:image/svg+xml,<svg onload=${RUN}>">`, '<img>'],
    [`<p onclick="${RUN}" style="x" class="c">p</p>`, '<p>p</p>'],
    [`<div><img/src=x onerror=${RUN}></div>`, `<div>&lt;img/src=x onerror=${RUN}&gt;</div>`],
    ['<!-- <script>x</script> -->kept', 'kept'],
    ['<object data="x"></object><embed src="x">after', 'after'],
  ])('defuses %s', (input, expected) => {
    expect(sanitizeHtml(input)).toBe(expected);
  });

  it('escapes text so nothing in it can open a tag, and balances unclosed tags', () => {
    expect(sanitizeHtml('a < b & c > d')).toBe('a &lt; b &amp; c &gt; d');
    expect(sanitizeHtml('&lt;script&gt;alert(1)&lt;/script&gt;')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(sanitizeHtml('<p><b>open')).toBe('<p><b>open</b></p>');
    expect(sanitizeHtml('</p>stray<p>x</b></p>')).toBe('stray<p>x</p>');
    expect(sanitizeHtml('<a href="/records/1">rel</a><a href="#top">top</a><a href="mailto:a@b.cn">m</a>')).toBe(
      '<a href="/records/1" rel="noopener noreferrer nofollow">rel</a>' +
        '<a href="#top" rel="noopener noreferrer nofollow">top</a>' +
        '<a href="mailto:a@b.cn" rel="noopener noreferrer nofollow">m</a>',
    );
  });

  it('gives the same result when sanitizing what it already sanitized', () => {
    const once = sanitizeHtml(
      `<p>a &amp; b &lt;i&gt; <a href="https://x.cn/?a=1&b=2">l</a></p><img src=x onerror=${RUN}>`,
    );
    expect(sanitizeHtml(once)).toBe(once);
  });

  it('stays fast on hostile input', () => {
    const hostile = '<a' + ' b=c'.repeat(20_000) + '<p ' + '"'.repeat(20_000) + '<'.repeat(20_000);
    const started = performance.now();
    sanitizeHtml(hostile);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('is what the rich-text field kind stores', () => {
    const spec = fieldKinds.get('richtext');
    expect(spec.normalize?.(`<p>ok</p><script>${RUN}</script>`, { kind: 'richtext', label: 'R' })).toBe('<p>ok</p>');
  });
});
