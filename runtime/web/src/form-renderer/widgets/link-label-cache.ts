import { linkedRecordLabel } from './link-label';
import { recordsByIds, type LinkedRecord } from './lookup-api';

/**
 * Labels (display fields' values) of linked records for the ids link and select-data values
 * hold, shared by every view of a page (table cells, record page, history, conflict dialog,
 * subform rows). Ids asked for in the same turn are fetched with one records query per target
 * form and display fields (at most BATCH ids per request), with the user's own permissions;
 * answers are kept for the page session. An id the query does not return (not readable by this
 * user, deleted) or a form the user may not query is remembered as NOT_AVAILABLE: views show a
 * neutral placeholder, never the raw id.
 *
 * Freshness: `invalidate(formId?, ids?)` marks known labels stale (all, one form's, or some
 * records') and tells the views; they keep showing the old label and, as they render, name the
 * ids they still show — only those are read again, batched like first reads, and an id already
 * being read is not asked twice. The player invalidates on window focus, on its own writes and
 * on other tabs' writes (runtime/web/src/records/link-label-freshness.ts).
 */
export const BATCH = 100;
export const NOT_AVAILABLE = null;

/** A label; NOT_AVAILABLE (null) when the record cannot be shown; undefined while not known yet. */
export type LinkLabel = string | null | undefined;

export interface LinkTarget {
  formId: string;
  displayFields: readonly string[];
}

type FetchRecords = (formId: string, ids: string[], fields: string[]) => Promise<LinkedRecord[]>;

const targetKey = (target: LinkTarget) => `${target.formId}\u0000${target.displayFields.join(',')}`;

/** The cache itself, separate from its module-wide instance so tests can give it their own fetch. */
export function createLinkLabelCache(fetchRecords: FetchRecords) {
  const labels = new Map<string, Map<string, string | null>>();
  const queued = new Map<string, { target: LinkTarget; ids: Set<string> }>();
  const targets = new Map<string, LinkTarget>();
  /** Per target key: ids whose label is shown but may be out of date, and ids being read. */
  const stale = new Map<string, Set<string>>();
  const inFlight = new Map<string, Set<string>>();
  let flushScheduled = false;
  let revision = 0;
  const listeners = new Set<() => void>();

  function enqueue(key: string, target: LinkTarget, id: string): void {
    targets.set(key, target);
    let batch = queued.get(key);
    if (batch === undefined) queued.set(key, (batch = { target, ids: new Set() }));
    batch.ids.add(id);
  }

  function scheduleFlush(): Promise<void> {
    if (queued.size === 0 || flushScheduled) return Promise.resolve();
    flushScheduled = true;
    return new Promise((resolve) => setTimeout(() => void flush().then(resolve), 0));
  }

  const setOf = (sets: Map<string, Set<string>>, key: string) => {
    let found = sets.get(key);
    if (found === undefined) sets.set(key, (found = new Set()));
    return found;
  };

  const known = (key: string) => {
    let found = labels.get(key);
    if (found === undefined) labels.set(key, (found = new Map()));
    return found;
  };

  function changed(): void {
    revision++;
    for (const listener of listeners) listener();
  }

  async function fetchOne(target: LinkTarget, ids: string[]): Promise<void> {
    const key = targetKey(target);
    const answers = known(key);
    const reading = setOf(inFlight, key);
    for (const id of ids) reading.add(id);
    for (let i = 0; i < ids.length; i += BATCH) {
      const chunk = ids.slice(i, i + BATCH);
      const named = new Set<string>();
      // This read answers for what was stale until now; marked stale again meanwhile, read again.
      for (const id of chunk) stale.get(key)?.delete(id);
      try {
        const found = await fetchRecords(target.formId, chunk, [...target.displayFields]);
        for (const record of found) {
          answers.set(record.id, linkedRecordLabel(record, target.displayFields));
          named.add(record.id);
        }
      } catch {
        // The form is not readable by this user (or gone): its records are not available.
      }
      for (const id of chunk) {
        if (!named.has(id)) answers.set(id, NOT_AVAILABLE);
        reading.delete(id);
      }
      changed();
    }
  }

  async function flush(): Promise<void> {
    flushScheduled = false;
    const batches = [...queued.values()];
    queued.clear();
    await Promise.all(batches.map((b) => fetchOne(b.target, [...b.ids])));
  }

  return {
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Changes whenever a label arrives (for useSyncExternalStore). */
    revision: () => revision,
    /** The label of a record; a stale one is read again (batched with the others shown in this turn). */
    label(target: LinkTarget, id: string): LinkLabel {
      const key = targetKey(target);
      if (stale.get(key)?.has(id) && !inFlight.get(key)?.has(id)) {
        enqueue(key, target, id);
        void scheduleFlush();
      }
      return labels.get(key)?.get(id);
    },
    /**
     * Marks labels stale — every known one, or only `formId`'s, or only these records of it —
     * and re-renders the views; what they still show is read again. Nothing is fetched for
     * labels no view shows.
     */
    invalidate(formId?: string, ids?: Iterable<string>): void {
      const only = ids === undefined ? null : new Set(ids);
      let marked = 0;
      for (const [key, target] of targets) {
        if (formId !== undefined && target.formId !== formId) continue;
        const answers = labels.get(key);
        if (answers === undefined) continue;
        const set = setOf(stale, key);
        for (const id of only ?? answers.keys())
          if (answers.has(id)) {
            set.add(id);
            marked++;
          }
      }
      if (marked > 0) changed();
    },
    /** Remembers records a search returned, so naming them needs no request. */
    remember(target: LinkTarget, records: readonly LinkedRecord[]): void {
      targets.set(targetKey(target), target);
      const answers = known(targetKey(target));
      for (const record of records) answers.set(record.id, linkedRecordLabel(record, target.displayFields));
      if (records.length > 0) changed();
    },
    /** Asks for the labels of these records; ids asked for in the same turn share requests. */
    request(target: LinkTarget, ids: Iterable<string>): Promise<void> {
      const key = targetKey(target);
      const answers = labels.get(key);
      for (const id of ids) if (!answers?.has(id)) enqueue(key, target, id);
      return scheduleFlush();
    },
    /**
     * Reads the label of a record of `formId` again (after it was saved on this page): views keep
     * the old label until the new one arrives.
     */
    refresh(formId: string, id: string): Promise<void> {
      for (const [key, target] of targets)
        if (target.formId === formId && labels.get(key)?.has(id)) enqueue(key, target, id);
      return scheduleFlush();
    },
  };
}

export type LinkLabelCache = ReturnType<typeof createLinkLabelCache>;

/** The page-wide cache every view shares. */
export const linkLabels: LinkLabelCache = createLinkLabelCache((formId, ids, fields) =>
  recordsByIds(formId, ids, fields),
);
