import { describe, expect, it } from 'vitest';
import { compactAddress } from './address-value';
import { CHINA_DIVISIONS } from './china-divisions';
import { linkedRecordLabel } from './link-label';
import { inRange } from './location-value';
import { rowsOf, setCell } from './subform-rows';

describe('address', () => {
  it('keeps the parts that were filled, trimmed, and stores nothing for an empty address', () => {
    expect(compactAddress({ province: '北京市', city: '市辖区', district: '', detail: ' 1 号 ' })).toEqual({
      province: '北京市',
      city: '市辖区',
      detail: '1 号',
    });
    expect(compactAddress({ detail: '  ' })).toBeUndefined();
  });

  it('offers every province with its cities and districts', () => {
    const guangdong = CHINA_DIVISIONS.find((p) => p.value === '广东省');
    const shenzhen = guangdong?.children?.find((c) => c.value === '深圳市');
    expect(CHINA_DIVISIONS.length).toBeGreaterThanOrEqual(31);
    expect(shenzhen?.children?.map((d) => d.value)).toContain('南山区');
  });
});

describe('location', () => {
  it('accepts latitudes within ±90 and longitudes within ±180 only', () => {
    expect(inRange('lat', 39.9)).toBe(true);
    expect(inRange('lat', -90)).toBe(true);
    expect(inRange('lat', 90.5)).toBe(false);
    expect(inRange('lng', 116.4)).toBe(true);
    expect(inRange('lng', -181)).toBe(false);
    expect(inRange('lng', null)).toBe(false);
  });
});

describe('link picker', () => {
  it('names a record by its display fields, falling back to its id', () => {
    const record = { id: 'r1', data: { f_name: 'ACME', f_city: '', f_tier: 2 } };
    expect(linkedRecordLabel(record, ['f_name', 'f_city', 'f_tier'])).toBe('ACME · 2');
    expect(linkedRecordLabel(record, ['f_missing'])).toBe('r1');
  });
});

describe('subform rows', () => {
  it('gives rows without an id a stable one and edits only the row asked for', () => {
    const rows = rowsOf([{ _rowId: 'a1', c_qty: 1 }, { c_qty: 2 }]);
    expect(rows[0]._rowId).toBe('a1');
    expect(rows[1]._rowId).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    const edited = setCell(rows, 'a1', 'c_qty', 5);
    expect(edited[0]).toEqual({ _rowId: 'a1', c_qty: 5 });
    expect(edited[1]).toBe(rows[1]);
    expect(setCell(edited, 'a1', 'c_qty', undefined)[0]).toEqual({ _rowId: 'a1' });
  });
});
