/** Pure helpers for uploaded file names: sanitising on the way in, Content-Disposition on the way out. */

const MAX_LENGTH = 200;
const FALLBACK = 'file';

/** C0/C1 controls, and the invisible format characters used to disguise an extension (U+202E…). */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
const RESERVED = /[<>:"/\\|?*]/g;
/** Names Windows refuses whatever their extension. */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/**
 * A safe file name from a client-sent one: the last path segment (after turning `\` into `/`),
 * without controls, the reserved characters `<>:"/\|?*` or `..`, trimmed of dots and spaces, at
 * most 200 characters with the extension kept, and `file` when nothing is left.
 * `../../etc/passwd.png` becomes `passwd.png`.
 */
export function sanitizeFilename(input: string): string {
  const segments = input.normalize('NFC').replace(/\\/g, '/').split('/');
  let name = segments[segments.length - 1] ?? '';
  name = name.replace(CONTROL, '').replace(RESERVED, '');
  name = name.replace(/\.{2,}/g, '.');
  name = name.replace(/\s+/g, ' ');
  name = name.replace(/^[.\s]+|[.\s]+$/g, '');
  if (name === '') return FALLBACK;
  if (WINDOWS_DEVICE.test(name)) name = `_${name}`;
  return truncateKeepingExtension(name, MAX_LENGTH);
}

function truncateKeepingExtension(name: string, max: number): string {
  const chars = Array.from(name);
  if (chars.length <= max) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? Array.from(name.slice(dot)) : [];
  if (ext.length === 0 || ext.length > 20) return chars.slice(0, max).join('').trimEnd();
  const base = Array.from(name.slice(0, dot))
    .slice(0, max - ext.length)
    .join('')
    .replace(/[.\s]+$/, '');
  return (base || FALLBACK) + ext.join('');
}

/** The lower-case extension without the dot, or '' (`report.PDF` → `pdf`). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** RFC 5987 / RFC 8187 percent-encoding for `filename*`. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * `attachment; filename="<ascii fallback>"; filename*=UTF-8''<encoded>` (RFC 6266), so that old
 * clients get a readable ASCII name and current ones the exact UTF-8 name.
 */
export function contentDisposition(filename: string): string {
  const safe = sanitizeFilename(filename);
  const ascii = safe.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(safe)}`;
}
