import { describe, expect, it } from 'vitest';
import { writeWorkbook } from '../../lib/xlsx';
import { looksLikeText, sheetFormatOf } from './catalog.upload';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
const PDF = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n', 'latin1');

describe('import file format', () => {
  it('reads a zip as xlsx and text as csv, whatever the name says', async () => {
    const book = await writeWorkbook([{ name: 's', columns: [{ header: 'a', key: 'a' }], rows: [] }]);
    expect(await sheetFormatOf({ filename: 'orders.bin', data: book })).toBe('xlsx');
    expect(await sheetFormatOf({ filename: 'list.csv', data: Buffer.from('a,b\n1,2\n') })).toBe('csv');
    expect(await sheetFormatOf({ filename: 'list', data: Buffer.from('型号,品名\n') })).toBe('csv');
  });
  it('answers 415 for other types and 400 for junk under a spreadsheet name', async () => {
    await expect(sheetFormatOf({ filename: 'x.xlsx', data: PNG })).rejects.toMatchObject({ status: 415 });
    await expect(sheetFormatOf({ filename: 'x.csv', data: PDF })).rejects.toMatchObject({ status: 415 });
    await expect(sheetFormatOf({ filename: 'x.docx', data: Buffer.from('a,b') })).rejects.toMatchObject({
      status: 415,
    });
    await expect(sheetFormatOf({ filename: 'x.xlsx', data: Buffer.from('a,b') })).rejects.toMatchObject({
      code: 'FILE_UNREADABLE',
    });
    await expect(sheetFormatOf({ filename: 'x.csv', data: Buffer.from([0, 1, 2]) })).rejects.toMatchObject({
      code: 'FILE_UNREADABLE',
    });
  });
  it('tells text from binary', () => {
    expect(looksLikeText(Buffer.from('a,b\r\n\t1,2'))).toBe(true);
    expect(looksLikeText(Buffer.from([0x61, 0x00]))).toBe(false);
  });
});
