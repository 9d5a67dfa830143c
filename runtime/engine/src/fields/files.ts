import type { FieldMeta } from '@formloom/model';
import type { FieldKindSpec } from './field-kind.types.js';
import { PRESENCE_METHODS, detail, isPlainObject, typeError } from './methods.js';

/** A stored file reference. The bytes live in the blob store under `blobId`. */
export interface FileRef {
  blobId: string;
  name: string;
  size: number;
  type: string;
}

const FILE_KEYS = new Set(['blobId', 'name', 'size', 'type']);
const BLOB_ID = /^[A-Za-z0-9_-]{1,64}$/;

function acceptMatches(file: FileRef, accept: string[]): boolean {
  const name = file.name.toLowerCase();
  const type = file.type.toLowerCase();
  return accept.some((raw) => {
    const a = raw.toLowerCase();
    if (a.startsWith('.')) return name.endsWith(a);
    if (a.endsWith('/*')) return type.startsWith(a.slice(0, -1));
    return type === a;
  });
}

function validateFiles(value: unknown, meta: FieldMeta, path: string, kind: string) {
  if (!Array.isArray(value)) return typeError(path, 'an array of files');
  const errors = [];
  const maxCount = kind === 'signature' ? 1 : meta.file?.maxCount;
  if (maxCount !== undefined && value.length > maxCount)
    errors.push(detail(path, 'maxItems', `At most ${maxCount} file(s)`));
  value.forEach((item, i) => {
    const at = `${path}.${i}`;
    if (!isPlainObject(item)) return errors.push(...typeError(at, 'a file'));
    const extra = Object.keys(item).filter((k) => !FILE_KEYS.has(k));
    if (extra.length) errors.push(detail(`${at}.${extra[0]}`, 'unknownField', 'Not a property of a file'));
    const { blobId, name, size, type } = item;
    if (typeof blobId !== 'string' || !BLOB_ID.test(blobId))
      errors.push(detail(`${at}.blobId`, 'pattern', 'Must be a blob id'));
    if (typeof name !== 'string' || name.length === 0 || name.length > 255)
      errors.push(detail(`${at}.name`, 'type', 'Must be a file name of 1–255 characters'));
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 0)
      errors.push(detail(`${at}.size`, 'type', 'Must be a size in bytes'));
    if (typeof type !== 'string') errors.push(detail(`${at}.type`, 'type', 'Must be a media type'));
    if (errors.length) return;
    const file = item as unknown as FileRef;
    const maxMb = meta.file?.maxSizeMb;
    if (maxMb !== undefined && file.size > maxMb * 1024 * 1024)
      errors.push(detail(`${at}.size`, 'maxSize', `At most ${maxMb} MB`));
    if ((kind === 'image' || kind === 'signature') && (!file.type.startsWith('image/') || file.type.includes('svg')))
      errors.push(detail(`${at}.type`, 'accept', 'Must be a raster image (SVG is not accepted)'));
    if (meta.file?.accept?.length && !acceptMatches(file, meta.file.accept))
      errors.push(detail(`${at}.type`, 'accept', `Accepted: ${meta.file.accept.join(', ')}`));
  });
  return errors;
}

function fileKind(kind: string): FieldKindSpec {
  return {
    kind,
    jsonSchema: () => ({ type: 'array', items: { type: 'object' } }),
    validate: (value, meta, path) => validateFiles(value, meta, path, kind),
    methods: PRESENCE_METHODS,
    sortable: false,
    valueShape: () => 'array',
  };
}

export const attachment = fileKind('attachment');
export const image = fileKind('image');
export const signature = fileKind('signature');

export const fileKinds = [attachment, image, signature];
