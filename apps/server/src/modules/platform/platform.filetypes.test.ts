import { fileTypeFromBuffer } from 'file-type';
import { describe, expect, it } from 'vitest';
import { decideFileType, isPlainText } from './platform.filetypes';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]);
const MACHO = Buffer.concat([Buffer.from([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1]), Buffer.alloc(120)]);
/** A minimal PE: "MZ", e_lfanew at 0x3c pointing at "PE\0\0". */
function pe(): Buffer {
  const b = Buffer.alloc(256);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  return b;
}

async function decide(bytes: Buffer, name: string) {
  return decideFileType(await fileTypeFromBuffer(bytes), name, bytes);
}

describe('upload type allow-list', () => {
  it('takes the MIME type from the content, not the name', async () => {
    expect(await decide(PNG, 'photo.jpg')).toEqual({ ok: true, mime: 'image/png' });
    expect(await decide(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'), 'scan.bin')).toEqual({
      ok: true,
      mime: 'application/pdf',
    });
  });
  it('refuses executables whatever their name', async () => {
    expect(await decide(ELF, 'passwd.png')).toMatchObject({ ok: false, type: 'application/x-elf' });
    expect(await decide(pe(), 'invoice.png')).toMatchObject({ ok: false, type: 'application/x-msdownload' });
    expect(await decide(MACHO, 'a.pdf')).toMatchObject({ ok: false, type: 'application/x-mach-binary' });
  });
  it('names the legacy Office format inside an OLE compound file by its extension', () => {
    const cfb = { ext: 'cfb', mime: 'application/x-cfb' };
    expect(decideFileType(cfb, '报价.xls', Buffer.alloc(0))).toEqual({
      ok: true,
      mime: 'application/vnd.ms-excel',
    });
    expect(decideFileType(cfb, 'spec.DOC', Buffer.alloc(0))).toEqual({
      ok: true,
      mime: 'application/msword',
    });
    expect(decideFileType(cfb, 'x.bin', Buffer.alloc(0))).toEqual({ ok: true, mime: 'application/x-cfb' });
  });
  it('accepts the listed binary formats and refuses others', () => {
    const ok = (ext: string, mime: string) => decideFileType({ ext, mime }, 'f', Buffer.alloc(0));
    expect(ok('xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').ok).toBe(true);
    expect(ok('heic', 'image/heif')).toEqual({ ok: true, mime: 'image/heic' });
    expect(ok('7z', 'application/x-7z-compressed').ok).toBe(true);
    expect(ok('jar', 'application/java-archive').ok).toBe(false);
    expect(ok('apk', 'application/vnd.android.package-archive').ok).toBe(false);
    expect(ok('swf', 'application/x-shockwave-flash').ok).toBe(false);
  });
  it('accepts undetectable content only as real text under a text extension', async () => {
    const csv = Buffer.from('型号,数量\nA-1,100\n', 'utf8');
    expect(await decide(csv, 'order.csv')).toEqual({ ok: true, mime: 'text/csv' });
    const gbk = Buffer.from([0xd0, 0xcd, 0xba, 0xc5, 0x2c, 0xca, 0xfd, 0xc1, 0xbf, 0x0a]); // 型号,数量 in GBK
    expect(await decide(gbk, 'order.csv')).toEqual({ ok: true, mime: 'text/csv' });
    expect(await decide(Buffer.from('From: a@b.c\r\nSubject: PO\r\n\r\nhi'), 'mail.eml')).toEqual({
      ok: true,
      mime: 'message/rfc822',
    });
    expect((await decide(csv, 'order.png')).ok).toBe(false);
    expect((await decide(csv, 'run.sh')).ok).toBe(false);
    expect((await decide(Buffer.from([0x41, 0x00, 0x42, 0x0a]), 'a.txt')).ok).toBe(false);
  });
  it('refuses scripts and active markup under a text name', async () => {
    expect((await decide(Buffer.from('#!/bin/sh\nrm -rf /\n'), 'notes.txt')).ok).toBe(false);
    expect((await decide(Buffer.from('<!DOCTYPE html><script>x</script>'), 'a.txt')).ok).toBe(false);
    expect((await decide(Buffer.from('<svg onload="x()"></svg>'), 'a.xml')).ok).toBe(false);
    expect(await decide(Buffer.from('<?xml version="1.0"?><order/>'), 'po.xml')).toEqual({
      ok: true,
      mime: 'application/xml',
    });
  });
});

describe('isPlainText', () => {
  it('accepts UTF-8, GB18030 and UTF-16 with a BOM', () => {
    expect(isPlainText(Buffer.from('hello 你好\r\n\t'))).toBe(true);
    expect(isPlainText(Buffer.from([0xc4, 0xe3, 0xba, 0xc3]))).toBe(true);
    expect(isPlainText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('hi 你好', 'utf16le')]))).toBe(
      true,
    );
  });
  it('refuses NUL, control bytes and undecodable bytes', () => {
    expect(isPlainText(Buffer.from([0x61, 0x00]))).toBe(false);
    expect(isPlainText(Buffer.from([0x61, 0x1b, 0x62]))).toBe(false);
    expect(isPlainText(Buffer.from([0x80, 0xff, 0xfe, 0x81]))).toBe(false);
  });
});
