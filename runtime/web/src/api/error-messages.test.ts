/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FORMULA_MESSAGES } from '@formloom/engine/formulas';
import type { FormDefinition } from '@formloom/model';
import { describe, expect, it } from 'vitest';
import {
  codeMessage,
  detailMessage,
  errorBodyOf,
  errorLanguage,
  errorMessage,
  fieldParams,
  hasCodeMessage,
  hasRuleMessage,
  ruleMessage,
  signInFailedMessage,
} from './error-messages';
import { REPO_ROOT, serverSourceFiles } from '../../../../test/support/server-sources.js';

const repo = REPO_ROOT;
const SERVER_SOURCES = ['runtime/model/src', 'runtime/engine/src', 'platform/src', 'plugins'];

/** ajv's keywords: the rule of every detail ajvErrorsToDetails and the HTTP layer make from ajv errors (`rule: e.keyword`). */
const AJV_KEYWORDS = [
  'type',
  'required',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'pattern',
  'format',
  'enum',
  'const',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'additionalProperties',
  'additionalItems',
  'propertyNames',
  'dependencies',
  'dependentRequired',
  'anyOf',
  'oneOf',
  'not',
  'if',
  'contains',
  'minContains',
  'maxContains',
  'unevaluatedProperties',
  'unevaluatedItems',
  'false schema',
];

/** The arguments of a call whose `(` is at `open`, split at top-level commas (strings and brackets respected). */
function callArguments(text: string, open: number): string[] {
  const args: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = open + 1;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) {
        args.push(text.slice(start, i));
        return args;
      }
    } else if (c === ',' && depth === 1) {
      args.push(text.slice(start, i));
      start = i + 1;
    }
  }
  return args;
}

const literals = (expression: string) => [...expression.matchAll(/'([^'\n]*)'|"([^"\n]*)"/g)].map((m) => m[1] ?? m[2]);

/**
 * Every rule code the server sources emit: `rule: 'x'` (also `rule: a ? 'x' : 'y'`), and the
 * literal passed as the `rule` parameter of helpers declared with one (`detail(path, 'option', …)`).
 * Template-literal rules (`formula.${code}`) are listed by their source (the formula checker's codes).
 * The flow linter's codes (`flow.noEnd` …) carry parameters and have their own catalogue
 * (runtime/engine/src/flows/definitions/lint-messages.ts), which the flow designer renders.
 */
function serverRuleCodes(): Map<string, string> {
  const found = new Map<string, string>();
  const files = serverSourceFiles(SERVER_SOURCES);
  const texts = files.map((file) => ({ file: file.slice(repo.length), text: readFileSync(file, 'utf8') }));
  for (const { file, text } of texts) {
    for (const m of text.matchAll(/\brule:\s*([^,}\n]+)/g))
      for (const code of literals(m[1])) if (!found.has(code)) found.set(code, file);
    // Helpers taking a rule: `function detail(path: string, rule: string, …)`, `const fail = (rule: string, …) =>`.
    const helpers = [
      ...text.matchAll(
        /(?:function\s+(\w+)|(?:const|let)\s+(\w+)\s*=)\s*(?:<[^>]*>)?\(([^()]*\brule: string[^()]*)\)/g,
      ),
    ];
    for (const helper of helpers) {
      const name = helper[1] ?? helper[2];
      const position = helper[3].split(',').findIndex((p: string) => /^\s*rule\b/.test(p));
      // A helper is called in its own file, or imported by name elsewhere.
      for (const other of texts) {
        if (
          other.text !== text &&
          !new RegExp(`import\\s*(type\\s*)?\\{[^}]*\\b${name}\\b[^}]*\\}\\s*from`).test(other.text)
        )
          continue;
        for (const call of other.text.matchAll(new RegExp(`\\b${name}\\(`, 'g'))) {
          const arg = callArguments(other.text, call.index + name.length)[position] ?? '';
          const [code] = /^\s*['"]/.test(arg) ? literals(arg) : [];
          if (code !== undefined && !found.has(code)) found.set(code, other.file);
        }
      }
    }
  }
  for (const code of Object.keys(FORMULA_MESSAGES.en)) found.set(`formula.${code}`, 'formula checker');
  for (const keyword of AJV_KEYWORDS) if (!found.has(keyword)) found.set(keyword, 'ajv');
  return found;
}

function serverErrorCodes(): string[] {
  const errors = readFileSync(join(repo, 'runtime/model/src/errors.ts'), 'utf8');
  const union = /export type ErrorCode =([^;]+);/.exec(errors)?.[1] ?? '';
  return literals(union);
}

describe('the server error catalogue', () => {
  const rules = serverRuleCodes();

  it('finds the rule codes in the server sources (the walk itself works)', () => {
    for (const known of ['required', 'unique', 'systemField', 'option', 'phone', 'maxSize', 'formula.unknownField'])
      expect(rules.has(known), known).toBe(true);
    expect(rules.size).toBeGreaterThan(60);
  });

  it('has a zh-CN and an en message for every rule the server emits', () => {
    const missing = [...rules].filter(([code]) => !hasRuleMessage(code)).map(([code, file]) => `${code} (${file})`);
    expect(missing).toEqual([]);
  });

  it('has a zh-CN and an en message for every error code, and for the client-side NETWORK', () => {
    const codes = [...serverErrorCodes(), 'NETWORK'];
    expect(codes).toContain('RATE_LIMITED');
    expect(codes.filter((code) => !hasCodeMessage(code))).toEqual([]);
  });
});

const definition: FormDefinition = {
  schema: {
    type: 'object',
    properties: {
      f_name: { type: 'string', maxLength: 20 },
      f_items: { type: 'array' },
      f_files: { type: 'array' },
    },
  },
  uiSchema: {},
  fields: {
    f_name: { kind: 'text', label: '客户名称' },
    f_items: {
      kind: 'subform',
      label: '明细',
      subform: { fields: { f_qty: { kind: 'number', label: '数量' } }, maxRows: 3 },
    },
    f_files: { kind: 'attachment', label: '附件', file: { maxCount: 2, maxSizeMb: 5 } },
  },
};

describe('messages', () => {
  it('translates a rule with the limit from the field and its label in front', () => {
    const detail = { path: 'data.f_name', rule: 'maxLength', message: 'must NOT have more than 20 characters' };
    expect(ruleMessage(detail, 'zh-CN', fieldParams(definition, detail))).toBe('最多 20 个字符');
    expect(detailMessage(detail, 'zh-CN', fieldParams(definition, detail))).toBe('客户名称：最多 20 个字符');
    expect(detailMessage(detail, 'en', fieldParams(definition, detail))).toBe('客户名称: At most 20 characters');
  });

  it('names a subform cell by its row and column, and takes row and file limits from the settings', () => {
    const cell = { path: 'data.f_items.1.f_qty', rule: 'type', message: 'must be number' };
    expect(detailMessage(cell, 'zh-CN', fieldParams(definition, cell))).toBe('明细 #2 · 数量：请输入数字');
    const rows = { path: 'data.f_items', rule: 'maxItems', message: 'At most 3 row(s)' };
    expect(ruleMessage(rows, 'en', fieldParams(definition, rows))).toBe('At most 3 entries');
    const size = { path: 'data.f_files.0.size', rule: 'maxSize', message: 'At most 5 MB' };
    expect(detailMessage(size, 'zh-CN', fieldParams(definition, size))).toBe('附件：文件超过 5 MB');
  });

  it('says a rule more precisely for the field’s kind where it can (an address, a date …)', () => {
    const site = { path: 'data.f_site', rule: 'format', message: 'Must be an http or https address' };
    const withSite: FormDefinition = {
      ...definition,
      fields: { ...definition.fields, f_site: { kind: 'url', label: '网址' } },
    };
    expect(ruleMessage(site, 'zh-CN', fieldParams(withSite, site))).toMatch(/^网址格式不正确/);
    expect(ruleMessage(site, 'en', fieldParams(withSite, site))).toMatch(/^Not a valid web address/);
    expect(ruleMessage(site, 'zh-CN')).toBe('格式不正确');
  });

  it("reads the limit from the server's sentence when the definition is not at hand", () => {
    expect(ruleMessage({ path: 'x', rule: 'maxItems', message: 'At most 5 file(s)' }, 'zh-CN')).toBe('最多 5 项');
    expect(ruleMessage({ path: 'x', rule: 'maxLength', message: 'Too long' }, 'zh-CN')).toBe('内容太长');
  });

  it('translates formula rules and lower-cased codes of import rows, and keeps the sentence of an unknown rule', () => {
    expect(ruleMessage({ path: 'fields.f_a.formula', rule: 'formula.unknownFunction', message: 'x' }, 'zh-CN')).toBe(
      '公式使用了不存在的函数',
    );
    expect(ruleMessage({ path: '', rule: 'duplicate', message: 'x' }, 'zh-CN')).toBe('已存在相同值的记录');
    expect(ruleMessage({ path: '', rule: 'acme.special', message: 'Server sentence' }, 'zh-CN')).toBe(
      'Server sentence',
    );
  });

  it('makes one line of a whole answer, and reads both apps’ error objects', () => {
    const body = {
      code: 'VALIDATION_FAILED',
      message: 'Validation failed',
      details: [{ path: 'data.f_name', rule: 'required', message: 'is required' }],
    };
    expect(errorMessage(body, 'zh-CN', (d) => fieldParams(definition, d))).toBe(
      '部分内容填写有误：客户名称：此项为必填项',
    );
    expect(errorBodyOf({ body })).toEqual(body);
    expect(errorBodyOf(Object.assign(new Error('x'), { code: 'NOT_FOUND', details: [] }))?.code).toBe('NOT_FOUND');
    expect(codeMessage({ code: 'RATE_LIMITED', message: 'Too many requests' }, 'zh-CN')).toBe(
      '请求过于频繁，请稍后再试',
    );
    expect(codeMessage({ code: 'PAYLOAD_TOO_LARGE', message: 'The file is larger than 20 MB' }, 'en')).toBe(
      'The upload is larger than 20 MB',
    );
    expect(signInFailedMessage({ body: { code: 'UNAUTHORIZED', message: 'x', details: [] } }, 'zh-CN')).toBe(
      '用户名或密码错误',
    );
    expect(signInFailedMessage({ body: { code: 'RATE_LIMITED', message: 'x', details: [] } }, 'en')).toBe(
      'Too many requests; try again in a moment',
    );
    expect(errorLanguage('zh')).toBe('zh-CN');
    expect(errorLanguage('en-US')).toBe('en');
  });
});
