import { TextDecoder } from 'node:util';
import { extensionOf } from './platform.filenames';

/**
 * The upload allow-list, decided from the file's CONTENT (DESIGN §7). `file-type` sniffs the magic
 * bytes; this pure function decides what to accept and which MIME type to store. The name only
 * refines within a detected family (an OLE compound file named .xls is an Excel 97 workbook) or
 * selects among text formats, which have no magic bytes.
 */

export interface Detected {
  ext: string;
  mime: string;
}

export interface Decision {
  ok: true;
  mime: string;
}

export interface Refusal {
  ok: false;
  /** What the content was found to be, for the 415 message. */
  type: string;
}

/** Binary formats accepted as file-type detects them (ext → stored MIME). */
const BINARY: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  bmp: 'image/bmp',
  tif: 'image/tiff',
  heic: 'image/heic',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  zip: 'application/zip',
  '7z': 'application/x-7z-compressed',
};

/** HEIF images (iPhone photos) come as several MIME types from the detector. */
const HEIF_MIMES = new Set(['image/heic', 'image/heif', 'image/heic-sequence', 'image/heif-sequence']);

/** Legacy Office files are OLE compound files; the name says which application wrote them. */
const CFB_BY_EXTENSION: Record<string, string> = {
  xls: 'application/vnd.ms-excel',
  doc: 'application/msword',
  ppt: 'application/vnd.ms-powerpoint',
  msg: 'application/vnd.ms-outlook',
};

/** Text formats, accepted by name when the bytes are really text. */
const TEXT_BY_EXTENSION: Record<string, string> = {
  txt: 'text/plain',
  csv: 'text/csv',
  eml: 'message/rfc822',
  json: 'application/json',
  md: 'text/markdown',
  xml: 'application/xml',
};

const utf8 = new TextDecoder('utf-8', { fatal: true });
const gb18030 = new TextDecoder('gb18030', { fatal: true });

function decodes(decoder: TextDecoder, bytes: Uint8Array): boolean {
  try {
    decoder.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether the bytes are plain text: UTF-16 with a byte-order mark, or else no NUL and no control
 * characters other than tab, line breaks and form feed, decoding as UTF-8 or GB18030.
 */
export function isPlainText(bytes: Uint8Array): boolean {
  if (
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
  ) {
    const label = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    return bytes.length % 2 === 0 && decodes(new TextDecoder(label, { fatal: true }), bytes);
  }
  for (const b of bytes) {
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1a) return false;
    if (b === 0x7f) return false;
  }
  return decodes(utf8, bytes) || decodes(gb18030, bytes);
}

/** Scripts and active markup are refused even under a text name. */
function looksExecutable(bytes: Uint8Array): boolean {
  const head = new TextDecoder('utf-8')
    .decode(bytes.subarray(0, 512))
    .replace(/^\ufeff/, '')
    .trimStart();
  if (head.startsWith('#!')) return true;
  return /^<(!doctype\s+html|html[\s>]|script[\s>]|svg[\s>])/i.test(head);
}

/**
 * Decides whether an upload is accepted and the MIME type to store.
 * @param detected what file-type found in the content, if anything
 * @param filename the sanitised client file name (only its extension is used)
 * @param bytes the content
 */
export function decideFileType(
  detected: Detected | undefined,
  filename: string,
  bytes: Uint8Array,
): Decision | Refusal {
  const ext = extensionOf(filename);
  if (detected && detected.ext !== 'xml') {
    if (HEIF_MIMES.has(detected.mime)) return { ok: true, mime: 'image/heic' };
    const binary = BINARY[detected.ext];
    if (binary) return { ok: true, mime: binary };
    if (detected.ext === 'cfb') {
      return { ok: true, mime: CFB_BY_EXTENSION[ext] ?? 'application/x-cfb' };
    }
    return { ok: false, type: detected.mime };
  }
  // No magic bytes (or XML, which is text): accepted only as one of the text formats.
  const text = TEXT_BY_EXTENSION[ext];
  if (!text) return { ok: false, type: ext ? `.${ext}` : 'application/octet-stream' };
  if (!isPlainText(bytes)) return { ok: false, type: 'application/octet-stream' };
  if (looksExecutable(bytes)) return { ok: false, type: 'text/x-script' };
  return { ok: true, mime: text };
}
