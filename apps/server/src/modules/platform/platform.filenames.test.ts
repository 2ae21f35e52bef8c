import { describe, expect, it } from 'vitest';
import { contentDisposition, extensionOf, sanitizeFilename } from './platform.filenames';

describe('sanitizeFilename', () => {
  it('keeps only the last path segment, whatever the separator', () => {
    expect(sanitizeFilename('../../etc/passwd.png')).toBe('passwd.png');
    expect(sanitizeFilename('..\\..\\Windows\\system32\\evil.exe')).toBe('evil.exe');
    expect(sanitizeFilename('C:\\Users\\me\\报价单 2026.xlsx')).toBe('报价单 2026.xlsx');
  });
  it('drops .., controls and reserved characters', () => {
    expect(sanitizeFilename('a..b.pdf')).toBe('a.b.pdf');
    expect(sanitizeFilename('in<voi>ce:"1"|?*.pdf')).toBe('invoice1.pdf');
    expect(sanitizeFilename('tab\there\u0000\u0007.txt')).toBe('tabhere.txt');
    // Right-to-left override used to disguise "exe.pdf" as "fdp.exe".
    expect(sanitizeFilename('report\u202Efdp.exe')).toBe('reportfdp.exe');
  });
  it('trims dots and spaces and falls back to "file"', () => {
    expect(sanitizeFilename('  .hidden. ')).toBe('hidden');
    expect(sanitizeFilename('..')).toBe('file');
    expect(sanitizeFilename('../')).toBe('file');
    expect(sanitizeFilename('')).toBe('file');
    expect(sanitizeFilename('<>|')).toBe('file');
  });
  it('defuses Windows device names', () => {
    expect(sanitizeFilename('CON.txt')).toBe('_CON.txt');
    expect(sanitizeFilename('nul')).toBe('_nul');
  });
  it('caps the length at 200 characters and keeps the extension', () => {
    const long = `${'长'.repeat(300)}.xlsx`;
    const out = sanitizeFilename(long);
    expect(Array.from(out)).toHaveLength(200);
    expect(out.endsWith('.xlsx')).toBe(true);
    expect(Array.from(sanitizeFilename('x'.repeat(250)))).toHaveLength(200);
    // Never splits a surrogate pair.
    const emoji = sanitizeFilename(`${'😀'.repeat(250)}.png`);
    expect(emoji.endsWith('😀.png')).toBe(true);
    expect(Array.from(emoji)).toHaveLength(200);
  });
  it('gives extensions in lower case', () => {
    expect(extensionOf('Scan.PDF')).toBe('pdf');
    expect(extensionOf('noext')).toBe('');
    expect(extensionOf('.bashrc')).toBe('');
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('report.pdf')).toBe(
      `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`,
    );
    expect(contentDisposition('报价单(1).xlsx')).toBe(
      `attachment; filename="___(1).xlsx"; filename*=UTF-8''%E6%8A%A5%E4%BB%B7%E5%8D%95%281%29.xlsx`,
    );
  });
  it('cannot be broken out of by quotes or paths', () => {
    const header = contentDisposition('../../x"; filename=evil.sh');
    expect(header.startsWith('attachment; filename="x; filename=evil.sh"; ')).toBe(true);
    expect(header).not.toContain('/');
    expect(header).not.toMatch(/[\r\n]/);
  });
});
