/**
 * Line breaking for the web preview on the GB/T 9704-2012 grid: text is measured in grid cells
 * (one cell = one full-width character at the profile's character pitch, 156 mm / 28 = 15.79 pt)
 * and broken by the PDF's own breaker (`breakLines` of `@qingdan/layout`, with the 禁则 of
 * GB/T 15834-2011), fed with estimated widths instead of glyph advances, so the preview breaks
 * where the PDF does wherever the estimate is right (always for Chinese text).
 *
 * Pure functions, no DOM: the same code runs in Node (tests, `renderHtml`) and in the browser.
 */
import { breakLines as breakMeasured, cellsOf, gbt9704, isInvisibleFormat, type MeasuredChar } from '@qingdan/layout';

/** A piece of text with one look: `bold` for a clause's lead sentence. */
export interface Run {
  text: string;
  bold?: boolean;
}

/** One laid-out line: its runs, its width in cells, and how it ends. */
export interface LaidLine {
  runs: Run[];
  /** Width of the text in cells (full-width characters count 1, Latin letters and digits about ½). */
  width: number;
  /** Indent before the text, in cells (the first line of a body paragraph: 2). */
  indent: number;
  /** True for the last line of a paragraph or a line ended by an explicit break: not justified. */
  last: boolean;
}

/**
 * Width of one character in cells (1 cell = one full-width character).
 *
 * Full-width (CJK, full-width punctuation, ——, ……): 1. Latin letters, digits and ASCII
 * punctuation in Times New Roman at the same size: about ½ (narrow letters less, capitals and
 * m/w more). A tab counts 2 (the default tab stop of two characters). Combining marks, control
 * characters and invisible format characters (`isInvisibleFormat` of `@qingdan/layout`, which the
 * PDF leaves out): 0.
 *
 * @param ch - one code point
 * @returns width in cells
 */
export function charWidth(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp === 0x09) return 2;
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || isInvisibleFormat(ch)) return 0;
  if (cp >= 0x300 && cp < 0x370) return 0;
  if (cp < 0x2000) {
    if (ch === ' ') return 0.25;
    if ('iljtfr.,:;!|\'`()[]'.includes(ch)) return 0.3;
    if ('mwMW@%'.includes(ch)) return 0.85;
    if (/[A-Z&]/.test(ch)) return 0.7;
    return 0.5;
  }
  // General punctuation: – is narrow in Times New Roman; — “ ” ‘ ’ … are drawn full-width in CJK faces.
  if (cp === 0x2013) return 0.5;
  if (cp >= 0xff61 && cp <= 0xffdc) return 0.5; // half-width katakana / hangul
  return 1;
}

/** Width of a text in cells: the sum of {@link charWidth}. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch);
  return w;
}

/** A character of the preview: measured by estimate, with the look of its run. */
interface PreviewChar extends MeasuredChar {
  bold: boolean;
}

/** Pt per cell of the estimate: only the ratio to the line width matters, so any pitch would do. */
const CELL_PT = gbt9704.charPitchPt;

/**
 * The runs' characters as the layout breaker measures them: the grid cells the PDF counts
 * (`cellsOf`: 1 full-width, ½ other, 0 a space or a zero-width character) and an advance
 * estimated by {@link charWidth} (in pt: cells × {@link CELL_PT}).
 * `\r\n` and `\r` become `\n`; a vertical tab or form feed is an explicit break too.
 */
function measure(runs: readonly Run[]): PreviewChar[] {
  const chars: PreviewChar[] = [];
  for (const r of runs) {
    for (const raw of r.text.replace(/\r\n?/g, '\n')) {
      const ch = raw === '\u000b' || raw === '\u000c' ? '\n' : raw;
      const width = charWidth(ch);
      // A zero-width character takes no cell (the PDF drops invisible format characters).
      chars.push({ ch, cells: ch === '\n' || width === 0 ? 0 : cellsOf(ch), advancePt: width * CELL_PT, bold: r.bold === true });
    }
  }
  return chars;
}

function toRuns(chars: readonly { ch: string; bold: boolean }[]): Run[] {
  const runs: Run[] = [];
  for (const c of chars) {
    const last = runs[runs.length - 1];
    if (last && (last.bold === true) === c.bold) last.text += c.ch;
    else runs.push(c.bold ? { text: c.ch, bold: true } : { text: c.ch });
  }
  return runs;
}

/**
 * Breaks a paragraph into lines of at most `capacity` cells, with the breaker of the PDF
 * (`breakLines` of `@qingdan/layout`): greedy, whole unbreakable units (a number, a Latin word,
 * ——, ……, a 禁则 mark with its neighbour) a line, a mark that may not start a line pushed down
 * with the character before it (GB/T 15834-2011).
 *
 * A line holds at most `capacity` grid cells as the PDF counts them (full-width 1, other ½,
 * spaces 0) and at most `capacity` cells of estimated width ({@link charWidth}).
 *
 * @param runs - the paragraph's text, in runs (a `\n` inside a run is an explicit line break)
 * @param capacity - cells per line (28 for the body on the GB/T 9704 grid, §5.2.3)
 * @param firstIndent - indent of the first line in cells (2 for body paragraphs); lines after an
 *   explicit break start flush left, as in the DOCX (a `w:br` inside the paragraph)
 * @returns at least one line; a unit wider than a whole line is cut where it overflows
 * @example breakLines([{ text: '一、总体要求' }], 28, 2) // one line, width 6, indent 2
 */
export function breakLines(runs: readonly Run[], capacity: number, firstIndent = 0): LaidLine[] {
  const broken = breakMeasured(measure(runs), {
    widthPt: capacity * CELL_PT,
    maxCells: capacity,
    firstIndentPt: firstIndent * CELL_PT,
    firstIndentCells: firstIndent,
    spacingPt: 0,
  });
  return broken.map((l, i) => ({
    runs: toRuns(l.chars),
    width: l.chars.reduce((w, c) => w + charWidth(c.ch), 0),
    indent: i === 0 ? firstIndent : 0,
    last: !l.justify,
  }));
}
