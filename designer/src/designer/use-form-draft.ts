import type { ErrorDetail, FormDefinition } from '@formloom/model';
import { App as AntApp } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorLanguage, thrownMessage } from '@formloom/web/error-messages';
import { client } from '../api/client.js';
import { ApiError } from '../api/http.js';
import type { FormSummary } from '../api/types.js';
import { emptyDefinition } from '../definition/definition-ops.js';
import { useDefinitionHistory } from './use-definition-history.js';

/**
 * The form being designed: its draft with undo history, the revision it is based on, save
 * (409 → conflict), publish, and the server's validation problems of the last attempt.
 */
export function useFormDraft(formId: string) {
  const { t, i18n } = useTranslation();
  const { message, modal } = AntApp.useApp();
  const history = useDefinitionHistory(emptyDefinition());
  const [form, setForm] = useState<FormSummary | null>(null);
  const [saved, setSaved] = useState<FormDefinition | null>(null);
  /** The server's problems and the definition they were found in (to drop those of fields edited since). */
  const [problems, setProblemState] = useState<{ details: ErrorDetail[]; definition: FormDefinition | null }>({
    details: [],
    definition: null,
  });
  const setProblems = (details: ErrorDetail[], definition: FormDefinition | null = null) =>
    setProblemState({ details, definition });
  const [busy, setBusy] = useState(false);
  const { reset } = history;

  const load = useCallback(async () => {
    const loaded = await client.getForm(formId);
    const definition = loaded.draft ?? emptyDefinition();
    setForm(loaded);
    setSaved(definition);
    setProblems([]);
    reset(definition);
  }, [formId, reset]);

  useEffect(() => {
    void load();
  }, [load]);

  const dirty = saved !== null && saved !== history.definition;

  const handle = (error: unknown, failedKey: 'saveFailed' | 'publishFailed') => {
    if (error instanceof ApiError && error.status === 409) {
      modal.confirm({
        title: t('toolbar.conflictTitle'),
        content: t('toolbar.conflictBody'),
        okText: t('toolbar.reload'),
        cancelText: t('toolbar.keepEditing'),
        onOk: () => load(),
      });
    } else if (error instanceof ApiError && error.details.length > 0) {
      setProblems(error.details, history.definition);
      void message.error(t('toolbar.invalid', { count: error.details.length }));
    } else {
      void message.error(
        t(`toolbar.${failedKey}`, { message: thrownMessage(error, errorLanguage(i18n.language)), count: 0 }),
      );
    }
  };

  /** Saves if there are changes; returns the revision the server now holds (null on failure). */
  const save = async (): Promise<number | null> => {
    if (!form) return null;
    if (!dirty) return form.draftRevision;
    setBusy(true);
    const definition = history.definition;
    try {
      const next = await client.saveDraft(formId, definition, form.draftRevision);
      setForm(next);
      setSaved(definition);
      setProblems([]);
      void message.success(t('toolbar.saved', { revision: next.draftRevision }));
      return next.draftRevision;
    } catch (error) {
      handle(error, 'saveFailed');
      return null;
    } finally {
      setBusy(false);
    }
  };

  const publish = async () => {
    const revision = await save();
    if (revision === null || !form) return;
    setBusy(true);
    try {
      const version = await client.publish(formId, revision);
      setForm({ ...form, draftRevision: revision, publishedVersion: version.version });
      setProblems([]);
      void message.success(t('toolbar.publishedOk', { version: version.version }));
    } catch (error) {
      handle(error, 'publishFailed');
    } finally {
      setBusy(false);
    }
  };

  return { ...history, form, dirty, busy, problems, save, publish };
}
