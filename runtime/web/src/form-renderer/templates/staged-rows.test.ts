import type { FieldMeta, FormDefinition } from '@formloom/model';
import { describe, expect, it } from 'vitest';
import { formLayout } from '../logic/layout';
import { orderForm } from '../logic/fixture-definition';
import { firstScreenRows, stagedRows } from './staged-rows';

const everything = () => true;

/** A form of `count` text fields, a textarea every 8th. */
function longForm(count: number): FormDefinition {
  const fields: Record<string, FieldMeta> = {};
  for (let i = 0; i < count; i++) fields[`f_${i}`] = { kind: i % 8 === 7 ? 'textarea' : 'text', label: `Field ${i}` };
  const properties = Object.fromEntries(Object.keys(fields).map((key) => [key, { type: 'string' }]));
  return { schema: { type: 'object', properties }, uiSchema: {}, fields };
}

describe('staged rows', () => {
  it('lists the rows in display order, taller for textareas and for the first row under a section heading', () => {
    const rows = stagedRows(orderForm, formLayout(orderForm, everything));
    expect(rows.map((r) => r.keys)).toEqual([
      ['f_customer'],
      ['f_price', 'f_qty'],
      ['f_total'],
      ['d_line'],
      ['f_invoice'],
      ['f_title'],
      ['x_hint'],
      ['f_note'],
    ]);
    const height = (key: string) => rows.find((r) => r.keys.includes(key))?.height ?? 0;
    expect(height('f_price')).toBeGreaterThan(height('f_customer')); // the section heading comes with it
    expect(height('f_note')).toBeGreaterThan(height('f_title')); // a textarea
    expect(height('d_line')).toBeLessThan(height('f_title'));
  });

  it('mounts more than a window of rows first, and a short form in whole', () => {
    const long = longForm(200);
    const rows = stagedRows(long, formLayout(long, everything));
    const first = firstScreenRows(rows, 900);
    const firstHeight = rows.slice(0, first).reduce((sum, r) => sum + r.height, 0);
    expect(firstHeight).toBeGreaterThan(900);
    expect(first).toBeLessThan(20);
    const short = stagedRows(orderForm, formLayout(orderForm, everything));
    expect(firstScreenRows(short, 900)).toBe(short.length);
  });
});
