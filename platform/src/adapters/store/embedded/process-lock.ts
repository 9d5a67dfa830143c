import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { FormloomError } from '@formloom/model';

/** Directories this process holds open, so a second open in the same process is refused too. */
const heldHere = new Set<string>();

/**
 * An exclusive lock on a data directory: `<dir>/formloom.lock` holds the owner's pid. A lock
 * left by a process that no longer runs (e.g. after SIGKILL) is taken over.
 */
export class ProcessLock {
  private constructor(
    private readonly path: string,
    private readonly dir: string,
  ) {}

  static acquire(dir: string): ProcessLock {
    const absolute = resolve(dir);
    const path = join(absolute, 'formloom.lock');
    if (heldHere.has(absolute)) throw alreadyOpen(absolute, process.pid);
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const fd = openSync(path, 'wx');
        writeSync(fd, String(process.pid));
        closeSync(fd);
        heldHere.add(absolute);
        return new ProcessLock(path, absolute);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        const owner = readOwner(path);
        if (owner !== null && owner !== process.pid && isRunning(owner)) throw alreadyOpen(absolute, owner);
        try {
          unlinkSync(path); // stale: its owner is gone (or it is our own pid from an earlier life)
        } catch (unlinkError) {
          if ((unlinkError as NodeJS.ErrnoException).code !== 'ENOENT') throw unlinkError;
        }
      }
    }
    throw alreadyOpen(absolute, readOwner(path));
  }

  release(): void {
    heldHere.delete(this.dir);
    try {
      if (readOwner(this.path) === process.pid) unlinkSync(this.path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
}

function readOwner(path: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function alreadyOpen(dir: string, pid: number | null): FormloomError {
  return new FormloomError(
    'UNAVAILABLE',
    `The data directory ${dir} is already in use by another Formloom process${pid ? ` (pid ${pid})` : ''}. ` +
      'Stop that process first, or point DATA_DIR elsewhere (if that pid is not Formloom, delete formloom.lock).',
    [{ path: 'DATA_DIR', rule: 'exclusive', message: 'Only one process may open an embedded store at a time' }],
  );
}
