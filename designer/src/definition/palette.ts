import { paletteGroups } from '@formloom/engine/fields';

/**
 * The palette's groups (basic, advanced, layout): every kind of the engine's field-kind registry,
 * built-ins in the order Jiandaoyun users know them, then plugin kinds. Read when shown, so
 * kinds registered after start-up appear too. Names come from i18n `kinds.*`.
 */
export const paletteKindGroups = () => paletteGroups();

export const CHOICE_KINDS: ReadonlySet<string> = new Set(['radio', 'checkbox', 'select', 'multiselect']);
export const NUMBER_KINDS: ReadonlySet<string> = new Set(['number', 'money']);
/** Kinds whose value is a string typed by the user (length and pattern rules apply). */
export const TEXT_KINDS: ReadonlySet<string> = new Set(['text', 'textarea', 'phone', 'email', 'url']);
export const LINK_KINDS: ReadonlySet<string> = new Set(['link', 'select_data']);
