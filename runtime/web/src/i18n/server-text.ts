import type { i18n as I18n, TFunction } from 'i18next';
import {
  MESSAGE_LANGUAGES,
  messageLanguage,
  messageParams,
  problemText,
  serverMessageI18nResources,
  type MessageParams,
} from '@formloom/engine/messages/server-messages';

/**
 * Texts the server sends by key (`{key, params}` beside its English sentence: journal entries,
 * default notifications), worded here in the user's language from the engine's catalogue
 * (`@formloom/engine/messages`, merged into i18next by `addServerMessages`). An entry without
 * a key, or with one this build does not know, shows the server's English text.
 */
export interface ServerText {
  key: string;
  params: MessageParams;
}

/** Merges the engine's server texts (`flow.journal.*`, `flow.notify.*` …) into the catalogue. */
export function addServerMessages(i18n: I18n): void {
  for (const lang of MESSAGE_LANGUAGES)
    i18n.addResourceBundle(lang, 'translation', serverMessageI18nResources(lang), true, false);
}

/** A step's name: the builder's label, else its kind's name in the user's language ("审批"); '' for neither. */
export function stepName(label: string | null | undefined, kind: string | null | undefined, t: TFunction): string {
  if (label) return label;
  return kind ? t(`tasks.flow.kinds.${kind}`, { defaultValue: kind }) : '';
}

/** Param names whose values are user ids (`user`) or several joined with ", " (`users`). */
const PEOPLE_PARAMS = ['user', 'users'] as const;

/** The ids of people a ref names (to look up their names before wording it). */
export function peopleIn(ref: ServerText | null | undefined): string[] {
  if (!ref) return [];
  return PEOPLE_PARAMS.flatMap((name) => {
    const value = ref.params[name];
    return typeof value === 'string' && value !== '' ? value.split(', ') : [];
  });
}

/**
 * Params whose values are codes the player has words for (an action, a status, why a flow
 * started, a refused write's rule or code, from the error catalogue) or people (named by
 * `personName` when given).
 */
function wordedParams(
  params: MessageParams,
  t: TFunction,
  language: string,
  personName?: (id: string) => string,
): MessageParams {
  const out: MessageParams = { ...messageParams(params, (kind) => stepName(null, kind, t)) };
  if (personName)
    for (const name of PEOPLE_PARAMS) {
      const value = params[name];
      if (typeof value === 'string' && value !== '')
        out[name] = value
          .split(', ')
          .map(personName)
          .join(language === 'zh-CN' ? '、' : ', ');
    }
  if (typeof params.action === 'string')
    out.action = t(`tasks.actions.${params.action}`, { defaultValue: params.action });
  if (typeof params.cause === 'string') out.cause = t(`flow.cause.${params.cause}`, { defaultValue: params.cause });
  // An instance's status, worded from the server's own catalogue (`flow.status.*`), as its e-mails are.
  if (typeof params.status === 'string')
    out.status = t(`flow.status.${params.status}`, { defaultValue: params.status });
  if (typeof params.problem === 'string') out.problem = problemText(params, messageLanguage(language)) ?? null;
  return out;
}

/** `ref` in the user's language; `fallback` (the server's English) without a ref or for an unknown key. */
export function serverText(
  ref: ServerText | null | undefined,
  fallback: string,
  t: TFunction,
  i18n: I18n,
  personName?: (id: string) => string,
): string {
  if (!ref || !i18n.exists(ref.key)) return fallback;
  return t(ref.key, { ...wordedParams(ref.params, t, i18n.language, personName), defaultValue: fallback });
}
