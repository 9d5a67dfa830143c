import { afterEach, describe, expect, it } from 'vitest';
import { isFormloomError } from '@formloom/model';
import {
  buildTemplateData,
  HANDLEBARS_VERSION,
  renderTemplate,
  validateTemplate,
  type TemplateFormat,
} from '@formloom/engine/templates';

/**
 * Server-side template injection: every template below is either refused (a VALIDATION_FAILED
 * FormloomError) or rendered as harmless text. None may run code: the payloads try to set
 * `globalThis.__formloomPwned`, pollute Object.prototype or print native functions.
 */
const MARKER = '__formloomPwned';
const CODE = `globalThis.${MARKER} = 1; return 1`;

const CONSTRUCTOR_CHAIN = `{{#with "s" as |string|}}
  {{#with "e"}}
    {{#with split as |conslist|}}
      {{this.pop}}
      {{this.push (lookup string.sub "constructor")}}
      {{this.pop}}
      {{#with string.split as |codelist|}}
        {{this.pop}}
        {{this.push "${CODE}"}}
        {{this.pop}}
        {{#each conslist}}
          {{#with (string.sub.apply 0 codelist)}}
            {{this}}
          {{/with}}
        {{/each}}
      {{/with}}
    {{/with}}
  {{/with}}
{{/with}}`;

const CONSTRUCTOR_CHAIN_NO_LOOKUP = CONSTRUCTOR_CHAIN.replace(
  '(lookup string.sub "constructor")',
  'string.sub.constructor',
);

const CORPUS: Array<[string, string]> = [
  ['constructor chain (with … as |string|)', CONSTRUCTOR_CHAIN],
  ['constructor chain without lookup', CONSTRUCTOR_CHAIN_NO_LOOKUP],
  ['constructor.constructor call', `{{constructor.constructor "${CODE}"}}`],
  ['constructor.constructor read', '{{constructor.constructor}}'],
  ['this.constructor', '{{this.constructor}}'],
  ['literal segment [constructor]', '{{this.[constructor]}}'],
  ['@root.constructor', '{{@root.constructor}}'],
  ['parent constructor', '{{#with record}}{{../constructor}}{{/with}}'],
  ['block param constructor', '{{#with record as |r|}}{{r.constructor.name}}{{/with}}'],
  ['string primitive method', '{{#with "abc" as |s|}}{{s.toUpperCase}}{{s.sub}}{{/with}}'],
  ['string constructor via each', '{{#each "abc"}}{{this.constructor}}{{/each}}'],
  ['eq result constructor', '{{#with (eq 1 1) as |b|}}{{b.constructor}}{{/with}}'],
  ['__proto__ read', '{{__proto__}}'],
  ['__proto__ nested', '{{record.__proto__.polluted}}'],
  ['__proto__ with block', '{{#with __proto__}}{{constructor}}{{/with}}'],
  ['prototype read', '{{record.prototype}}'],
  ['__defineGetter__ call', '{{__defineGetter__ "polluted" "x"}}'],
  ['__defineGetter__ read', '{{record.__defineGetter__}}'],
  ['__lookupGetter__', '{{record.__lookupGetter__ "__proto__"}}'],
  ['hasOwnProperty method', '{{record.hasOwnProperty "id"}}'],
  ['toString method', '{{record.toString}}'],
  ['valueOf method', '{{record.valueOf}}'],
  ['lookup constructor', '{{lookup this "constructor"}}'],
  ['nested lookup', '{{lookup (lookup this "constructor") "constructor"}}'],
  ['lookup in block', '{{#with (lookup this "constructor") as |c|}}{{c}}{{/with}}'],
  ['each over lookup', '{{#each (lookup this "__proto__")}}{{@key}}{{/each}}'],
  ['log helper', '{{log "hello" level="error"}}'],
  ['helperMissing direct', '{{helperMissing "x"}}'],
  ['helperMissing bare', '{{helperMissing}}'],
  ['blockHelperMissing block', '{{#blockHelperMissing "x"}}y{{/blockHelperMissing}}'],
  ['unknown helper', '{{exec "rm -rf /"}}'],
  ['unknown block helper', '{{#exec "id"}}{{/exec}}'],
  ['unknown subexpression', '{{formatDate (exec "id")}}'],
  ['partial', '{{> evil}}'],
  ['dynamic partial', '{{> (lookup . "partial") }}'],
  ['partial block', '{{#> layout}}x{{/layout}}'],
  ['inline partial decorator', '{{#*inline "evil"}}{{constructor}}{{/inline}}{{> evil}}'],
  ['decorator', '{{* inline "x"}}'],
  ['triple-stash constructor', '{{{constructor}}}'],
  ['ampersand constructor', '{{& constructor.constructor}}'],
  ['with constructor then call', '{{#with constructor as |C|}}{{C "x"}}{{/with}}'],
  ['each with constructor key', '{{#each this}}{{#with this.constructor}}{{this}}{{/with}}{{/each}}'],
  ['data frame constructor', '{{#each record.fields}}{{@index.constructor}}{{/each}}'],
  ['helper on constructor', '{{formatNumber constructor}}{{json constructor}}{{field "constructor"}}'],
  ['json of prototype', '{{json __proto__}}'],
  ['field helper with __proto__', '{{field "__proto__"}}'],
];

const FORMATS: TemplateFormat[] = ['text', 'html', 'json'];

const data = buildTemplateData({
  record: { id: 'r1', formId: 'f1', data: { f_title: 'Hello' } },
  fields: [{ key: 'f_title', label: 'Title' }],
  task: { id: 't1' },
  link: 'https://formloom.example/tasks/t1',
});

function escapeHtml(text: string): string {
  const entities: Record<string, string> = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    "'": '&#x27;',
    '`': '&#x60;',
    '=': '&#x3D;',
  };
  return text.replace(/[&<>"'`=]/g, (c) => entities[c] ?? c);
}

function pwned(): boolean {
  return (
    (globalThis as Record<string, unknown>)[MARKER] !== undefined ||
    ({} as Record<string, unknown>).polluted !== undefined
  );
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>)[MARKER];
});

/** Renders or refuses; a refusal must be our validation error, a render must be plain text. */
function attempt(source: unknown, format: TemplateFormat, input: unknown = data): { refused: boolean; output: string } {
  try {
    return { refused: false, output: renderTemplate(source, input, { format }) };
  } catch (error) {
    expect(isFormloomError(error), String(error)).toBe(true);
    if (isFormloomError(error)) expect(error.code).toBe('VALIDATION_FAILED');
    return { refused: true, output: '' };
  }
}

describe('template injection corpus', () => {
  it('runs on handlebars 4.7.10 or newer', () => {
    const [major, minor, patch] = HANDLEBARS_VERSION.split('.').map(Number);
    expect(major * 10_000 + minor * 100 + patch).toBeGreaterThanOrEqual(40_710);
  });

  it.each(CORPUS)('%s → refused or text, never executed', (_name, source) => {
    for (const format of FORMATS) {
      const { refused, output } = attempt(source, format);
      expect(pwned()).toBe(false);
      if (!refused) {
        expect(output).not.toMatch(/native code|function\s*\w*\s*\(/);
        expect(output).not.toContain(MARKER);
      }
    }
  });

  it('refuses the whole exploit family before rendering (validation names the rule)', () => {
    const refusedByValidation = CORPUS.filter(([, source]) => validateTemplate(source, 'html').length > 0).map(
      ([name]) => name,
    );
    // Everything that touches a prototype key, an unknown helper, a partial or a decorator is refused up front.
    for (const name of [
      'constructor chain (with … as |string|)',
      'constructor chain without lookup',
      'constructor.constructor call',
      '__proto__ read',
      '__defineGetter__ call',
      'lookup constructor',
      'log helper',
      'partial',
      'inline partial decorator',
      'triple-stash constructor',
    ]) {
      expect(refusedByValidation).toContain(name);
    }
  });

  it('refuses template sources that are not strings (an AST object would be compiled as code)', () => {
    // What Handlebars.parse('{{record.id}}') returns: compile() would turn it into code unparsed.
    const ast = {
      type: 'Program',
      body: [
        {
          type: 'MustacheStatement',
          path: { type: 'PathExpression', parts: ['record', 'id'], original: 'record.id' },
          params: [],
          escaped: true,
        },
      ],
      blockParams: [],
    };
    for (const source of [ast, { type: 'Program', body: [] }, ['{{x}}'], 42, null, { toString: () => '{{x}}' }]) {
      expect(attempt(source, 'text').refused).toBe(true);
    }
  });

  it('prints templates typed into record values as text, never renders them', () => {
    const hostile = [
      CONSTRUCTOR_CHAIN,
      `{{constructor.constructor "${CODE}"}}`,
      '{{#each this}}{{/each}}',
      '{{> evil}}',
      '<script>alert(1)</script>',
    ];
    for (const value of hostile) {
      const input = buildTemplateData({
        record: { id: 'r1', data: { f_title: value } },
        fields: [{ key: 'f_title', label: 'Title' }],
      });
      expect(renderTemplate('{{record.data.f_title}}', input, { format: 'text' })).toBe(value);
      expect(renderTemplate('{{field "Title"}}', input, { format: 'text' })).toBe(value);
      expect(renderTemplate('{{record.labels.Title}}', input, { format: 'html' })).toBe(escapeHtml(value));
      const json = JSON.parse(renderTemplate('{"t": "{{record.data.f_title}}"}', input, { format: 'json' })) as {
        t: string;
      };
      expect(json.t).toBe(value);
      expect(pwned()).toBe(false);
    }
  });

  it('never calls functions or reads prototype keys from the data', () => {
    let called = false;
    const input = {
      fn: () => {
        called = true;
        return 'called';
      },
      nested: { run: () => (called = true) },
      ...(JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": {"name": "x"}}') as Record<string, unknown>),
    };
    expect(renderTemplate('[{{fn}}][{{nested.run}}][{{polluted}}]{{#fn}}block{{/fn}}', input)).toBe('[][][]');
    expect(called).toBe(false);
    expect(pwned()).toBe(false);
  });

  it('keeps helper-name keys in the data as plain values (no helper override)', () => {
    const input = { helperMissing: 'x', blockHelperMissing: 'y', lookup: 'z', each: 'w' };
    expect(renderTemplate('{{helperMissing}}|{{blockHelperMissing}}|{{lookup}}', input)).toBe('x|y|z');
    expect(validateTemplate('{{helperMissing "a"}}')[0]).toMatchObject({ rule: 'unknownHelper' });
    expect(renderTemplate('{{#each items}}{{this}}{{/each}}', { ...input, items: [1, 2] })).toBe('12');
  });
});
