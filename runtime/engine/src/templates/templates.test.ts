import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { buildTemplateData, renderJsonTemplate, renderTemplate, validateTemplate } from './index.js';

const data = buildTemplateData({
  record: {
    id: 'r1',
    formId: 'f1',
    data: { f_amount: 12345.5, f_title: 'Laptops <b>&</b> "docks"', f_owner: { id: 'u1', name: 'Ana' } },
  },
  fields: [
    { key: 'f_amount', label: 'Amount' },
    { key: 'f_title', label: 'Title' },
    { key: 'f_owner', label: '负责人' },
  ],
  formName: 'Purchase',
  task: { id: 't1', name: 'Manager approval', dueAt: '2026-11-23T10:05:00.000Z' },
  instance: { id: 'i1', flowName: 'Purchase request' },
  link: 'https://formloom.example/tasks/t1',
});

describe('renderTemplate', () => {
  it('reads fields by key, by label and through the field helper', () => {
    const text = renderTemplate(
      '{{record.data.f_amount}} / {{record.labels.Amount}} / {{field "负责人"}} / {{field "f_title"}}',
      data,
    );
    expect(text).toBe('12345.5 / 12345.5 / Ana / Laptops <b>&</b> "docks"');
  });

  it('escapes values for HTML and leaves them as text otherwise', () => {
    expect(renderTemplate('{{record.data.f_title}}', data, { format: 'html' })).toBe(
      'Laptops &lt;b&gt;&amp;&lt;/b&gt; &quot;docks&quot;',
    );
    expect(renderTemplate('{{record.data.f_title}}', data, { format: 'text' })).toBe('Laptops <b>&</b> "docks"');
  });

  it('formats dates in a zone and numbers with decimals', () => {
    expect(renderTemplate('{{formatDate task.dueAt "YYYY-MM-DD HH:mm" tz="Asia/Shanghai"}}', data)).toBe(
      '2026-11-23 18:05',
    );
    expect(renderTemplate('{{formatDate task.dueAt}}', data)).toBe('2026-11-23 10:05');
    expect(renderTemplate('{{formatNumber record.data.f_amount 2}}', data)).toBe('12,345.50');
  });

  it('supports if/each/with and eq over the data', () => {
    const source =
      '{{#each record.fields}}{{label}}={{display}};{{/each}}{{#if (eq task.id "t1")}}yes{{/if}}{{#with instance}}{{flowName}}{{/with}}';
    expect(renderTemplate(source, data)).toBe(
      'Amount=12345.5;Title=Laptops <b>&</b> "docks";负责人=Ana;yesPurchase request',
    );
  });

  it('builds valid JSON whatever the values contain', () => {
    const body = renderJsonTemplate(
      '{"title": "{{record.data.f_title}}", "amount": {{record.data.f_amount}}, "owner": {{json record.data.f_owner}}, "link": "{{link}}"}',
      data,
    );
    expect(body).toEqual({
      title: 'Laptops <b>&</b> "docks"',
      amount: 12345.5,
      owner: { id: 'u1', name: 'Ana' },
      link: 'https://formloom.example/tasks/t1',
    });
  });

  it('keeps JSON valid when the field helper prints an object without a name', () => {
    const input = buildTemplateData({
      record: { id: 'r', data: { f_geo: { lat: 1, note: 'say "hi"' } } },
      fields: [{ key: 'f_geo', label: 'Geo' }],
    });
    expect(renderJsonTemplate('{"geo": "{{field "Geo"}}"}', input)).toEqual({ geo: '{"lat":1,"note":"say \\"hi\\""}' });
  });

  it('refuses a JSON template whose output is not a JSON object', () => {
    expect(() => renderTemplate('not json {{link}}', data, { format: 'json', path: 'data.bodyTemplate' })).toThrow(
      /not valid JSON/,
    );
  });

  it('refuses output over the limit and loops over the budget', () => {
    expect(() => renderTemplate('{{record.data.f_title}}', data, { maxOutputLength: 5 })).toThrow(/at most 5/);
    const many = { items: Array.from({ length: 100 }, (_, i) => i) };
    expect(() =>
      renderTemplate('{{#each items}}{{#each ../items}}.{{/each}}{{/each}}', many, { maxIterations: 1000 }),
    ).toThrow(/loops more than 1000/);
    expect(() =>
      renderTemplate('{{#items}}{{#../items}}.{{/../items}}{{/items}}', many, { maxIterations: 1000 }),
    ).toThrow(/loops more than 1000/);
  });

  it('renders a missing value as nothing', () => {
    expect(renderTemplate('[{{record.data.nope}}][{{nothing.at.all}}]', data)).toBe('[][]');
  });
});

describe('validateTemplate', () => {
  it('reports syntax errors with line and column', () => {
    const [problem] = validateTemplate('Hello\n  {{#if task}}open');
    expect(problem).toMatchObject({ line: 2, rule: 'syntax' });
    const [empty] = validateTemplate('Hello {{}} there');
    expect(empty).toMatchObject({ line: 1, column: 8, rule: 'syntax' });
  });

  it('names unknown helpers, partials and prototype paths', () => {
    expect(validateTemplate('a\n{{shout task.name}}')).toEqual([
      { line: 2, column: 0, rule: 'unknownHelper', message: 'Unknown helper "shout"' },
    ]);
    expect(validateTemplate('{{> header}}')[0]).toMatchObject({ rule: 'partial' });
    expect(validateTemplate('{{lookup task "name"}}')[0]).toMatchObject({ rule: 'unknownHelper' });
    expect(validateTemplate('{{task.constructor}}')[0]).toMatchObject({ rule: 'forbiddenPath' });
  });

  it('refuses non-strings and over-long sources', () => {
    expect(validateTemplate({ type: 'Program', body: [] })[0]).toMatchObject({ rule: 'type' });
    expect(validateTemplate('x'.repeat(20_001))[0]).toMatchObject({ rule: 'maxLength' });
    expect(validateTemplate('Task {{task.name}} is due {{formatDate task.dueAt}}')).toEqual([]);
  });
});

describe('the protections are what stops the exploit', () => {
  const reachFunction = '{{#with "s" as |s|}}{{s.constructor.constructor.name}}{{/with}}';

  it('reaches the Function constructor on a bare handlebars once prototype methods are opened, never through renderTemplate', () => {
    const bare = Handlebars.create();
    const leaked = bare.compile(reachFunction)({}, { allowedProtoMethods: { constructor: true } });
    expect(leaked).toBe('Function');
    expect(() => renderTemplate(reachFunction, {})).toThrow(/constructor/);
    expect(validateTemplate(reachFunction)[0]).toMatchObject({ rule: 'forbiddenPath' });
  });
});
