import ELK, { type ELK as ElkLayouter } from 'elkjs/lib/elk-api.js';
import workerUrl from 'elkjs/lib/elk-worker.min.js?url';

let instance: ElkLayouter | null = null;

/** The browser's ELK: one web worker (started on first use) so laying out a large flow never blocks the page. */
export function elkInWorker(): ElkLayouter {
  instance ??= new ELK({ workerUrl });
  return instance;
}
