import { api, ApiError, type ApiErrorBody } from './client';

/** Excel import: upload (multipart), status with progress and row errors, start with a column → field mapping. */
export type ImportState = 'reading' | 'ready' | 'running' | 'done' | 'failed';

export interface ImportStatus {
  id: string;
  formId: string;
  fileName: string;
  state: ImportState;
  total: number | null;
  processed: number;
  created: number;
  failed: number;
  errors: { row: number; field: string; rule: string; message: string }[];
  columns: { index: number; header: string }[];
  mapping: Record<string, string> | null;
  message: string | null;
}

const enc = encodeURIComponent;

export async function uploadImport(formId: string, file: File): Promise<{ importId: string }> {
  const body = new FormData();
  body.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch(`/api/forms/${enc(formId)}/imports`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'x-formloom-request': '1', accept: 'application/json' },
      body,
    });
  } catch {
    throw new ApiError(0, { code: 'NETWORK', message: 'The server cannot be reached', details: [] });
  }
  const parsed = (await response.json().catch(() => null)) as { importId?: string; error?: ApiErrorBody } | null;
  if (!response.ok || !parsed?.importId)
    throw new ApiError(
      response.status,
      parsed?.error
        ? { ...parsed.error, details: parsed.error.details ?? [] }
        : { code: `HTTP_${response.status}`, message: response.statusText || 'Upload failed', details: [] },
    );
  return { importId: parsed.importId };
}

export const importStatus = (id: string) => api<ImportStatus>('GET', `/api/imports/${enc(id)}`);
export const startImport = (id: string, mapping: Record<string, string>) =>
  api<{ importId: string }>('POST', `/api/imports/${enc(id)}/start`, { mapping });
export const importErrorsUrl = (id: string) => `/api/imports/${enc(id)}/errors.xlsx`;
