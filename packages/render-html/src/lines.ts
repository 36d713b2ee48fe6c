/**
 * Line breaking on the GB/T 9704-2012 grid: text is measured in grid cells (one cell = one
 * full-width character at the profile's character pitch, 156 mm / 28 = 15.79 pt) and broken
 * greedily into lines, keeping the line-breaking rules (禁则, GB/T 15834-2011) by "pushing out":
 * a mark that may not start a line takes the character before it along to the next line.
 *
 * Pure functions, no DOM: the same code runs in Node (tests, `renderHtml`) and in the browser.
 */
import { KINSOKU_NO_END, KINSOKU_NO_START } from '@qingdan/layout';

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

const NO_START = new Set([...KINSOKU_NO_START]);
const NO_END = new Set([...KINSOKU_NO_END]);

/**
 * Width of one character in cells (1 cell = one full-width character).
 *
 * Full-width (CJK, full-width punctuation, ——, ……): 1. Latin letters, digits and ASCII
 * punctuation in Times New Roman at the same size: about ½ (narrow letters less, capitals and
 * m/w more). A tab counts 2 (the default tab stop of two characters). Combining marks and
 * zero-width characters: 0.
 *
 * @param ch - one code point
 * @returns width in cells
 */
export function charWidth(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp === 0x09) return 2;
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp === 0x200b || cp === 0x200d || cp === 0xfeff) return 0;
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

/** An unbreakable unit: characters that must stay on one line, with their run looks. */
interface Unit {
  chars: { ch: string; bold: boolean }[];
  width: number;
  /** A hard line break (`\n`) rather than text. */
  hardBreak?: boolean;
}

const isWordChar = (ch: string): boolean => /[0-9A-Za-z\u00c0-\u024f]/u.test(ch);
const isWordJoiner = (ch: string): boolean => /[.,:%\-_/'’]/u.test(ch);

/**
 * Cuts runs into unbreakable units: each CJK character alone; a Latin word or a number with its
 * inner punctuation (`2024`, `3.5`, `A-1`) together; `——` and `……` together; marks that may not
 * start a line glued to the unit before them, marks that may not end a line glued to the unit
 * after them.
 */
function units(runs: readonly Run[]): Unit[] {
  const chars: { ch: string; bold: boolean }[] = [];
  for (const r of runs) for (const ch of r.text.replace(/\r\n?/g, '\n')) chars.push({ ch, bold: r.bold === true });
  const out: Unit[] = [];
  let i = 0;
  while (i < chars.length) {
    const c = chars[i];
    if (!c) break;
    if (c.ch === '\n' || c.ch === '\u000b' || c.ch === '\u000c') {
      out.push({ chars: [], width: 0, hardBreak: true });
      i += 1;
      continue;
    }
    let j = i + 1;
    if (isWordChar(c.ch)) {
      // A word or number, with joiners inside it (not at its end).
      while (j < chars.length) {
        const n = chars[j]?.ch ?? '';
        if (isWordChar(n)) j += 1;
        else if (isWordJoiner(n) && isWordChar(chars[j + 1]?.ch ?? '')) j += 2;
        else break;
      }
    } else if (c.ch === '—' || c.ch === '…') {
      while (j < chars.length && chars[j]?.ch === c.ch) j += 1;
    }
    const unitChars = chars.slice(i, j);
    out.push({ chars: unitChars, width: unitChars.reduce((w, x) => w + charWidth(x.ch), 0) });
    i = j;
  }
  // Glue: a no-start mark joins the unit before it; a no-end mark joins the unit after it.
  const glued: Unit[] = [];
  let pendingOpen: Unit | undefined;
  for (const u of out) {
    if (u.hardBreak) {
      if (pendingOpen) glued.push(pendingOpen);
      pendingOpen = undefined;
      glued.push(u);
      continue;
    }
    const first = u.chars[0]?.ch ?? '';
    const prev = glued[glued.length - 1];
    if (!pendingOpen && NO_START.has(first) && prev && !prev.hardBreak) {
      prev.chars.push(...u.chars);
      prev.width += u.width;
      continue;
    }
    const merged: Unit = pendingOpen ? { chars: [...pendingOpen.chars, ...u.chars], width: pendingOpen.width + u.width } : u;
    pendingOpen = undefined;
    const last = merged.chars[merged.chars.length - 1]?.ch ?? '';
    if (NO_END.has(last)) pendingOpen = merged;
    else glued.push(merged);
  }
  if (pendingOpen) glued.push(pendingOpen);
  return glued;
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
 * Breaks a paragraph into lines of at most `capacity` cells.
 *
 * @param runs - the paragraph's text, in runs (a `\n` inside a run is an explicit line break)
 * @param capacity - cells per line (28 for the body on the GB/T 9704 grid, §5.2.3)
 * @param firstIndent - indent of the first line in cells (2 for body paragraphs); lines after an
 *   explicit break start flush left, as in the DOCX (a `w:br` inside the paragraph)
 * @returns at least one line; a unit wider than a whole line is cut where it overflows
 * @example breakLines([{ text: '一、总体要求' }], 28, 2) // one line, width 6, indent 2
 */
export function breakLines(runs: readonly Run[], capacity: number, firstIndent = 0): LaidLine[] {
  const lines: LaidLine[] = [];
  let cur: { ch: string; bold: boolean }[] = [];
  let width = 0;
  let indent = firstIndent;
  const push = (last: boolean): void => {
    lines.push({ runs: toRuns(cur), width, indent, last });
    cur = [];
    width = 0;
    indent = 0;
  };
  for (const u of units(runs)) {
    if (u.hardBreak) {
      push(true);
      continue;
    }
    const room = capacity - indent;
    if (width + u.width > room + 1e-9 && cur.length > 0) push(false);
    if (u.width > capacity - indent + 1e-9) {
      // Longer than a line (a long URL or number): cut it character by character.
      for (const c of u.chars) {
        const w = charWidth(c.ch);
        if (width + w > capacity - indent + 1e-9 && cur.length > 0) push(false);
        cur.push(c);
        width += w;
      }
      continue;
    }
    cur.push(...u.chars);
    width += u.width;
  }
  push(true);
  return lines;
}
