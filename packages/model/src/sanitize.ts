/**
 * Cleans a text value before it enters a document: characters that XML 1.0 forbids (control
 * characters pasted from Excel, lone surrogates, U+FFFE/U+FFFF) must never reach a DOCX or PDF.
 * Characters outside the Basic Multilingual Plane (e.g. 𠮷 U+20BB7) are kept intact.
 */

/** What {@link sanitizeText} changed, for a warning that names the variable. */
export interface SanitizeReport {
  /** The cleaned text. */
  text: string;
  /** Code points that were dropped, as `U+XXXX`. */
  dropped: string[];
  /** How many vertical tabs / form feeds became line breaks. */
  breaks: number;
}

const codePoint = (cp: number): string => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Makes a value safe for XML and for layout: `\r\n` and `\r` become `\n`; a vertical tab
 * (U+000B, Excel's in-cell line break) or form feed becomes `\n`; tab is kept; other C0 control
 * characters, DEL-range C1 controls U+0080–U+009F, U+FFFE, U+FFFF and unpaired surrogates are
 * dropped and listed in `dropped`.
 *
 * @param value - any string
 * @returns the cleaned text and what was changed
 * @example sanitizeText('A&B\u000b联合') // { text: 'A&B\n联合', dropped: [], breaks: 1 }
 */
export function sanitizeText(value: string): SanitizeReport {
  const dropped: string[] = [];
  let breaks = 0;
  let out = '';
  const s = value.replace(/\r\n?/g, '\n');
  for (let i = 0; i < s.length; i += 1) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += s[i]! + s[i + 1]!;
        i += 1;
      } else dropped.push(codePoint(c));
      continue;
    }
    if (c >= 0xdc00 && c <= 0xdfff) {
      dropped.push(codePoint(c));
      continue;
    }
    if (c === 0x0b || c === 0x0c) {
      out += '\n';
      breaks += 1;
      continue;
    }
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a) || (c >= 0x7f && c <= 0x9f) || c === 0xfffe || c === 0xffff) {
      dropped.push(codePoint(c));
      continue;
    }
    out += s[i]!;
  }
  return { text: out, dropped, breaks };
}
