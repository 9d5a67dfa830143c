import type { FieldMeta, FormDefinition } from '@formloom/model';
import { deepEquals } from '@rjsf/utils';
import { useCallback, useEffect, useRef } from 'react';
import { firstMatchingRecord, publishedForm, type LinkedRecord } from '../widgets/lookup-api';
import {
  copiedValues,
  linkageDefaultsOf,
  linkageFilter,
  linkageSignature,
  linkedValue,
  rowInputs,
  rowLinkageDefaultsOf,
  rowsOf,
  withCell,
  type LinkageDefault,
  type RowLinkageDefault,
} from './record-linkage';

type Values = Record<string, unknown>;

/** Re-query this long after the last change of a linkage's inputs. */
export const LINKAGE_DEBOUNCE_MS = 300;

/** Where a linkage puts its value: a top-level field, or one cell of one subform row. */
interface LinkageSlot {
  id: string;
  linkage: LinkageDefault;
  target: FieldMeta | undefined;
  /** The values its condition reads; null when the slot is gone (its row was removed). */
  inputs(values: Values): Values | null;
  current(values: Values): unknown;
  patch(values: Values, value: unknown): Values;
}

function fieldSlot(definition: FormDefinition, linkage: LinkageDefault): LinkageSlot {
  return {
    id: linkage.key,
    linkage,
    target: definition.fields[linkage.key],
    inputs: (values) => values,
    current: (values) => values[linkage.key],
    patch: (values, value) => {
      const next = { ...values };
      if (value === undefined) delete next[linkage.key];
      else next[linkage.key] = value;
      return next;
    },
  };
}

function rowSlot(linkage: RowLinkageDefault, rowId: string): LinkageSlot {
  const row = (values: Values) => rowsOf(values, linkage.subform).find((r) => r._rowId === rowId);
  return {
    id: `${linkage.subform}\u0000${rowId}\u0000${linkage.key}`,
    linkage,
    target: linkage.meta,
    inputs: (values) => {
      const found = row(values);
      return found === undefined ? null : rowInputs(values, found);
    },
    current: (values) => row(values)?.[linkage.key],
    patch: (values, value) => withCell(values, linkage.subform, rowId, linkage.key, value),
  };
}

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
 * linkage leaves it alone. Subform columns with a linkage default run the same way per row
 * (the row's cells over the record's values); rows added while filling run at once, rows an
 * existing record opened with wait for an input to change. `emit` receives the complete next values.
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

  const replace = useCallback((next: Values) => {
    latest.current = next;
    emitRef.current(next);
  }, []);

  const run = useCallback(
    (slot: LinkageSlot, state: LinkageRun) => {
      state.controller?.abort();
      const controller = new AbortController();
      state.controller = controller;
      const inputs = slot.inputs(latest.current);
      const filter = inputs === null ? null : linkageFilter(slot.linkage, inputs);
      const lookup = async () => {
        if (filter === null) return undefined;
        const [found, source] = await Promise.all([
          firstMatchingRecord(slot.linkage.formId, filter, [slot.linkage.sourceField], controller.signal),
          publishedForm(slot.linkage.formId),
        ]);
        const target = slot.target;
        const sourceMeta = source.definition.fields[slot.linkage.sourceField];
        return target && linkedValue(found, slot.linkage.sourceField, sourceMeta, target);
      };
      lookup().then(
        (value) => {
          if (controller.signal.aborted || state.userOwned || slot.inputs(latest.current) === null) return;
          const current = slot.current(latest.current);
          if (!deepEquals(current, state.applied)) {
            state.userOwned = true;
            return;
          }
          state.applied = value;
          if (!deepEquals(value, current)) replace(slot.patch(latest.current, value));
        },
        () => {
          // Not readable, offline or superseded: the field stays as it is; a later change retries.
          if (!controller.signal.aborted) state.signature = null;
        },
      );
    },
    [replace],
  );

  /** Rows of an existing record present when it opened: their linkage waits for an input to change. */
  const openedRows = useRef<Set<string> | null>(null);

  useEffect(() => {
    if (openedRows.current === null) {
      openedRows.current = new Set(
        newRecord
          ? []
          : rowLinkageDefaultsOf(definition).flatMap((l) => rowsOf(values, l.subform).map((r) => r._rowId)),
      );
    }
    const schedule = (slot: LinkageSlot, isNew: boolean) => {
      const inputs = slot.inputs(values);
      if (inputs === null) return;
      const signature = linkageSignature(slot.linkage, inputs);
      const current = slot.current(values);
      let state = runs.current.get(slot.id);
      if (state === undefined) {
        // An existing record (or row) keeps its stored value until an input changes.
        state = { signature: isNew ? null : signature, applied: current, userOwned: false };
        runs.current.set(slot.id, state);
      }
      if (!state.userOwned && !deepEquals(current, state.applied)) state.userOwned = true;
      if (state.userOwned || state.signature === signature) return;
      state.signature = signature;
      clearTimeout(state.timer);
      const due = state;
      state.timer = setTimeout(() => run(slot, due), LINKAGE_DEBOUNCE_MS);
    };
    for (const linkage of linkageDefaultsOf(definition)) schedule(fieldSlot(definition, linkage), newRecord);
    for (const linkage of rowLinkageDefaultsOf(definition))
      for (const row of rowsOf(values, linkage.subform))
        schedule(rowSlot(linkage, row._rowId), newRecord || !openedRows.current.has(row._rowId));
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
