import { describe, expect, it } from 'vitest';
import { contentDisposition } from './content-disposition.js';

describe('contentDisposition', () => {
  it('keeps the exact name in filename* and an inert ASCII fallback', () => {
    expect(contentDisposition('attachment', '报价 "v2".pdf')).toBe(
      `attachment; filename="__ _v2_.pdf"; filename*=UTF-8''%E6%8A%A5%E4%BB%B7%20%22v2%22.pdf`,
    );
  });

  it('cannot be broken out of with quotes, semicolons or line breaks', () => {
    const value = contentDisposition('inline', 'a";\r\nSet-Cookie: x=1.png');
    expect(value).not.toMatch(/[\r\n]/);
    expect(value.match(/"/g)).toHaveLength(2);
  });
});
