/** A stored file reference, as the server keeps it in a file field (see engine fields/files.ts). */
export interface FileRef {
  blobId: string;
  name: string;
  size: number;
  type: string;
}

export const FILE_KINDS: ReadonlySet<string> = new Set(['attachment', 'image', 'signature']);

function isFileRef(item: unknown): item is FileRef {
  if (typeof item !== 'object' || item === null) return false;
  const r = item as Record<string, unknown>;
  return typeof r.blobId === 'string' && typeof r.name === 'string' && typeof r.size === 'number';
}

/** The file references in a field value; anything else is dropped. */
export function fileRefs(value: unknown): FileRef[] {
  return Array.isArray(value) ? value.filter(isFileRef) : [];
}

export function fileUrl(ref: Pick<FileRef, 'blobId'>, inline = false): string {
  return `/api/files/${encodeURIComponent(ref.blobId)}${inline ? '?inline=1' : ''}`;
}

/** 1536 → "1.5 KB". */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
