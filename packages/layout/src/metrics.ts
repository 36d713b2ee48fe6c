/**
 * Standard advances: the widths the composition measures every character with, whatever font
 * draws it, so that the PDF, the DOCX (laid out again by Word, WPS or LibreOffice) and the web
 * preview break lines in the same places. Full-width characters take one em (the CJK em box);
 * Latin letters, digits and ASCII punctuation take their width in Times New Roman, the face
 * GB/T 9704 practice sets them in (`w:ascii` in the DOCX), as its metric twin Liberation Serif 2
 * (SIL OFL) gives them.
 */
import { isFullWidth, isInvisibleFormat } from './kinsoku.js';

/** Units per em of {@link TIMES_ADVANCES}. */
const TIMES_UNITS_PER_EM = 2048;

/**
 * Advance widths of U+0020–U+007E in Times New Roman (from the `hmtx` table of Liberation Serif 2,
 * which is metric-compatible with it), in units of 1/2048 em.
 */
const TIMES_ADVANCES = [
  512, 682, 836, 1024, 1024, 1706, 1593, 369, 682, 682, 1024, 1155, 512, 682, 512, 569, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 569,
  569, 1155, 1155, 1155, 909, 1886, 1479, 1366, 1366, 1479, 1251, 1139, 1479, 1479, 682, 797, 1479, 1251, 1821, 1479, 1479, 1139, 1479, 1366, 1139, 1251,
  1479, 1479, 1933, 1479, 1479, 1251, 682, 569, 682, 961, 1024, 682, 909, 1024, 909, 1024, 909, 682, 1024, 1024, 569, 569, 1024, 569, 1593, 1024, 1024,
  1024, 1024, 682, 797, 569, 1024, 1024, 1479, 1024, 1024, 909, 983, 410, 983, 1108,
];

/**
 * The standard advance of a character in em: 1 for a full-width character (`isFullWidth`: CJK,
 * full-width punctuation, ——, ……, “ ” ‘ ’, drawn in the Chinese face as `w:hint="eastAsia"` asks);
 * Times New Roman's width for U+0020–U+007E; ½ for other characters (Latin-1 letters and the
 * like, about Times New Roman's); 0 for controls, combining marks and invisible format characters.
 *
 * @example standardAdvanceEm('字') // 1
 * @example standardAdvanceEm('1') // 0.5
 */
export function standardAdvanceEm(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || isInvisibleFormat(ch) || (cp >= 0x300 && cp < 0x370)) return 0;
  if (cp <= 0x7e) return (TIMES_ADVANCES[cp - 0x20] ?? 1024) / TIMES_UNITS_PER_EM;
  if (isFullWidth(ch)) return 1;
  return 0.5;
}
