import { ApiError, type ApiErrorBody } from './client';

/**
 * POSTs JSON and saves the binary answer as a file (Excel export): same cookie and anti-CSRF
 * header as `api`, the file name from Content-Disposition (RFC 5987 `filename*` first).
 */
export async function downloadPost(path: string, body: unknown, fallbackName: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-formloom-request': '1' },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, { code: 'NETWORK', message: 'The server cannot be reached', details: [] });
  }
  if (!response.ok) {
    const parsed = (await response.json().catch(() => null)) as { error?: ApiErrorBody } | null;
    throw new ApiError(
      response.status,
      parsed?.error
        ? { ...parsed.error, details: parsed.error.details ?? [] }
        : { code: `HTTP_${response.status}`, message: response.statusText || 'Request failed', details: [] },
    );
  }
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName(response.headers.get('content-disposition')) ?? fallbackName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function fileName(disposition: string | null): string | null {
  if (!disposition) return null;
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (extended) {
    try {
      return decodeURIComponent(extended[1]);
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : null;
}
