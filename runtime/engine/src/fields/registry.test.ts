import { FIELD_KINDS, type FieldMeta } from '@formloom/model';
import { describe, expect, it } from 'vitest';
import { createFieldKindRegistry } from './registry.js';

const kinds = createFieldKindRegistry();
const meta = (kind: string, extra: Partial<FieldMeta> = {}): FieldMeta => ({ kind, label: kind, ...extra });
const check = (kind: string, value: unknown, extra: Partial<FieldMeta> = {}) =>
  kinds.get(kind).validate?.(value, meta(kind, extra), 'data.f') ?? [];
const norm = (kind: string, value: unknown, extra: Partial<FieldMeta> = {}) =>
  kinds.get(kind).normalize?.(value, meta(kind, extra)) ?? value;

describe('field-kind registry', () => {
  it('has every built-in kind', () => {
    for (const kind of FIELD_KINDS) expect(kinds.has(kind)).toBe(true);
    expect(kinds.list()).toHaveLength(FIELD_KINDS.length);
  });

  it('rejects an unknown kind with the unknownKind rule', () => {
    expect(() => kinds.get('acme.rating')).toThrowError(/Unknown field kind/);
    try {
      kinds.get('nope');
    } catch (e) {
      expect((e as { details: Array<{ rule: string }> }).details[0].rule).toBe('unknownKind');
    }
  });

  it('registers plugin kinds once', () => {
    const own = createFieldKindRegistry();
    own.register({ kind: 'acme.rating', jsonSchema: () => ({ type: 'number' }), methods: ['eq'], sortable: true });
    expect(own.get('acme.rating').sortable).toBe(true);
    expect(() => own.register({ kind: 'text', jsonSchema: () => ({}), methods: [], sortable: false })).toThrow();
  });

  it('marks serial and formula as computed by the server and layout kinds as layout only', () => {
    expect(kinds.get('serial').serverComputed).toBe(true);
    expect(kinds.get('formula').serverComputed).toBe(true);
    for (const k of ['section', 'divider', 'description']) expect(kinds.get(k).layoutOnly).toBe(true);
  });
});

describe('built-in kinds', () => {
  it('phone accepts mainland mobiles and E.164, canonicalised', () => {
    expect(check('phone', '138 0013 8000')).toEqual([]);
    expect(norm('phone', '138-0013-8000')).toBe('13800138000');
    expect(norm('phone', '+86 138 0013 8000')).toBe('13800138000');
    expect(check('phone', '+442071838750')).toEqual([]);
    expect(check('phone', '12345')[0].rule).toBe('phone');
    expect(check('phone', 12345678901)[0].rule).toBe('type');
  });

  it('email is lower-cased, url must be http(s)', () => {
    expect(norm('email', ' Ann@Example.COM ')).toBe('ann@example.com');
    expect(check('url', 'javascript:alert(1)')[0].rule).toBe('format');
    expect(check('url', 'https://example.com/x')).toEqual([]);
  });

  it('money rounds to 2 decimals, number to its precision', () => {
    expect(norm('money', 1.005)).toBe(1.01);
    expect(norm('money', -2.345)).toBe(-2.35);
    expect(norm('number', 3.14159, { number: { precision: 3 } })).toBe(3.142);
    expect(norm('number', 3.14159)).toBe(3.14159);
    expect(check('number', Number.NaN)[0].rule).toBe('type');
  });

  it('date is a real calendar day, datetime is stored as UTC', () => {
    expect(check('date', '2026-02-28')).toEqual([]);
    expect(check('date', '2026-02-30')[0].rule).toBe('format');
    expect(norm('datetime', '2026-11-23T18:00:00+08:00')).toBe('2026-11-23T10:00:00.000Z');
    expect(check('datetime', '2026-11-23 10:00')[0].rule).toBe('format');
  });

  it('select and multiselect values must be options unless allowOther', () => {
    const options = [
      { value: 'a', label: 'A' },
      { value: 'b', label: 'B' },
    ];
    expect(check('select', 'a', { options })).toEqual([]);
    expect(check('select', 'z', { options })[0]).toMatchObject({ path: 'data.f', rule: 'option' });
    expect(check('select', 'z', { options, allowOther: true })).toEqual([]);
    expect(check('multiselect', ['a', 'z'], { options })[0].path).toBe('data.f.1');
    expect(norm('multiselect', ['a', 'a', 'b'])).toEqual(['a', 'b']);
  });

  it('members and links hold id strings', () => {
    expect(check('member', 'u_1')).toEqual([]);
    expect(check('member', { $ne: 1 })[0].rule).toBe('type');
    expect(check('members', ['u1', '$where'])[0].path).toBe('data.f.1');
    expect(check('link', ['r1'], { link: { formId: 'x', displayFields: [], multiple: true } })).toEqual([]);
    expect(check('link', ['r1'], { link: { formId: 'x', displayFields: [] } })[0].rule).toBe('type');
  });

  it('address and location are checked part by part', () => {
    expect(check('address', { province: '浙江', city: '杭州', detail: 'x' })).toEqual([]);
    expect(check('address', { zip: '1' })[0].rule).toBe('unknownField');
    expect(check('location', { lat: 30.2, lng: 120.1 })).toEqual([]);
    expect(check('location', { lat: 91, lng: 0 })[0]).toMatchObject({ path: 'data.f.lat', rule: 'range' });
  });

  it('files carry blob references within the field limits', () => {
    const file = { blobId: 'b1', name: 'a.pdf', size: 10, type: 'application/pdf' };
    expect(check('attachment', [file])).toEqual([]);
    expect(check('attachment', [file, file], { file: { maxCount: 1 } })[0].rule).toBe('maxItems');
    expect(check('attachment', [{ ...file, size: 3 * 1024 * 1024 }], { file: { maxSizeMb: 2 } })[0].rule).toBe(
      'maxSize',
    );
    expect(check('image', [{ ...file, name: 'x.svg', type: 'image/svg+xml' }])[0].rule).toBe('accept');
    expect(check('attachment', [{ ...file, evil: 1 }])[0].rule).toBe('unknownField');
  });

  it('subform rows are validated per column and get row ids', () => {
    const subform = {
      fields: { qty: meta('number'), item: meta('select', { options: [{ value: 'x', label: 'X' }] }) },
      minRows: 1,
      maxRows: 2,
    };
    expect(check('subform', [{ qty: 1, item: 'x' }], { subform })).toEqual([]);
    expect(check('subform', [], { subform })[0].rule).toBe('minItems');
    expect(check('subform', [{ qty: 'one' }], { subform })[0]).toMatchObject({ path: 'data.f.0.qty', rule: 'type' });
    expect(check('subform', [{ other: 1 }], { subform })[0].rule).toBe('unknownField');
    const rows = norm('subform', [{ qty: 2, item: 'x' }], { subform }) as Array<Record<string, unknown>>;
    expect(rows[0]._rowId).toMatch(/^[0-9a-z]{20}$/);
    expect(rows[0].qty).toBe(2);
  });
});
