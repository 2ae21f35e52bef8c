import { expect, it } from 'vitest';
import { sql } from 'kysely';
import { forEachDialect } from '../../../test/helpers';
import { registerEntityAccess } from './platform.documents';

/**
 * A test entity: ids look like `<company>:<mode>`. Staff get write access ('ro' mode: read only
 * except for admins, 'none': nothing); a customer user reads its own company's items only.
 */
registerEntityAccess('test_item', async (_db, user, entityId) => {
  const [company, mode] = entityId.split(':');
  if (mode === 'none') return null;
  if (user.roles.includes('customer')) return user.customerId === company ? 'read' : null;
  return mode === 'ro' && !user.roles.includes('admin') ? 'read' : 'write';
});

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(200, 1)]);
function pe(): Buffer {
  const b = Buffer.alloc(512, 0x90);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  return b;
}

interface FilePart {
  filename: string;
  data: Buffer;
  type?: string;
}

function multipart(fields: Record<string, string>, file?: FilePart, boundary = 'gendan-test-boundary') {
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\n` +
          `Content-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

forEachDialect('documents API', (ctx) => {
  const upload = async (cookie: string, fields: Record<string, string>, file?: FilePart, extra = {}) => {
    const body = multipart(fields, file);
    return ctx.app.inject({
      method: 'POST',
      url: '/api/documents',
      headers: { ...body.headers, cookie, ...extra },
      payload: body.payload,
    });
  };
  const item = (entityId: string, docType = 'drawing') => ({ entityType: 'test_item', entityId, docType });

  it('stores an upload, types it by content and serves it back as an attachment', async () => {
    const admin = await ctx.adminCookie();
    const res = await upload(
      admin,
      { ...item('c1:a'), shared: 'true' },
      {
        filename: '../../etc/passwd.png',
        data: PNG,
        type: 'text/html',
      },
    );
    expect(res.statusCode, res.body).toBe(201);
    const doc = res.json();
    expect(doc).toMatchObject({
      entityType: 'test_item',
      entityId: 'c1:a',
      docType: 'drawing',
      filename: 'passwd.png',
      mime: 'image/png',
      size: PNG.length,
      shared: true,
    });

    const meta = await ctx.app.inject({ url: `/api/documents/${doc.id}`, headers: { cookie: admin } });
    expect(meta.json()).toEqual(doc);

    const content = await ctx.app.inject({
      url: `/api/documents/${doc.id}/content`,
      headers: { cookie: admin },
    });
    expect(content.statusCode).toBe(200);
    expect(content.rawPayload.equals(PNG)).toBe(true);
    expect(content.headers['content-type']).toBe('image/png');
    expect(content.headers['x-content-type-options']).toBe('nosniff');
    expect(content.headers['content-disposition']).toBe(
      `attachment; filename="passwd.png"; filename*=UTF-8''passwd.png`,
    );

    const list = await ctx.app.inject({
      url: '/api/documents?entityType=test_item&entityId=c1:a',
      headers: { cookie: admin },
    });
    expect(list.json()).toEqual({ items: [doc], total: 1 });

    const audit = await sql<{ action: string }>`
      select action from audit_log where entity_type = 'document' and entity_id = ${doc.id}
    `.execute(ctx.database.db);
    expect(audit.rows.map((r) => r.action)).toEqual(['create']);
  });

  it('keeps a Chinese file name and encodes it in Content-Disposition', async () => {
    const admin = await ctx.adminCookie();
    const csv = Buffer.from('型号,数量\nA-1,100\n');
    const res = await upload(admin, item('c1:b', 'order_import'), { filename: '订单 2026.csv', data: csv });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ filename: '订单 2026.csv', mime: 'text/csv' });
    const content = await ctx.app.inject({
      url: `/api/documents/${res.json().id}/content`,
      headers: { cookie: admin },
    });
    expect(content.headers['content-disposition']).toBe(
      `attachment; filename="__ 2026.csv"; filename*=UTF-8''%E8%AE%A2%E5%8D%95%202026.csv`,
    );
    expect(content.body).toBe(csv.toString());
  });

  it('refuses executables and scripts whatever their name with 415', async () => {
    const admin = await ctx.adminCookie();
    for (const file of [
      { filename: 'photo.png', data: ELF },
      { filename: 'invoice.png', data: pe() },
      { filename: 'invoice.pdf', data: pe() },
      { filename: 'run.png', data: Buffer.from('#!/bin/sh\necho hi\n') },
      { filename: 'notes.txt', data: Buffer.from('#!/usr/bin/env python\nprint(1)\n') },
      { filename: 'page.txt', data: Buffer.from('<html><script>alert(1)</script></html>') },
    ]) {
      const res = await upload(
        admin,
        item('c1:x'),
        { ...file, type: 'image/png' },
        { 'accept-language': 'en' },
      );
      expect(res.statusCode, file.filename).toBe(415);
      expect(res.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    const rows = await sql<{
      n: number;
    }>`select count(*) as n from documents where entity_id = 'c1:x'`.execute(ctx.database.db);
    expect(Number(rows.rows[0]!.n)).toBe(0);
  });

  it('validates the fields and the file part', async () => {
    const admin = await ctx.adminCookie();
    const file = { filename: 'a.png', data: PNG };
    const cases: [Record<string, string>, FilePart | undefined, number, string][] = [
      [{ entityType: 'test_item', entityId: 'c1:a' }, file, 400, 'VALIDATION_FAILED'],
      [{ ...item('c1:a'), extra: 'x' }, file, 400, 'VALIDATION_FAILED'],
      [item('c1:a'), undefined, 400, 'FILE_REQUIRED'],
      [item('c1:a'), { filename: 'empty.txt', data: Buffer.alloc(0) }, 400, 'FILE_REQUIRED'],
      [{ ...item('c1:a'), entityType: 'spaceship' }, file, 400, 'UNKNOWN_ENTITY_TYPE'],
      [item('c1:a\u0000'), file, 400, 'VALIDATION_FAILED'],
    ];
    for (const [fields, f, status, code] of cases) {
      const res = await upload(admin, fields, f);
      expect(res.statusCode, JSON.stringify(fields)).toBe(status);
      expect(res.json().error.code).toBe(code);
    }
    for (const payload of [
      '--gendan-test-boundary\r\nContent-Disposition: form-data; name="docType"\r\n\r\na\r\n',
      '\u0000',
    ]) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/documents',
        headers: { cookie: admin, 'content-type': 'multipart/form-data; boundary=gendan-test-boundary' },
        payload,
      });
      expect(res.statusCode, payload).toBe(400);
      expect(res.json().error.code).toBe('MALFORMED_MULTIPART');
    }
    const noBoundary = await ctx.app.inject({
      method: 'POST',
      url: '/api/documents',
      headers: { cookie: admin, 'content-type': 'multipart/form-data; boundary=' },
      payload: '\u0000',
    });
    expect(noBoundary.statusCode).toBeLessThan(500);
    const json = await ctx.app.inject({
      method: 'POST',
      url: '/api/documents',
      headers: { cookie: admin },
      payload: { entityType: 'test_item' },
    });
    expect(json.statusCode).toBe(415);
  });

  it('accepts a file of several megabytes under the default cap', async () => {
    const admin = await ctx.adminCookie();
    const big = Buffer.concat([PNG, Buffer.alloc(3 * 1024 * 1024, 0x41)]);
    const res = await upload(admin, item('c1:big'), { filename: 'scan.png', data: big });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().size).toBe(big.length);
  });

  it('hides entities the user cannot see (404) and needs write access to attach or delete', async () => {
    const admin = await ctx.adminCookie();
    const clerk = await ctx.createUser({ roles: ['clerk'] });
    const file = { filename: 'a.png', data: PNG };
    expect((await upload(clerk.cookie, item('c1:none'), file)).statusCode).toBe(404);
    expect((await upload(clerk.cookie, item('c1:ro'), file)).statusCode).toBe(404);
    const list = await ctx.app.inject({
      url: '/api/documents?entityType=test_item&entityId=c1:none',
      headers: { cookie: clerk.cookie },
    });
    expect(list.statusCode).toBe(404);

    const doc = (await upload(admin, item('c1:ro'), file)).json();
    const read = await ctx.app.inject({ url: `/api/documents/${doc.id}`, headers: { cookie: clerk.cookie } });
    expect(read.statusCode).toBe(200);
    const del = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/documents/${doc.id}`,
      headers: { cookie: clerk.cookie },
    });
    expect(del.statusCode).toBe(404);
    const missing = await ctx.app.inject({
      url: '/api/documents/01930000-0000-7000-8000-000000000000',
      headers: { cookie: clerk.cookie },
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('NOT_FOUND');
  });

  it('deletes with write access and audits it', async () => {
    const admin = await ctx.adminCookie();
    const doc = (await upload(admin, item('c1:del'), { filename: 'a.png', data: PNG })).json();
    const del = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/documents/${doc.id}`,
      headers: { cookie: admin },
    });
    expect(del.statusCode).toBe(200);
    expect(
      (await ctx.app.inject({ url: `/api/documents/${doc.id}`, headers: { cookie: admin } })).statusCode,
    ).toBe(404);
    const audit = await sql<{ action: string }>`
      select action from audit_log where entity_type = 'document' and entity_id = ${doc.id} order by at
    `.execute(ctx.database.db);
    expect(audit.rows.map((r) => r.action)).toEqual(['create', 'delete']);
  });

  it('shows a customer only shared documents of its own company', async () => {
    const admin = await ctx.adminCookie();
    const customer = await ctx.createUser({ roles: ['customer'], customerId: 'c1' });
    const file = { filename: 'a.png', data: PNG };
    const shared = (await upload(admin, { ...item('c1:portal'), shared: 'true' }, file)).json();
    const internal = (await upload(admin, item('c1:portal'), file)).json();
    const foreign = (await upload(admin, { ...item('c2:portal'), shared: 'true' }, file)).json();

    const list = await ctx.app.inject({
      url: '/api/documents?entityType=test_item&entityId=c1:portal',
      headers: { cookie: customer.cookie },
    });
    const items = list.json<{ items: { id: string }[] }>().items;
    expect(items.map((d) => d.id)).toEqual([shared.id]);
    const get = (id: string, suffix = '') =>
      ctx.app.inject({ url: `/api/documents/${id}${suffix}`, headers: { cookie: customer.cookie } });
    expect((await get(shared.id, '/content')).statusCode).toBe(200);
    expect((await get(internal.id)).statusCode).toBe(404);
    expect((await get(internal.id, '/content')).statusCode).toBe(404);
    expect((await get(foreign.id)).statusCode).toBe(404);
  });

  it("hides from a customer a document linked to another company's user", async () => {
    const admin = await ctx.adminCookie();
    const mine = await ctx.createUser({ roles: ['customer'], customerId: 'cust-a' });
    const theirs = await ctx.createUser({ roles: ['customer'], customerId: 'cust-b' });
    const res = await upload(
      admin,
      { entityType: 'user', entityId: theirs.id, docType: 'contract', shared: 'true' },
      { filename: 'contract.pdf', data: Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n') },
    );
    expect(res.statusCode, res.body).toBe(201);
    const doc = res.json();
    const adminSees = await ctx.app.inject({ url: `/api/documents/${doc.id}`, headers: { cookie: admin } });
    expect(adminSees.statusCode).toBe(200);
    for (const url of [
      `/api/documents/${doc.id}`,
      `/api/documents/${doc.id}/content`,
      `/api/documents?entityType=user&entityId=${theirs.id}`,
    ]) {
      const r = await ctx.app.inject({ url, headers: { cookie: mine.cookie } });
      expect(r.statusCode, url).toBe(404);
    }
  });

  it('replays an upload sent twice with one Idempotency-Key', async () => {
    const admin = await ctx.adminCookie();
    const key = `upload-${Date.now()}`;
    const first = await upload(
      admin,
      item('c1:idem'),
      { filename: 'a.png', data: PNG },
      { 'idempotency-key': key },
    );
    const again = await upload(
      admin,
      item('c1:idem'),
      { filename: 'a.png', data: PNG },
      { 'idempotency-key': key },
    );
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    expect(again.headers['idempotent-replayed']).toBe('true');
  });
});

forEachDialect(
  'documents API with a 1 KB cap',
  (ctx) => {
    it('refuses a larger file with 413 and stores nothing', async () => {
      const admin = await ctx.adminCookie();
      const body = multipart(
        { entityType: 'test_item', entityId: 'c1:cap', docType: 'drawing' },
        { filename: 'big.png', data: Buffer.concat([PNG, Buffer.alloc(2048, 1)]) },
      );
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/documents',
        headers: { ...body.headers, cookie: admin, 'accept-language': 'en' },
        payload: body.payload,
      });
      expect(res.statusCode).toBe(413);
      expect(res.json().error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
      expect(res.json().error.message).toContain('1024 B');
      const count = async () =>
        Number(
          (
            await sql<{ n: number }>`select count(*) as n from documents where entity_id = 'c1:cap'`.execute(
              ctx.database.db,
            )
          ).rows[0]!.n,
        );
      expect(await count()).toBe(0);
      const small = multipart(
        { entityType: 'test_item', entityId: 'c1:cap', docType: 'drawing' },
        { filename: 'small.png', data: PNG },
      );
      const ok = await ctx.app.inject({
        method: 'POST',
        url: '/api/documents',
        headers: { ...small.headers, cookie: admin },
        payload: small.payload,
      });
      expect(ok.statusCode).toBe(201);
      expect(await count()).toBe(1);
    });

    it('stores a file of exactly the cap and refuses one byte more with 413 in the caller’s language', async () => {
      const admin = await ctx.adminCookie();
      const english = await ctx.createUser({ roles: ['admin'], language: 'en' });
      const send = (size: number, cookie = admin) => {
        const body = multipart(
          { entityType: 'test_item', entityId: 'c1:edge', docType: 'drawing' },
          { filename: 'edge.png', data: Buffer.concat([PNG, Buffer.alloc(size - PNG.length, 1)]) },
        );
        return ctx.app.inject({
          method: 'POST',
          url: '/api/documents',
          headers: { ...body.headers, cookie },
          payload: body.payload,
        });
      };
      const stored = async () =>
        (
          await sql<{ size: number | string }>`
            select size from documents where entity_id = 'c1:edge'
          `.execute(ctx.database.db)
        ).rows.map((r) => Number(r.size));

      const over = await send(1025);
      expect(over.statusCode, over.body).toBe(413);
      expect(over.json().error).toMatchObject({
        code: 'PAYLOAD_TOO_LARGE',
        message: '文件或请求过大，上限为 1024 B',
      });
      const overEn = await send(1025, english.cookie);
      expect(overEn.statusCode, overEn.body).toBe(413);
      expect(overEn.json().error).toMatchObject({
        code: 'PAYLOAD_TOO_LARGE',
        message: 'The file or request is too large; the limit is 1024 B',
      });
      expect(await stored()).toEqual([]);

      const atCap = await send(1024);
      expect(atCap.statusCode, atCap.body).toBe(201);
      expect(atCap.json().size).toBe(1024);
      expect(await stored()).toEqual([1024]);
    });
  },
  { uploadMaxBytes: 1024 },
);
