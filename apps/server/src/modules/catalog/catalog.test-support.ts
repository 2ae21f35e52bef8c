import ExcelJS from 'exceljs';

/** Test helpers for the catalog's spreadsheet tests: multipart bodies and workbooks. */

export function multipart(filename: string, data: Buffer, boundary = 'catalog-test-boundary') {
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
        'Content-Type: application/octet-stream\r\n\r\n',
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A one-sheet workbook with these rows (the first is the header). */
export async function xlsx(rows: readonly (readonly unknown[])[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  for (const r of rows) ws.addRow([...r]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The rows of a workbook's sheet as arrays of cell values. */
export async function sheetRows(data: Buffer, sheet = 0): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const out: unknown[][] = [];
  wb.worksheets[sheet]?.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
  return out;
}

/** Replaces one cell (0-based row and column) of a workbook's first sheet. */
export async function editCell(
  data: Buffer,
  row: number,
  col: number,
  value: ExcelJS.CellValue,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) throw new Error('no sheet');
  ws.getRow(row + 1).getCell(col + 1).value = value;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
