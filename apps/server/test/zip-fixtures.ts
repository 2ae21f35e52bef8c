/**
 * Hostile zip files for tests of the upload guards: a zip whose directory says an entry is smaller
 * than it really is (how a "zip bomb" slips past a check of the declared sizes alone), or larger.
 */

/** A copy of the zip whose central directory declares `size` bytes unpacked for `fileName`. */
export function withDeclaredSize(zip: Buffer, fileName: string, size: number): Buffer {
  const out = Buffer.from(zip);
  const eocd = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip: no end of central directory');
  const entries = out.readUInt16LE(eocd + 10);
  let at = out.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    if (out.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory record');
    const nameLength = out.readUInt16LE(at + 28);
    const name = out.toString('utf8', at + 46, at + 46 + nameLength);
    if (name === fileName) {
      out.writeUInt32LE(size, at + 24);
      return out;
    }
    at += 46 + nameLength + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  throw new Error(`no entry ${fileName} in the zip`);
}
