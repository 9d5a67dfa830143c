import { useEffect, useState } from 'react';
import { LookupDenied } from './lookup-api';

export interface LookupOption {
  value: string;
  label: string;
}

export type LookupState =
  | { status: 'loading'; options: LookupOption[] }
  | { status: 'ready'; options: LookupOption[] }
  /** The caller may not read the list (403) or it failed: the widget falls back to typing ids. */
  | { status: 'unavailable'; options: LookupOption[] };

/** Loads options for `query` (re-run when it changes, the previous request aborted). */
export function useLookup(load: (query: string, signal: AbortSignal) => Promise<LookupOption[]>, query: string) {
  const [state, setState] = useState<LookupState>({ status: 'loading', options: [] });
  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      load(query, controller.signal).then(
        (options) => setState({ status: 'ready', options }),
        (error: unknown) => {
          if (controller.signal.aborted) return;
          setState({ status: 'unavailable', options: [] });
          if (!(error instanceof LookupDenied)) console.warn('Lookup failed', error);
        },
      );
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [load, query]);
  return state;
}
