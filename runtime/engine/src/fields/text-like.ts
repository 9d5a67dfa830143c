import type { FieldMeta } from '@formloom/model';
import type { FieldKindSpec } from './field-kind.types.js';
import { TEXT_METHODS, detail, typeError } from './methods.js';
import { sanitizeHtml } from './sanitize-html.js';

const trimString = (value: unknown): unknown => (typeof value === 'string' ? value.trim() : value);
const mustBeString = (value: unknown, _meta: FieldMeta, path: string) =>
  typeof value === 'string' ? [] : typeError(path, 'a string');

/** Mainland China mobile number (11 digits starting 13–19). */
const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;
/** E.164: `+`, country code, up to 15 digits in all. */
const E164 = /^\+[1-9]\d{6,14}$/;

/** Strips spaces, dashes, dots and brackets people type into phone numbers. */
export function canonicalPhone(value: string): string {
  const compact = value.replace(/[\s\-().]/g, '');
  if (compact.startsWith('+86') && MAINLAND_MOBILE.test(compact.slice(3))) return compact.slice(3);
  return compact;
}

export const text: FieldKindSpec = {
  kind: 'text',
  jsonSchema: () => ({ type: 'string' }),
  normalize: trimString,
  validate: mustBeString,
  methods: TEXT_METHODS,
  sortable: true,
  searchable: true,
  uniqueAllowed: true,
  palette: 'basic',
  importAs: 'text',
};

export const textarea: FieldKindSpec = {
  kind: 'textarea',
  jsonSchema: () => ({ type: 'string' }),
  normalize: (value) => (typeof value === 'string' ? value.replace(/\s+$/, '') : value),
  validate: mustBeString,
  methods: TEXT_METHODS,
  sortable: false,
  searchable: true,
  palette: 'basic',
  importAs: 'text',
};

/**
 * HTML from the rich-text editor, sanitized on every write (allowlisted tags and attributes,
 * http(s) links and images only; see sanitize-html.ts); the player sanitizes it again when rendering.
 */
export const richtext: FieldKindSpec = {
  kind: 'richtext',
  jsonSchema: () => ({ type: 'string' }),
  normalize: (value) => (typeof value === 'string' ? sanitizeHtml(value) : value),
  validate: mustBeString,
  methods: ['like', 'empty', 'not_empty'],
  sortable: false,
  searchable: true,
  importAs: 'text',
};

export const phone: FieldKindSpec = {
  kind: 'phone',
  jsonSchema: () => ({ type: 'string' }),
  normalize: (value) => (typeof value === 'string' ? canonicalPhone(value) : value),
  validate(value, _meta, path) {
    if (typeof value !== 'string') return typeError(path, 'a string');
    const phoneNumber = canonicalPhone(value);
    return MAINLAND_MOBILE.test(phoneNumber) || E164.test(phoneNumber)
      ? []
      : [detail(path, 'phone', 'Must be a mainland mobile number (11 digits) or an international number like +4420…')];
  },
  methods: TEXT_METHODS,
  sortable: true,
  searchable: true,
  uniqueAllowed: true,
  palette: 'basic',
  importAs: 'text',
};

export const email: FieldKindSpec = {
  kind: 'email',
  jsonSchema: () => ({ type: 'string', format: 'email' }),
  normalize: (value) => (typeof value === 'string' ? value.trim().toLowerCase() : value),
  validate: mustBeString,
  methods: TEXT_METHODS,
  sortable: true,
  searchable: true,
  uniqueAllowed: true,
  palette: 'basic',
  importAs: 'text',
};

export const url: FieldKindSpec = {
  kind: 'url',
  jsonSchema: () => ({ type: 'string', format: 'uri' }),
  normalize: trimString,
  validate(value, _meta, path) {
    if (typeof value !== 'string') return typeError(path, 'a string');
    return /^https?:\/\//i.test(value.trim()) ? [] : [detail(path, 'format', 'Must be an http or https address')];
  },
  methods: TEXT_METHODS,
  sortable: true,
  searchable: true,
  uniqueAllowed: true,
  palette: 'basic',
  importAs: 'text',
};

export const textLikeKinds = [text, textarea, richtext, phone, email, url];
