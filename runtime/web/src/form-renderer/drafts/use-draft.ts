import { useEffect, useRef, useState } from 'react';
import { type DraftValues, clearDraft, loadDraft, saveDraft } from './draft-store';

const DEBOUNCE_MS = 600;

/**
 * The draft of a new record for one form: `offer` is a stored draft the user has not yet
 * restored or discarded (nothing is overwritten while it is offered); `schedule` saves values
 * after a pause in typing, `saveNow` at once (on a failed submit), `clear` after success.
 */
export function useDraft(formId: string) {
  const [offer, setOffer] = useState(() => loadDraft(formId));
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const offered = useRef(offer !== null);
  offered.current = offer !== null;

  useEffect(() => () => clearTimeout(timer.current), []);

  const saveNow = (values: DraftValues) => {
    clearTimeout(timer.current);
    if (!offered.current) saveDraft(formId, values);
  };
  return {
    offer,
    schedule(values: DraftValues) {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => saveNow(values), DEBOUNCE_MS);
    },
    saveNow,
    clear() {
      clearTimeout(timer.current);
      clearDraft(formId);
    },
    dismissOffer(discard: boolean) {
      if (discard) clearDraft(formId);
      offered.current = false;
      setOffer(null);
    },
  };
}
