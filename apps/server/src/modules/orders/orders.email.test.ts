import { describe, expect, it } from 'vitest';
import MailComposer from 'nodemailer/lib/mail-composer';
import { writeWorkbook } from '../../lib/xlsx';
import {
  emailSources,
  EmailFormatError,
  findHeaderRow,
  htmlTables,
  readEmail,
  subjectCustomerCodes,
  subjectPo,
  textTables,
} from './orders.email';
import { parseOrderSheets } from './orders.import';

function compose(opts: ConstructorParameters<typeof MailComposer>[0]): Promise<Buffer> {
  return new MailComposer(opts).compile().build();
}

describe('subject', () => {
  it('finds bracketed customer codes', () => {
    expect(subjectCustomerCodes('[C001] 新订单 【C-002】 [not a code!]')).toEqual(['C001', 'C-002']);
    expect(subjectCustomerCodes('Re: order')).toEqual([]);
  });

  it('finds a PO number', () => {
    expect(subjectPo('New order PO 4500012345 attached')).toBe('4500012345');
    expect(subjectPo('[C001] PO#A-17/2')).toBe('A-17/2');
    expect(subjectPo('PO No. X1')).toBe('X1');
    expect(subjectPo('采购订单号：CG-9 请确认')).toBe('CG-9');
    expect(subjectPo('Fwd: 订单号 2026-001')).toBe('2026-001');
    expect(subjectPo('Report for Q3')).toBeNull();
    expect(subjectPo('Important update')).toBeNull();
    expect(subjectPo('Pokemon cards')).toBeNull();
    expect(subjectPo('PO4500')).toBe('4500');
  });
});

describe('tables in the body', () => {
  it('reads HTML tables: entities, line breaks, colspan, nested tables, no style text', () => {
    const html = `<style>td{color:red}</style><p>Dear team,</p>
      <table><tr><th>型号</th><th>数量</th><th colspan="2">Specs</th></tr>
      <tr><td>M&#x2D;100</td><td> 1,000 </td><td>材质=钢<br>颜色=红</td><td>x</td></tr>
      <tr><td>M-200<td>5<td>&nbsp;</tr>
      <tr><td><table><tr><td>inner</td></tr></table></td><td>7</td></tr></table>`;
    expect(htmlTables(html)).toEqual([
      [['inner']],
      [
        ['型号', '数量', 'Specs', ''],
        ['M-100', '1,000', '材质=钢\n颜色=红', 'x'],
        ['M-200', '5', ''],
        ['', '7'],
      ],
    ]);
  });

  it('reads tab and pipe tables from text, skipping markdown rules and quoted lines', () => {
    const text = [
      'Hello,',
      '',
      'Model\tQty\tRequested date',
      'M-100\t10\t2026-05-01',
      '',
      '| 型号 | 数量 |',
      '|------|-----:|',
      '| M-200 | 3 |',
      '> | M-300 | 9 |',
      'Thanks',
    ].join('\n');
    expect(textTables(text)).toEqual([
      [
        ['Model', 'Qty', 'Requested date'],
        ['M-100', '10', '2026-05-01'],
      ],
      [
        ['型号', '数量'],
        ['M-200', '3'],
      ],
    ]);
  });

  it('finds the header row below a title row', () => {
    expect(findHeaderRow([['Order from ACME'], ['型号', 'Qty', 'x'], ['M-1', '1', '']])).toBe(2);
    expect(
      findHeaderRow([
        ['a', 'b'],
        ['1', '2'],
      ]),
    ).toBeNull();
  });
});

describe('readEmail and emailSources', () => {
  it('reads sender, subject and date, and takes lines from an xlsx attachment', async () => {
    const xlsx = await writeWorkbook([
      {
        name: 'PO',
        columns: [
          { header: '型号', key: 'model' },
          { header: '数量', key: 'qty' },
          { header: '要求交期', key: 'date' },
        ],
        rows: [{ model: 'M-100', qty: 12, date: '2026-06-01' }],
      },
    ]);
    const raw = await compose({
      from: '"Li Lei" <Buyer@Example.com>',
      to: 'orders@factory.example',
      subject: '[C001] PO 4500012345',
      date: new Date('2026-03-02T01:02:03Z'),
      text: 'See attached.',
      attachments: [{ filename: '订单.xlsx', content: xlsx }],
    });
    const mail = await readEmail(raw);
    expect(mail).toMatchObject({
      from: 'buyer@example.com',
      fromName: 'Li Lei',
      subject: '[C001] PO 4500012345',
      date: '2026-03-02T01:02:03.000Z',
    });
    const { source, sources } = await emailSources(mail);
    expect(source).toBe('attachment');
    const { groups, errors } = parseOrderSheets(sources, {
      defaults: { customerCode: 'C001', customerPo: 'P' },
    });
    expect(errors).toEqual([]);
    expect(groups[0]!.lines.map((l) => [l.model, l.qty, l.requestedDate])).toEqual([
      ['M-100', 12, '2026-06-01'],
    ]);
  });

  it('falls back to an HTML table, then to a text table, else finds nothing', async () => {
    const html = await readEmail(
      await compose({
        from: 'a@b.c',
        subject: 'order',
        html: '<table><tr><td>Model</td><td>Qty</td></tr><tr><td>M-1</td><td>2</td></tr></table>',
      }),
    );
    expect((await emailSources(html)).source).toBe('html');
    const text = await readEmail(
      await compose({ from: 'a@b.c', subject: 'order', text: 'Model|Qty\nM-1|2\n' }),
    );
    expect((await emailSources(text)).source).toBe('text');
    const none = await readEmail(await compose({ from: 'a@b.c', subject: 'hi', text: 'Call me.' }));
    expect(await emailSources(none)).toEqual({ source: 'none', sources: [] });
  });

  it('refuses text that has no mail headers', async () => {
    await expect(readEmail(Buffer.from('just some words\nand more\n'))).rejects.toBeInstanceOf(
      EmailFormatError,
    );
  });
});
