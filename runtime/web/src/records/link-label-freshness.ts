import { useEffect } from 'react';
import { linkLabels, type LinkLabelCache } from '../form-renderer/widgets/link-label-cache';

/**
 * Keeps the labels links show (table cells, record page, history) in step with the linked
 * records when they change elsewhere:
 * - a write in this tab (a record saved on its page, a bulk edit or delete) invalidates those
 *   records' labels here and tells the other tabs of this browser on a BroadcastChannel;
 * - a message from another tab invalidates the records it names;
 * - coming back to the window (focus, or the page becoming visible) invalidates every label,
 *   at most once per `minIntervalMs`, since someone else may have edited anything meanwhile.
 * Invalidating fetches nothing by itself: the views re-render and only the labels still shown
 * are read again, batched per linked form (link-label-cache.ts).
 */
export const CHANNEL_NAME = 'formloom-record-writes';

export interface RecordsWritten {
  type: 'records-written';
  formId: string;
  ids: string[];
}

/** The part of `window` and `document` used here. */
export interface EventSource {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

/** What the freshness wiring needs from the browser (injected by the unit tests). */
export interface FreshnessEnvironment {
  cache: Pick<LinkLabelCache, 'invalidate'>;
  /** null where BroadcastChannel is missing: other tabs are then caught up on focus only. */
  channel:
    | (Pick<BroadcastChannel, 'postMessage' | 'close'> & {
        onmessage: ((event: MessageEvent) => void) | null;
      })
    | null;
  window: EventSource;
  document: EventSource & { readonly visibilityState: DocumentVisibilityState };
  now: () => number;
  minIntervalMs?: number;
}

function isRecordsWritten(data: unknown): data is RecordsWritten {
  if (typeof data !== 'object' || data === null) return false;
  const message = data as Partial<RecordsWritten>;
  return (
    message.type === 'records-written' &&
    typeof message.formId === 'string' &&
    Array.isArray(message.ids) &&
    message.ids.every((id) => typeof id === 'string')
  );
}

export function createLinkLabelFreshness(env: FreshnessEnvironment) {
  const minInterval = env.minIntervalMs ?? 2000;
  let lastCatchUp = Number.NEGATIVE_INFINITY;

  const catchUp = () => {
    const now = env.now();
    if (now - lastCatchUp < minInterval) return;
    lastCatchUp = now;
    env.cache.invalidate();
  };
  const onVisibility = () => {
    if (env.document.visibilityState === 'visible') catchUp();
  };
  const onMessage = (event: MessageEvent) => {
    if (isRecordsWritten(event.data)) env.cache.invalidate(event.data.formId, event.data.ids);
  };

  return {
    /** Starts listening; returns the function that stops. */
    start(): () => void {
      env.window.addEventListener('focus', catchUp);
      env.document.addEventListener('visibilitychange', onVisibility);
      if (env.channel) env.channel.onmessage = onMessage;
      return () => {
        env.window.removeEventListener('focus', catchUp);
        env.document.removeEventListener('visibilitychange', onVisibility);
        if (env.channel) env.channel.onmessage = null;
      };
    },
    /** Records of `formId` were written in this tab: their labels here and in the other tabs. */
    written(formId: string, ids: readonly string[]): void {
      if (ids.length === 0) return;
      env.cache.invalidate(formId, ids);
      const message: RecordsWritten = { type: 'records-written', formId, ids: [...ids] };
      env.channel?.postMessage(message);
    },
  };
}

type Freshness = ReturnType<typeof createLinkLabelFreshness>;
let pageFreshness: Freshness | null = null;

/** The page's one instance (created on first use in the browser). */
function freshness(): Freshness {
  pageFreshness ??= createLinkLabelFreshness({
    cache: linkLabels,
    channel: typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL_NAME) : null,
    window,
    document,
    now: () => Date.now(),
  });
  return pageFreshness;
}

/** Tells this tab's and the other tabs' link labels that these records of `formId` changed. */
export function recordsWritten(formId: string, ids: readonly string[]): void {
  freshness().written(formId, ids);
}

let started = false;

/**
 * Views that show records call this: from the first one on, link labels follow focus and the
 * other tabs' writes for the rest of the page's life (an invalidation while no label is shown
 * fetches nothing, and a message missed while no view was mounted would leave labels stale).
 */
export function useLinkLabelFreshness(): void {
  useEffect(() => {
    if (started) return;
    started = true;
    freshness().start();
  }, []);
}
