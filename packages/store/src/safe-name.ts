/**
 * File and folder names that are valid on Windows, macOS and Linux.
 */

/** ASCII characters forbidden in Windows file names (and `/` everywhere, `:` on classic macOS). */
const FORBIDDEN = /["*/:<>?\\|]/g;
/**
 * Control characters (C0, DEL, C1), line/paragraph separators, bidirectional overrides and
 * isolates (which can disguise an extension, e.g. `清单\u202Excod.exe`) and the BOM.
 */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;
/** Windows device names, reserved with any extension and in any case (`con.docx`, `COM1.pdf`). */
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/** The name used when nothing is left of a name. */
export const EMPTY_NAME = '未命名';

/**
 * Default byte budget of a name made by {@link safeFileName}: 255 bytes (the limit of ext4, APFS
 * and NTFS is 255 UTF-8 bytes / UTF-16 units) minus room for a collision number and an
 * extension (` (999).docx` = 11 bytes), so the final file name always fits.
 */
export const DEFAULT_MAX_BYTES = 240;

const encoder = new TextEncoder();
const segmenter = new Intl.Segmenter('zh', { granularity: 'grapheme' });

/** UTF-8 length of `s` in bytes. */
export function utf8Length(s: string): number {
  return encoder.encode(s).length;
}

/**
 * Cuts `s` to at most `maxBytes` UTF-8 bytes at a grapheme boundary: never in the middle of a
 * character, a surrogate pair (e.g. 𠀀) or a combined sequence (emoji with modifiers, a letter
 * with its combining marks).
 */
export function truncateUtf8(s: string, maxBytes: number): string {
  if (utf8Length(s) <= maxBytes) return s;
  let out = '';
  let bytes = 0;
  for (const { segment } of segmenter.segment(s)) {
    const n = utf8Length(segment);
    if (bytes + n > maxBytes) break;
    out += segment;
    bytes += n;
  }
  return out;
}

function trimEnds(s: string): string {
  // Windows drops trailing dots and spaces silently (so `a.` and `a` collide); leading spaces are
  // invisible and a leading dot hides the file on macOS and Linux.
  return s.replace(/[. ]+$/u, '').replace(/^\s+/u, '').replace(/^\.+/u, (dots) => '_'.repeat(dots.length));
}

/**
 * Makes a file or folder name (without extension) safe on Windows, macOS and Linux.
 *
 * - Unicode NFC (macOS and Windows would otherwise see `é` and `é` as different or equal names).
 * - ASCII `\ / : * ? " < > |` → `_`; control characters, line separators, bidi overrides and the
 *   BOM → `_`. Full-width punctuation (`：`, `／`, `（）`, `“”`, `、`) is kept: it is legal everywhere.
 * - Tabs and line breaks become one space.
 * - Trailing dots and spaces are removed (Windows strips them); a leading dot becomes `_` (hidden file).
 * - Windows device names (`CON`, `PRN`, `AUX`, `NUL`, `COM0`–`COM9`, `LPT0`–`LPT9`, also with an
 *   extension, any case) get a `_` appended to the part before the first dot (`CON` → `CON_`).
 * - More than `maxBytes` UTF-8 bytes → cut at a grapheme boundary (never half a character).
 * - Nothing left → `未命名`.
 *
 * @param name - the wanted name, e.g. a resolved `fileName` such as `2024年张三履行……清单`
 * @param maxBytes - byte budget (UTF-8), default {@link DEFAULT_MAX_BYTES} (240) so that
 *   ` (n).docx` still fits in the 255-byte limit of common file systems
 * @returns the safe name (never empty, never longer than `maxBytes` bytes)
 * @example safeFileName('2024年 张三/李四: 清单?') // '2024年 张三_李四_ 清单_'
 */
export function safeFileName(name: string, maxBytes = DEFAULT_MAX_BYTES): string {
  let s = name
    .normalize('NFC')
    .replace(/[\t\n\r\v\f]+/g, ' ')
    .replace(INVISIBLE, '_')
    .replace(FORBIDDEN, '_');
  s = trimEnds(s);
  const dot = s.indexOf('.');
  const stem = dot < 0 ? s : s.slice(0, dot);
  if (RESERVED.test(stem.trim())) s = `${stem}_${dot < 0 ? '' : s.slice(dot)}`;
  s = trimEnds(truncateUtf8(s, maxBytes));
  return s === '' ? EMPTY_NAME : s;
}

/**
 * The key under which two names count as the same file: Windows and (by default) macOS compare
 * names without regard to case, so `Report` and `report` must be numbered apart.
 */
export function collisionKey(path: string): string {
  return path.normalize('NFC').toLowerCase();
}

/**
 * `name` with a collision number: `name (2)`, `name (3)` … (`n` ≥ 2), cut so that the result
 * stays within `maxBytes`.
 */
export function numberedName(name: string, n: number, maxBytes = DEFAULT_MAX_BYTES): string {
  const suffix = ` (${n})`;
  return `${trimEnds(truncateUtf8(name, maxBytes - utf8Length(suffix)))}${suffix}`;
}
