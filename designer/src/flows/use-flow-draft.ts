import type { FlowDefinition } from '@formloom/model';
import { App as AntApp } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorLanguage, thrownMessage } from '@formloom/web/error-messages';
import { ApiError } from '../api/http.js';
import { useUndoHistory } from '../history/use-undo-history.js';
import { flowApi, type FlowDocument } from './flow-api.js';

const EMPTY: FlowDefinition = { mode: 'process', nodes: [], edges: [] };

/**
 * The flow being edited: its draft with undo history, the revision it is based on, save (409 →
 * reload or keep editing), publish (refused → `onRefused`, the caller shows the problems).
 */
export function useFlowDraft(flowId: string, onRefused: () => void) {
  const { t, i18n } = useTranslation();
  const { message, modal } = AntApp.useApp();
  const history = useUndoHistory<FlowDefinition>(EMPTY);
  const [flow, setFlow] = useState<FlowDocument | null>(null);
  const [saved, setSaved] = useState<FlowDefinition | null>(null);
  const [busy, setBusy] = useState(false);
  const { reset } = history;

  const load = useCallback(async () => {
    const loaded = await flowApi.get(flowId);
    setFlow(loaded);
    setSaved(loaded.draft);
    reset(loaded.draft);
    return loaded;
  }, [flowId, reset]);

  useEffect(() => {
    void load();
  }, [load]);

  const dirty = saved !== null && saved !== history.value;
  const fail = (error: unknown, key: 'saveFailed' | 'publishFailed') =>
    void message.error(t(`flows.toolbar.${key}`, { message: thrownMessage(error, errorLanguage(i18n.language)) }));

  /** Saves if there are changes; the revision the server now holds, or null. */
  const save = async (): Promise<number | null> => {
    if (!flow) return null;
    if (!dirty) return flow.draftRevision;
    setBusy(true);
    const definition = history.value;
    try {
      const next = await flowApi.saveDraft(flowId, definition, flow.draftRevision);
      setFlow(next);
      setSaved(definition);
      void message.success(t('flows.toolbar.saved', { revision: next.draftRevision }));
      return next.draftRevision;
    } catch (error) {
      if (error instanceof ApiError && error.status === 409)
        modal.confirm({
          title: t('flows.toolbar.conflictTitle'),
          content: t('flows.toolbar.conflictBody'),
          okText: t('flows.toolbar.reload'),
          cancelText: t('flows.toolbar.keepEditing'),
          onOk: () => load(),
          onCancel: () =>
            // Keep the edits and rebase them on the server's revision, so the next save is deliberate.
            void flowApi.get(flowId).then((latest) => setFlow({ ...latest, draft: definition })),
        });
      else fail(error, 'saveFailed');
      return null;
    } finally {
      setBusy(false);
    }
  };

  const publish = async (): Promise<boolean> => {
    const revision = await save();
    if (revision === null || !flow) return false;
    setBusy(true);
    try {
      const published = await flowApi.publish(flowId, revision);
      setFlow((current) => current && { ...current, draftRevision: revision, publishedVersion: published.version });
      void message.success(t('flows.toolbar.publishedOk', { version: published.version }));
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) {
        void message.error(t('flows.toolbar.publishRefused'));
        onRefused();
      } else fail(error, 'publishFailed');
      return false;
    } finally {
      setBusy(false);
    }
  };

  return { ...history, definition: history.value, flow, setFlow, dirty, busy, save, publish, reload: load };
}
