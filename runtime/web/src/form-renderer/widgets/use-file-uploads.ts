import type { UploadFile } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorLanguage, ruleMessage, type ErrorLanguage } from '../../api/error-messages';
import { useFileEndpoints } from './file-endpoints';
import type { FileRef } from './file-value';
import { type FileWidgetMessageKey, useFileWidgetText } from './file-text';
import { UploadError, uploadFile } from './file-upload';

/** A file being uploaded or refused, shown in the list beside the stored files. */
type Pending = UploadFile & { failure?: unknown; errorText?: string };

function errorText(
  error: unknown,
  maxSizeMb: number | undefined,
  text: (k: FileWidgetMessageKey, v?: Record<string, unknown>) => string,
  language: ErrorLanguage,
): string {
  if (!(error instanceof UploadError)) return text('failed');
  if (error.rule === 'fileType') return text('fileType');
  if (error.rule === 'maxSize') return text('maxSize', { mb: maxSizeMb ?? '?' });
  if (error.rule === 'network') return text('network');
  // Anything else the server refused for (rate limit, size of the request …), by its rule or code.
  return `${text('failed')}: ${ruleMessage({ path: '', rule: error.rule, message: error.message }, language)}`;
}

/**
 * The upload state of one file field: stored references (the field value) plus files still
 * uploading or refused by the server (kept on the list with the reason, in the user's language).
 */
export function useFileUploads(value: FileRef[], onChange: (next: FileRef[] | undefined) => void, maxSizeMb?: number) {
  const text = useFileWidgetText();
  const language = errorLanguage(useTranslation().i18n.language);
  const endpoints = useFileEndpoints();
  const [pending, setPending] = useState<Pending[]>([]);
  const latest = useRef(value);
  // Follow the field value when it changes from outside (restore, reset), not on every render:
  // a render between two finishing uploads may still carry the value from before the first.
  const seen = useRef(value.map((f) => f.blobId).join());
  const key = value.map((f) => f.blobId).join();
  if (key !== seen.current) {
    seen.current = key;
    latest.current = value;
  }

  const patch = (uid: string, change: Partial<Pending> | null) =>
    setPending((list) =>
      change === null ? list.filter((p) => p.uid !== uid) : list.map((p) => (p.uid === uid ? { ...p, ...change } : p)),
    );

  const start = (file: Blob, name: string, uid: string) => {
    setPending((list) => [...list, { uid, name, status: 'uploading', percent: 0 }]);
    uploadFile(file, name, (percent) => patch(uid, { percent }), endpoints.upload).then(
      (ref) => {
        patch(uid, null);
        // Uploads finish independently: add to what is stored now, not to a stale render's value.
        latest.current = [...latest.current, ref];
        onChange(latest.current);
      },
      (error: unknown) => {
        patch(uid, { status: 'error', failure: error });
      },
    );
  };

  const remove = (uid: string) => {
    if (pending.some((p) => p.uid === uid)) return patch(uid, null);
    latest.current = latest.current.filter((f) => f.blobId !== uid);
    onChange(latest.current.length ? latest.current : undefined);
  };

  const fileList: Pending[] = [
    ...value.map((ref): Pending => ({
      uid: ref.blobId,
      name: ref.name,
      size: ref.size,
      type: ref.type,
      status: 'done',
      url: endpoints.url(ref),
      thumbUrl: ref.type.startsWith('image/') ? endpoints.url(ref, true) : undefined,
    })),
    // The reason is put into words on every render, so it follows a change of language.
    ...pending.map((p): Pending => {
      if (p.status !== 'error') return p;
      const reason = errorText(p.failure, maxSizeMb, text, language);
      return { ...p, errorText: reason, response: reason };
    }),
  ];
  return { fileList, start, remove, uploading: pending.filter((p) => p.status === 'uploading').length };
}
