import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { SNIFF_BYTES, sniffContentType } from './content-sniffing.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('sniffContentType', () => {
  it('types binary formats by their bytes whatever the name says', async () => {
    expect(await sniffContentType(PNG, 'report.pdf')).toMatchObject({
      accepted: true,
      contentType: 'image/png',
      inlineSafe: true,
    });
    expect(await sniffContentType(Buffer.from('%PDF-1.7\n%\xe2\xe3\n1 0 obj', 'latin1'), 'x.png')).toMatchObject({
      contentType: 'application/pdf',
      inlineSafe: false,
    });
  });

  it('tells an Excel workbook from a plain zip archive', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('S').addRow(['a']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    expect(await sniffContentType(xlsx.subarray(0, SNIFF_BYTES), 'data.zip')).toMatchObject({ ext: 'xlsx' });
  });

  it('refuses executables and unknown binaries, naming what they are', async () => {
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(64)]);
    expect(await sniffContentType(elf, 'photo.jpg')).toMatchObject({
      accepted: false,
      detected: expect.stringMatching(/ELF/),
    });
    expect(await sniffContentType(Buffer.from([0, 1, 2, 3, 250, 251]), 'a.txt')).toEqual({
      accepted: false,
      detected: 'unrecognised binary content',
    });
  });

  it('accepts UTF-8 and GB18030 text, as CSV when named .csv', async () => {
    expect(await sniffContentType(Buffer.from('姓名,金额\n张三,12\n'), 'a.csv')).toMatchObject({
      contentType: 'text/csv',
    });
    const gbk = Buffer.from([0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0x31, 0x0a]); // "姓名,1\n" in GBK
    expect(await sniffContentType(gbk, 'notes')).toMatchObject({ contentType: 'text/plain' });
  });

  it('keeps a long UTF-8 text whose head ends inside a character', async () => {
    const text = Buffer.from('汉'.repeat(SNIFF_BYTES));
    expect(await sniffContentType(text.subarray(0, SNIFF_BYTES), 'long.txt')).toMatchObject({ accepted: true });
  });

  it('refuses HTML, SVG and XML markup even as .txt', async () => {
    for (const markup of [
      '<!doctype html><b>x',
      '  <svg onload=alert(1)>',
      '<?xml version="1.0"?><a/>',
      'hi <script>x</script>',
    ]) {
      expect(await sniffContentType(Buffer.from(markup), 'a.txt')).toMatchObject({ accepted: false });
    }
  });
});
