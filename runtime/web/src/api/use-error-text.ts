import type { FormDefinition } from '@formloom/model';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { errorLanguage, thrownMessage } from './error-messages';

/**
 * `(thrown, definition?) => text`: anything an API call threw, as one line in the user's
 * language for a toast or an alert (the error code's message, then each detail with its
 * field's label when the form's definition is given).
 */
export function useErrorText(): (thrown: unknown, definition?: FormDefinition) => string {
  const { i18n } = useTranslation();
  const language = errorLanguage(i18n.language);
  return useCallback(
    (thrown: unknown, definition?: FormDefinition) => thrownMessage(thrown, language, definition),
    [language],
  );
}
