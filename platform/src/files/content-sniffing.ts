import { fileTypeFromBuffer } from 'file-type';

/**
 * Decides what an uploaded file IS from its first bytes, never from its name or the client's
 * content type: binary formats by their magic bytes (file-type, which also tells Office
 * documents from plain zip archives by their entries), plain text and CSV by text sniffing
 * (valid UTF-8 without control bytes). HTML, SVG and XML are refused even though they are
 * text: served back, they could run scripts in the user's browser.
 */
export interface AcceptedType {
  accepted: true;
  contentType: string;
  ext: string;
  /** Raster images may be shown inline; everything else is always an attachment. */
  inlineSafe: boolean;
}
export interface RefusedType {
  accepted: false;
  /** What the content turned out to be, for the error message. */
  detected: string;
}

/** How many leading bytes the sniffer wants (file-type reads up to 4100; Office entries need more). */
export const SNIFF_BYTES = 64 * 1024;

const ALLOWED_BINARY: Record<string, { contentType: string; inlineSafe: boolean }> = {
  png: { contentType: 'image/png', inlineSafe: true },
  jpg: { contentType: 'image/jpeg', inlineSafe: true },
  gif: { contentType: 'image/gif', inlineSafe: true },
  webp: { contentType: 'image/webp', inlineSafe: true },
  pdf: { contentType: 'application/pdf', inlineSafe: false },
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', inlineSafe: false },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', inlineSafe: false },
  pptx: {
    contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    inlineSafe: false,
  },
  zip: { contentType: 'application/zip', inlineSafe: false },
};

/** The accepted kinds, for error messages and docs. */
export const ACCEPTED_KINDS = 'PNG, JPEG, GIF, WebP, PDF, DOCX, XLSX, PPTX, ZIP, plain text, CSV';

const MARKUP = /<\s*(!doctype|html|svg|\?xml|script|body|head|iframe|object|embed)\b/i;

export async function sniffContentType(head: Uint8Array, fileName: string): Promise<AcceptedType | RefusedType> {
  const detected = await fileTypeFromBuffer(head);
  if (detected) {
    const allowed = ALLOWED_BINARY[detected.ext];
    if (allowed) return { accepted: true, ext: detected.ext, ...allowed };
    return { accepted: false, detected: `${detected.ext.toUpperCase()} (${detected.mime})` };
  }
  const text = asText(head);
  if (text === null) return { accepted: false, detected: 'unrecognised binary content' };
  if (MARKUP.test(text)) return { accepted: false, detected: 'HTML, SVG or XML markup' };
  if (/\.csv$/i.test(fileName)) return { accepted: true, contentType: 'text/csv', ext: 'csv', inlineSafe: false };
  return { accepted: true, contentType: 'text/plain', ext: 'txt', inlineSafe: false };
}

/** Decodes or returns null when the bytes are not valid in that encoding. */
function decodeStrict(encoding: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** The head as text when it is UTF-8 (or GB18030, common for CSV saved by Excel in China) without control bytes (tab, CR, LF and form feed allowed); else null. */
function asText(head: Uint8Array): string | null {
  if (head.length === 0) return '';
  // A multi-byte character may be cut at the end of the head: drop up to 3 trailing bytes of it.
  let end = head.length;
  if (head.length >= SNIFF_BYTES) {
    while (end > head.length - 3 && end > 0 && ((head[end - 1] ?? 0) & 0xc0) === 0x80) end--;
    if (end > 0 && ((head[end - 1] ?? 0) & 0xc0) === 0xc0) end--;
  }
  let text = decodeStrict('utf-8', head.subarray(0, end));
  // GB18030 characters are up to 4 bytes; a full head may end inside one.
  const cuts = head.length >= SNIFF_BYTES ? [0, 1, 2, 3] : [0];
  for (const cut of cuts) text ??= decodeStrict('gb18030', head.subarray(0, head.length - cut));
  if (text === null) return null;
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text) ? null : text;
}
