import type { FileRef } from './file-value';

/** Why an upload failed: the server's rule (`fileType`, `maxSize`, …) or `network`. */
export class UploadError extends Error {
  constructor(
    readonly rule: string,
    message: string,
  ) {
    super(message);
    this.name = 'UploadError';
  }
}

function refusal(status: number, text: string): UploadError {
  try {
    const body = JSON.parse(text) as { error?: { code?: string; message?: string; details?: { rule?: string }[] } };
    const rule = body.error?.details?.[0]?.rule ?? body.error?.code ?? `HTTP_${status}`;
    return new UploadError(rule, body.error?.message ?? `HTTP ${status}`);
  } catch {
    return new UploadError(status === 413 ? 'maxSize' : `HTTP_${status}`, `HTTP ${status}`);
  }
}

/**
 * Uploads one file to `POST /api/files` (or `url`, e.g. a public link's upload endpoint;
 * multipart part `file`) with the session cookie and the anti-CSRF header; XMLHttpRequest
 * because fetch reports no upload progress.
 */
export function uploadFile(
  file: Blob,
  name: string,
  onProgress: (percent: number) => void,
  url = '/api/files',
): Promise<FileRef> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('x-formloom-request', '1');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new UploadError('network', 'The server cannot be reached'));
    xhr.onload = () => {
      if (xhr.status < 200 || xhr.status >= 300) return reject(refusal(xhr.status, xhr.responseText));
      const body = JSON.parse(xhr.responseText) as FileRef & { sha256?: string };
      resolve({ blobId: body.blobId, name: body.name, size: body.size, type: body.type });
    };
    const form = new FormData();
    form.append('file', file, name);
    xhr.send(form);
  });
}
