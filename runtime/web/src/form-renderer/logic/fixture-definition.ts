import type { FormDefinition } from '@formloom/model';

/**
 * A small order form used by the renderer's unit tests and screenshots: a section, two
 * half-width fields sharing a row, a divider, a description, a visibility rule (the invoice
 * title shows only when an invoice is wanted) and a formula (total = price × quantity).
 */
export const orderForm: FormDefinition = {
  schema: {
    type: 'object',
    properties: {
      f_customer: { type: 'string', maxLength: 100 },
      f_price: { type: 'number' },
      f_qty: { type: 'number' },
      f_total: {},
      f_invoice: { type: 'boolean' },
      f_title: { type: 'string' },
      f_note: { type: 'string' },
    },
    required: ['f_customer', 'f_title'],
  },
  uiSchema: {
    'ui:order': ['f_customer', 'f_price', 'f_qty', 'f_total', 'f_invoice', 'f_title', 'f_note', '*'],
    f_price: { 'ui:options': { width: 'half' } },
    f_qty: { 'ui:options': { width: 'half' } },
    f_note: { 'ui:options': { width: 'half' } },
  },
  fields: {
    f_customer: { kind: 'text', label: 'Customer', default: { type: 'static', value: 'Walk-in' } },
    s_order: { kind: 'section', label: 'Order' },
    f_price: { kind: 'money', label: 'Unit price', number: { precision: 2 } },
    f_qty: { kind: 'number', label: 'Quantity', default: { type: 'formula', formula: '1+1' } },
    f_total: { kind: 'formula', label: 'Total', formula: '{f_price}*{f_qty}', number: { precision: 2 } },
    d_line: { kind: 'divider', label: '' },
    f_invoice: { kind: 'switch', label: 'Invoice wanted' },
    f_title: {
      kind: 'text',
      label: 'Invoice title',
      visibility: { rel: 'and', cond: [{ field: 'f_invoice', method: 'eq', value: true }] },
    },
    x_hint: { kind: 'description', label: 'Hint', description: 'Invoices are mailed within 3 days.' },
    f_note: { kind: 'textarea', label: 'Note' },
  },
};
