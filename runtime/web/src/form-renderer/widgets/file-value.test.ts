import { describe, expect, it } from 'vitest';
import { fileRefs, fileUrl, formatSize } from './file-value';

describe('file field values', () => {
  it('keeps only well-formed file references', () => {
    const good = { blobId: 'b1', name: '合同.txt', size: 25, type: 'text/plain' };
    expect(fileRefs([good, { name: 'no id' }, null, 'x'])).toEqual([good]);
    expect(fileRefs('not a list')).toEqual([]);
  });

  it('links to the download, inline only when asked, with the id escaped', () => {
    expect(fileUrl({ blobId: 'b1' })).toBe('/api/files/b1');
    expect(fileUrl({ blobId: 'a/b' }, true)).toBe('/api/files/a%2Fb?inline=1');
  });

  it('shows sizes in B, KB and MB', () => {
    expect(formatSize(25)).toBe('25 B');
    expect(formatSize(1536)).toBe('1.5 KB');
    expect(formatSize(5 * 1024 * 1024)).toBe('5.0 MB');
  });
});
