import type { FormDefinition } from '@formloom/model';
import { deepEquals } from '@rjsf/utils';
import { useCallback, useEffect, useRef } from 'react';
import { firstMatchingRecord, publishedForm, type LinkedRecord } from '../widgets/lookup-api';
import {
  copiedValues,
  linkageDefaultsOf,
  linkageFilter,
  linkageSignature,
  linkedValue,
  type LinkageDefault,
} from './record-linkage';

type Values = Record<string, unknown>;

/** Re-query this long after the last change of a linkage's inputs. */
export const LINKAGE_DEBOUNCE_MS = 300;

interface LinkageRun {
  /** The inputs' signature last scheduled; null = run at the next chance. */
  signature: string | null;
  /** What the linkage last put in its field (or the field's value when the form opened). */
  applied: unknown;
  /** The user typed into the field: the linkage leaves it alone. */
  userOwned: boolean;
  timer?: ReturnType<typeof setTimeout>;
  controller?: AbortController;
}

/**
 * Keeps data-linkage defaults live while the user fills the form and copies select-data
 * values when a record is picked. A linkage runs when the form opens on a new record and
 * whenever a field its condition reads changes (debounced; its previous request aborted),
 * through the records query API with the user's own permissions. It owns its field only while
 * the field still holds what the linkage last put there: once the user types into it, the
 * linkage leaves it alone. `emit` receives the complete next values.
 */
export function useRecordLinkage(
  definition: FormDefinition,
  values: Values,
  newRecord: boolean,
  emit: (next: Values) => void,
): { onRecordPicked: (fieldKey: string, record: LinkedRecord) => void } {
  const latest = useRef(values);
  latest.current = values;
  const emitRef = useRef(emit);
  emitRef.current = emit;
  const runs = useRef(new Map<string, LinkageRun>());

  const apply = useCallback((patch: Values) => {
    const next = { ...latest.current };
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) delete next[key];
      else next[key] = value;
    }
    latest.current = next;
    emitRef.current(next);
  }, []);

  const run = useCallback(
    (linkage: LinkageDefault, state: LinkageRun) => {
      state.controller?.abort();
      const controller = new AbortController();
      state.controller = controller;
      const filter = linkageFilter(linkage, latest.current);
      const lookup = async () => {
        if (filter === null) return undefined;
        const [found, source] = await Promise.all([
          firstMatchingRecord(linkage.formId, filter, [linkage.sourceField], controller.signal),
          publishedForm(linkage.formId),
        ]);
        const target = definition.fields[linkage.key];
        return target && linkedValue(found, linkage.sourceField, source.definition.fields[linkage.sourceField], target);
      };
      lookup().then(
        (value) => {
          if (controller.signal.aborted || state.userOwned) return;
          if (!deepEquals(latest.current[linkage.key], state.applied)) {
            state.userOwned = true;
            return;
          }
          state.applied = value;
          if (!deepEquals(value, latest.current[linkage.key])) apply({ [linkage.key]: value });
        },
        () => {
          // Not readable, offline or superseded: the field stays as it is; a later change retries.
          if (!controller.signal.aborted) state.signature = null;
        },
      );
    },
    [definition, apply],
  );

  useEffect(() => {
    for (const linkage of linkageDefaultsOf(definition)) {
      const signature = linkageSignature(linkage, values);
      let state = runs.current.get(linkage.key);
      if (state === undefined) {
        // An existing record keeps its stored value until an input changes.
        state = { signature: newRecord ? null : signature, applied: values[linkage.key], userOwned: false };
        runs.current.set(linkage.key, state);
      }
      if (!state.userOwned && !deepEquals(values[linkage.key], state.applied)) state.userOwned = true;
      if (state.userOwned || state.signature === signature) continue;
      state.signature = signature;
      clearTimeout(state.timer);
      const due = state;
      state.timer = setTimeout(() => run(linkage, due), LINKAGE_DEBOUNCE_MS);
    }
  }, [definition, values, newRecord, run]);

  useEffect(
    () => () => {
      for (const state of runs.current.values()) {
        clearTimeout(state.timer);
        state.controller?.abort();
      }
    },
    [],
  );

  const onRecordPicked = useCallback(
    (fieldKey: string, record: LinkedRecord) => {
      const link = definition.fields[fieldKey]?.link;
      if (link?.copy === undefined || Object.keys(link.copy).length === 0) return;
      publishedForm(link.formId).then(
        (source) =>
          apply({ [fieldKey]: record.id, ...copiedValues(definition, fieldKey, record, source.definition.fields) }),
        () => undefined,
      );
    },
    [definition, apply],
  );
  return { onRecordPicked };
}
