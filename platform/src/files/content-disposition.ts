/**
 * A `Content-Disposition` header value for a stored file name: an ASCII fallback in
 * `filename` (quotes, backslashes and non-ASCII replaced) and the exact name in `filename*`
 * (RFC 5987 percent-encoding), so no name can break out of the header.
 */
export function contentDisposition(type: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
