import type { FormDefinition } from '@formloom/model';
import { describe, expect, it } from 'vitest';
import { cellErrors, serverErrorsToErrorSchema, translateClientErrors } from './server-errors';

describe('server errors inside subform rows', () => {
  // What the engine answers for a bad cell: ajv's instance path (`/f_items/1/f_qty`) as
  // `data.f_items.1.f_qty` (the row's index in the rows sent), and the same for the kinds' own checks.
  const details = [
    { path: 'data.f_items.1.f_qty', rule: 'type', message: 'must be number' },
    { path: 'data.f_items.rb0c1d2e3f4a5b6c7.f_name', rule: 'maxLength', message: 'too long' },
    { path: 'data.f_items', rule: 'maxItems', message: 'At most 3 row(s)' },
    { path: 'data.f_items.0._rowId', rule: 'pattern', message: 'Must be a row id' },
    { path: 'data.f_tags.1', rule: 'option', message: 'not an option' },
  ];
  const { errorSchema, general } = serverErrorsToErrorSchema(details, ['f_items', 'f_tags'], {
    nested: new Set(['f_items']),
    describe: (d) => `${d.rule}!`,
  });

  it('nests a cell error under its row and column, in the words describe gives', () => {
    expect(errorSchema).toEqual({
      f_items: {
        __errors: ['maxItems!', 'pattern!'],
        1: { f_qty: { __errors: ['type!'] } },
        rb0c1d2e3f4a5b6c7: { f_name: { __errors: ['maxLength!'] } },
      },
      f_tags: { __errors: ['option!'] },
    });
    expect(general).toEqual([]);
  });

  it('finds a cell’s errors by the row’s index or by its stable id, and nothing for other cells', () => {
    const rows = (errorSchema as Record<string, unknown>).f_items;
    expect(cellErrors(rows, 1, 'rsecond', 'f_qty')).toEqual(['type!']);
    expect(cellErrors(rows, 2, 'rb0c1d2e3f4a5b6c7', 'f_name')).toEqual(['maxLength!']);
    expect(cellErrors(rows, 0, 'rfirst', 'f_qty')).toBeUndefined();
    expect(cellErrors(rows, 1, 'rsecond', 'f_name')).toBeUndefined();
    expect(cellErrors(undefined, 1, 'rsecond', 'f_qty')).toBeUndefined();
  });

  it('keeps a cell error on the subform itself when the field is not known to nest', () => {
    const flat = serverErrorsToErrorSchema(details.slice(0, 1), ['f_items']);
    expect(flat.errorSchema).toEqual({ f_items: { __errors: ['must be number'] } });
  });
});

describe('client validation errors', () => {
  const definition: FormDefinition = {
    schema: { type: 'object', properties: { f_name: { type: 'string', maxLength: 5 }, f_site: { type: 'string' } } },
    uiSchema: {},
    fields: { f_name: { kind: 'text', label: '名称' }, f_site: { kind: 'url', label: '网址' } },
  };
  const ajvError = (name: string, property: string, params: Record<string, unknown> = {}) => ({
    name,
    property,
    params,
    message: `ajv says ${name}`,
    stack: '',
    schemaPath: '',
  });

  it('say what the server would say, with ajv’s limit and the field’s kind, and keep unknown keywords', () => {
    const [length, format, other] = translateClientErrors(
      [ajvError('maxLength', '.f_name', { limit: 5 }), ajvError('format', '.f_site'), ajvError('acme', '.f_name')],
      definition,
      'zh-CN',
    );
    expect(length.message).toBe('最多 5 个字符');
    expect(format.message).toMatch(/^网址格式不正确/);
    expect(other.message).toBe('ajv says acme');
  });
});
