import { useEffect, useState } from 'react';
import { importStatus, type ImportStatus } from '../../api/imports';

const POLL_MS = 800;
const SETTLED = new Set(['ready', 'done', 'failed']);

/** Polls an import while the server works on it (reading the file, creating rows); stops when it settles. */
export function useImportStatus(importId: string | null, pollKey: number) {
  const [status, setStatus] = useState<ImportStatus | null>(null);
  const [error, setError] = useState<Error | null>(null);

  useEffect(() => {
    if (!importId) return;
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const next = await importStatus(importId);
        if (!alive) return;
        setStatus(next);
        if (!SETTLED.has(next.state)) timer = setTimeout(() => void tick(), POLL_MS);
      } catch (e) {
        if (alive) setError(e instanceof Error ? e : new Error(String(e)));
      }
    };
    void tick();
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [importId, pollKey]);

  return { status, error };
}
