import type { BuiltInFieldKind } from '@formloom/model';

/** The palette's groups, in the order Jiandaoyun users know them. Names come from i18n `kinds.*`. */
export const PALETTE_GROUPS: { id: 'basic' | 'advanced' | 'layout'; kinds: BuiltInFieldKind[] }[] = [
  {
    id: 'basic',
    kinds: [
      'text',
      'textarea',
      'number',
      'money',
      'date',
      'datetime',
      'radio',
      'checkbox',
      'select',
      'multiselect',
      'switch',
      'phone',
      'email',
      'url',
    ],
  },
  {
    id: 'advanced',
    kinds: [
      'address',
      'location',
      'image',
      'attachment',
      'signature',
      'richtext',
      'serial',
      'formula',
      'member',
      'members',
      'department',
      'departments',
      'link',
      'select_data',
      'subform',
    ],
  },
  { id: 'layout', kinds: ['section', 'divider', 'description'] },
];

export const CHOICE_KINDS: ReadonlySet<string> = new Set(['radio', 'checkbox', 'select', 'multiselect']);
export const NUMBER_KINDS: ReadonlySet<string> = new Set(['number', 'money']);
/** Kinds whose value is a string typed by the user (length and pattern rules apply). */
export const TEXT_KINDS: ReadonlySet<string> = new Set(['text', 'textarea', 'phone', 'email', 'url']);
export const LINK_KINDS: ReadonlySet<string> = new Set(['link', 'select_data']);
