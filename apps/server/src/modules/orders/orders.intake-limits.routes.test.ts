import { expect, it } from 'vitest';
import { sql } from 'kysely';
import { forEachDialect } from '../../../test/helpers';

/**
 * The upload cap at its exact boundary on every import route: a file of the cap's size is read, one
 * byte more gets 413 PAYLOAD_TOO_LARGE naming the cap in the caller's language, and nothing is
 * written. The cap here is 4 KiB. (The documents upload has its own in platform.documents-routes.)
 */

const CAP = 4096;

function multipart(data: Buffer, filename: string) {
  const boundary = 'gendan-cap-boundary';
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

/** Text of exactly `size` bytes: readable, but not an order file. */
const textOf = (size: number) => Buffer.from('x,y\r\n'.repeat(size).slice(0, size));

forEachDialect(
  'upload cap of the imports',
  (ctx) => {
    let englishAdmin: string | undefined;
    const rowCount = async () => {
      const r = await sql<{ n: number | string }>`
        select (select count(*) from orders) + (select count(*) from order_lines)
          + (select count(*) from customers) + (select count(*) from products)
          + (select count(*) from agreements) + (select count(*) from agreement_lines)
          + (select count(*) from import_receipts) + (select count(*) from documents)
          + (select count(*) from audit_log) as n
      `.execute(ctx.database.db);
      return Number(r.rows[0]!.n);
    };

    for (const [url, filename] of [
      ['/api/orders/import', 'orders.csv'],
      ['/api/orders/import-email', 'order.eml'],
      ['/api/customers/import', 'customers.csv'],
      ['/api/products/import', 'products.csv'],
      ['/api/contracts/import', 'contracts.csv'],
      ['/api/quotations/import', 'quotations.csv'],
      ['/api/price-lists/import', 'price-lists.csv'],
      ['/api/agreements/import', 'agreements.csv'],
    ] as const) {
      it(`${url}: reads a file of the cap's size and refuses one byte more with 413 in the caller's language`, async () => {
        const admin = await ctx.adminCookie();
        englishAdmin ??= (await ctx.createUser({ roles: ['admin'], language: 'en' })).cookie;
        const before = await rowCount();
        const send = (size: number, cookie = admin) => {
          const body = multipart(textOf(size), filename);
          return ctx.app.inject({
            method: 'POST',
            url,
            headers: { ...body.headers, cookie },
            payload: body.payload,
          });
        };
        const atCap = await send(CAP);
        expect(atCap.statusCode, atCap.body).not.toBe(413);
        expect(atCap.statusCode, atCap.body).toBeLessThan(500);

        const over = await send(CAP + 1);
        expect(over.statusCode, over.body).toBe(413);
        expect(over.json().error).toMatchObject({
          code: 'PAYLOAD_TOO_LARGE',
          message: '文件或请求过大，上限为 4096 B',
        });
        const overEn = await send(CAP + 1, englishAdmin);
        expect(overEn.statusCode, overEn.body).toBe(413);
        expect(overEn.json().error).toMatchObject({
          code: 'PAYLOAD_TOO_LARGE',
          message: 'The file or request is too large; the limit is 4096 B',
        });
        expect(await rowCount()).toBe(before);
      });
    }
  },
  { uploadMaxBytes: CAP },
);
