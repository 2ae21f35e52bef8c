import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * Content-addressed file storage under `<root>/<sha[0..2]>/<sha>`, outside the web root
 * (DESIGN §7). A write goes to a temporary file in the same directory, is fsynced and renamed into
 * place, so a reader never sees a partial file and a crash leaves at most a stray temp file.
 * Identical content is stored once. Blobs are never deleted here: several documents may share one.
 */
export class FileStore {
  constructor(readonly rootDir: string) {}

  /** The path of a blob. Throws on anything but a lower-case hex SHA-256 (no path games). */
  pathOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error(`not a sha256: ${sha256.slice(0, 80)}`);
    return path.join(this.rootDir, sha256.slice(0, 2), sha256);
  }

  async put(data: Buffer): Promise<{ sha256: string; size: number }> {
    const sha256 = createHash('sha256').update(data).digest('hex');
    const dest = this.pathOf(sha256);
    const existing = await fs.stat(dest).catch(() => null);
    if (existing?.isFile() && existing.size === data.length) return { sha256, size: data.length };

    const dir = path.dirname(dest);
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    const tmp = path.join(dir, `.${sha256}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      const handle = await fs.open(tmp, 'wx', 0o600);
      try {
        await handle.writeFile(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(tmp, dest);
    } catch (err) {
      await fs.rm(tmp, { force: true });
      throw err;
    }
    await syncDirectory(dir);
    return { sha256, size: data.length };
  }

  async exists(sha256: string): Promise<boolean> {
    if (!SHA256.test(sha256)) return false;
    const st = await fs.stat(this.pathOf(sha256)).catch(() => null);
    return st?.isFile() ?? false;
  }

  /** A read stream of a blob; it emits ENOENT if the blob is missing (check `exists` first). */
  open(sha256: string): ReadStream {
    return createReadStream(this.pathOf(sha256));
  }
}

/** Makes a rename durable: fsync the directory entry. Not supported on every platform; best effort. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // Windows cannot open or fsync a directory; the rename itself is still atomic.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
