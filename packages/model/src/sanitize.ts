/**
 * Cleans a text value before it enters a document: characters that XML 1.0 forbids (control
 * characters pasted from Excel, lone surrogates, U+FFFE/U+FFFF) must never reach a DOCX or PDF.
 * Characters outside the Basic Multilingual Plane (e.g. 𠮷 U+20BB7) are kept intact.
 *
 * It also finds the bidirectional formatting characters (U+202A–U+202E, U+2066–U+2069): they are
 * invisible and can reverse the order in which a reader sees the text around them (the
 * “Trojan Source” trick, CVE-2021-42574), so answers holding one are refused (engine's
 * `normalizeAnswers`); this is the one place that knows which characters they are.
 */

/** What {@link sanitizeText} changed, for a warning that names the variable. */
export interface SanitizeReport {
  /** The cleaned text. */
  text: string;
  /** Code points that were dropped, as `U+XXXX`. */
  dropped: string[];
  /** How many vertical tabs / form feeds became line breaks. */
  breaks: number;
  /** Bidirectional formatting characters found (kept in `text`: the caller refuses the value). */
  bidi: BidiControl[];
}

/** A bidirectional formatting character found in a text, for a message that says where it is. */
export interface BidiControl {
  /** `U+202E` … */
  codePoint: string;
  /** Its Unicode abbreviation and a Chinese description, e.g. `RLO（从右到左强制）`. */
  name: string;
  /** Its position in the text: the n-th character (from 1, counting characters as a reader does). */
  position: number;
}

/** The bidirectional formatting characters (Unicode UAX #9, explicit embeddings, overrides and isolates). */
const BIDI_NAMES: ReadonlyMap<number, string> = new Map([
  [0x202a, 'LRE（从左到右嵌入）'],
  [0x202b, 'RLE（从右到左嵌入）'],
  [0x202c, 'PDF（结束嵌入）'],
  [0x202d, 'LRO（从左到右强制）'],
  [0x202e, 'RLO（从右到左强制）'],
  [0x2066, 'LRI（从左到右隔离）'],
  [0x2067, 'RLI（从右到左隔离）'],
  [0x2068, 'FSI（按首字方向隔离）'],
  [0x2069, 'PDI（结束隔离）'],
]);

const codePoint = (cp: number): string => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Makes a value safe for XML and for layout: `\r\n` and `\r` become `\n`; a vertical tab
 * (U+000B, Excel's in-cell line break) or form feed becomes `\n`; tab is kept; other C0 control
 * characters, DEL-range C1 controls U+0080–U+009F, U+FFFE, U+FFFF and unpaired surrogates are
 * dropped and listed in `dropped`; bidirectional formatting characters are kept and listed in
 * `bidi` with their position (see the module comment).
 *
 * @param value - any string
 * @returns the cleaned text and what was changed or found
 * @example sanitizeText('A&B\u000b联合') // { text: 'A&B\n联合', dropped: [], breaks: 1, bidi: [] }
 */
export function sanitizeText(value: string): SanitizeReport {
  const dropped: string[] = [];
  const bidi: BidiControl[] = [];
  let breaks = 0;
  let out = '';
  let position = 0;
  const s = value.replace(/\r\n?/g, '\n');
  for (let i = 0; i < s.length; i += 1) {
    const c = s.charCodeAt(i);
    position += 1;
    const bidiName = BIDI_NAMES.get(c);
    if (bidiName) bidi.push({ codePoint: codePoint(c), name: bidiName, position });
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
  return { text: out, dropped, breaks, bidi };
}
