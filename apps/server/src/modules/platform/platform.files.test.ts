import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { FileStore } from './platform.files';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gendan-files-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

describe('FileStore', () => {
  const store = new FileStore(root);

  it('stores content under its hash and reads it back', async () => {
    const data = Buffer.from('送货单 delivery note');
    const sha = createHash('sha256').update(data).digest('hex');
    expect(await store.put(data)).toEqual({ sha256: sha, size: data.length });
    expect(fs.existsSync(path.join(root, sha.slice(0, 2), sha))).toBe(true);
    expect(await store.exists(sha)).toBe(true);
    expect(await readAll(store.open(sha))).toEqual(data);
  });

  it('stores identical content once and leaves no temp files', async () => {
    const data = Buffer.alloc(10_000, 7);
    const results = await Promise.all(Array.from({ length: 10 }, () => store.put(data)));
    const sha = results[0]!.sha256;
    expect(new Set(results.map((r) => r.sha256)).size).toBe(1);
    expect(fs.readdirSync(path.join(root, sha.slice(0, 2)))).toEqual([sha]);
  });

  it('refuses anything but a sha256 as a name', async () => {
    expect(await store.exists('../../etc/passwd')).toBe(false);
    expect(() => store.open('../x')).toThrow();
    expect(await store.exists('0'.repeat(64))).toBe(false);
  });
});
