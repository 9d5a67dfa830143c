import type { FormDefinition } from '@formloom/model';

/** A form with one field of each structured kind, for the workbench page and widget checks. */
export const kindsForm: FormDefinition = {
  schema: {
    type: 'object',
    properties: {
      f_no: { type: 'string' },
      f_addr: { type: 'object' },
      f_loc: { type: 'object' },
      f_owner: { type: 'string' },
      f_depts: { type: 'array', items: { type: 'string' } },
      f_customer: { type: 'string' },
      f_items: { type: 'array', items: { type: 'object' } },
      f_sum: {},
      f_body: { type: 'string' },
    },
  },
  uiSchema: {
    f_owner: { 'ui:options': { width: 'half' } },
    f_depts: { 'ui:options': { width: 'half' } },
  },
  fields: {
    f_no: { kind: 'serial', label: 'Order no.', serial: { pattern: 'SO-{YYYY}-{0000}' } },
    f_addr: { kind: 'address', label: 'Delivery address' },
    f_loc: { kind: 'location', label: 'Site location' },
    f_owner: { kind: 'member', label: 'Owner' },
    f_depts: { kind: 'departments', label: 'Departments' },
    f_customer: { kind: 'link', label: 'Customer', link: { formId: 'customers', displayFields: ['f_name'] } },
    f_items: {
      kind: 'subform',
      label: 'Items',
      subform: {
        minRows: 1,
        maxRows: 5,
        fields: {
          c_name: { kind: 'text', label: 'Product' },
          c_qty: { kind: 'number', label: 'Qty' },
          c_price: { kind: 'money', label: 'Price', number: { precision: 2 } },
          c_amount: {
            kind: 'formula',
            label: 'Amount',
            formula: '{f_items.c_qty}*{f_items.c_price}',
            number: { precision: 2 },
          },
        },
      },
    },
    f_sum: { kind: 'formula', label: 'Items total', formula: 'SUM({f_items.c_amount})', number: { precision: 2 } },
    f_body: { kind: 'richtext', label: 'Remarks' },
  },
};
