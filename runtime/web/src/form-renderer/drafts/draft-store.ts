/**
 * Drafts of new records in localStorage, one per form, so typed values survive a network
 * failure, a reload or a closed tab. Storage errors (quota, private mode) are ignored: a draft is
 * a convenience, never the only copy the user relies on while the page is open.
 */
export type DraftValues = Record<string, unknown>;

interface StoredDraft {
  savedAt: string;
  values: DraftValues;
}

const key = (formId: string) => `formloom.draft.${formId}`;

function hasValues(values: DraftValues): boolean {
  return Object.values(values).some(
    (v) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0),
  );
}

export function saveDraft(formId: string, values: DraftValues, now = new Date()): void {
  try {
    if (!hasValues(values)) localStorage.removeItem(key(formId));
    else
      localStorage.setItem(key(formId), JSON.stringify({ savedAt: now.toISOString(), values } satisfies StoredDraft));
  } catch {
    /* storage unavailable or full: keep working without a draft */
  }
}

export function loadDraft(formId: string): StoredDraft | null {
  try {
    const raw = localStorage.getItem(key(formId));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<StoredDraft>;
    if (typeof parsed.values !== 'object' || parsed.values === null || Array.isArray(parsed.values)) return null;
    return { savedAt: String(parsed.savedAt ?? ''), values: parsed.values };
  } catch {
    return null;
  }
}

export function clearDraft(formId: string): void {
  try {
    localStorage.removeItem(key(formId));
  } catch {
    /* nothing to clear */
  }
}
