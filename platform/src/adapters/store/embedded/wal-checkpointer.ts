import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How often the checkpointer copies committed WAL frames into the database file. */
export const CHECKPOINT_EVERY_MS = 100;

/**
 * The checkpointer thread: its own connection to the database, a PASSIVE checkpoint every
 * `everyMs` (a no-op, without an fsync, when the WAL holds nothing new), closed on 'stop'.
 * Plain JavaScript run with `eval`, so the same code works from the TypeScript sources (tests,
 * benchmarks) and from the built output; better-sqlite3 is required by the path the main
 * thread resolved.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
const timer = setInterval(() => db.pragma('wal_checkpoint(PASSIVE)'), workerData.everyMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Checkpoints the WAL on a thread of its own. With SQLite's automatic checkpoints, the COMMIT
 * that pushes the WAL past 1,000 pages also copies the WAL into the database file and fsyncs
 * both files, blocking the event loop for milliseconds on a loaded disk; in the flow benchmark
 * that was about two thirds of the time spent in COMMIT. The write connection turns automatic
 * checkpoints off while this thread runs.
 *
 * A checkpoint only copies frames that are already committed, and SQLite keeps it crash-safe
 * (an interrupted checkpoint is redone from the WAL), so durability is unchanged. If the thread
 * fails, `onFailure` is called once (the store then turns automatic checkpoints back on).
 */
export class WalCheckpointer {
  private readonly worker: Worker;
  private stopping = false;

  constructor(file: string, onFailure: (error: Error) => void, everyMs = CHECKPOINT_EVERY_MS) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, everyMs } });
    this.worker.unref(); // never what keeps a process alive
    let failed = false;
    const fail = (error: Error) => {
      if (failed || this.stopping) return;
      failed = true;
      onFailure(error);
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`the WAL checkpointer thread exited (code ${code})`)));
  }

  /** Stops the thread and closes its connection; resolves once it has exited. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.postMessage('stop');
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), 5_000);
    });
    const outcome = await Promise.race([exited.then(() => 'exited' as const), late]);
    clearTimeout(timer);
    if (outcome === 'late') await this.worker.terminate();
  }
}
