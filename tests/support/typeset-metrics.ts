/**
 * Measures how a page is typeset, the way issue 25 asks, from the line boxes pdftotext reads
 * (`pdf-lines.ts`): the share of full lines that fill the 28 cells, paragraph last lines of one or
 * two characters (orphans), 禁则 faults, and — between two renderings of one document (our PDF and
 * LibreOffice's rendering of our DOCX) — the share of lines broken at the same place.
 *
 * What a line is, from its box alone: the title lines are the first page's lines above the empty
 * grid row under the title (they are centred and not measured); a body line whose left edge lies
 * at least 1.5 character pitches right of the type area's left edge starts a paragraph (the
 * two-character first-line indent); a line is the last of its paragraph when the next line starts
 * a paragraph or there is none; every other line is a full line and must fill the 28 cells.
 */
import { COMPRESS_AFTER, COMPRESS_BEFORE } from '@qingdan/layout';
import { bodyLines, fullWidthLength, pitches, type PdfLine, type PdfPage } from './pdf-lines.js';

/** The numbers of the grid and the rules, as measured here. */
export interface TypesetRules {
  /** Left edge of the type area in pt from the page's left edge (28 mm). */
  leftPt: number;
  /** Character pitch in pt (15.79). */
  pitchPt: number;
  /** Line pitch in pt (28.95). */
  linePitchPt: number;
  /** Cells a line holds (28). */
  cells: number;
  noStart: string;
  noEnd: string;
}

/** One body line, classified. */
export interface MeasuredLine {
  page: number;
  text: string;
  /** Grid cells its text takes (full-width 1, other ½, spaces 0) plus its indent (2 or 0). */
  cells: number;
  indented: boolean;
  /** Last line of its paragraph. */
  last: boolean;
}

/** What {@link measureTypeset} finds in one rendering. */
export interface TypesetFigures {
  lines: MeasuredLine[];
  fullLines: number;
  /** Full lines that fill the 28 cells (28 cells, or more with compressed punctuation). */
  fullLinesFilled: number;
  /** Full lines that do not, with their text (for the report). */
  short: MeasuredLine[];
  /** Paragraph last lines of one or two characters (in paragraphs of more than one line). */
  orphans: MeasuredLine[];
  /** Lines that start with a no-start mark or end with a no-end mark. */
  kinsoku: MeasuredLine[];
}

const chars = (s: string): string[] => Array.from(s.replace(/\s+/g, ''));

/** The body lines of a rendering in reading order, without the title lines and the page numbers. */
export function textLines(pages: readonly PdfPage[], rules: TypesetRules): { page: number; line: PdfLine }[] {
  const out: { page: number; line: PdfLine }[] = [];
  for (const page of pages) {
    let lines = bodyLines(page);
    if (page.number === 1) {
      const gap = pitches(lines).findIndex((p) => p > 1.5 * rules.linePitchPt);
      lines = gap >= 0 ? lines.slice(gap + 1) : lines;
    }
    for (const line of lines) out.push({ page: page.number, line });
  }
  return out;
}

/**
 * Classifies the body lines of one rendering and counts what issue 25 measures.
 *
 * @param pages - the pages read by `readPdfPages`
 * @param rules - the grid (left edge, pitches, cells) and the 禁则 marks
 */
export function measureTypeset(pages: readonly PdfPage[], rules: TypesetRules): TypesetFigures {
  const raw = textLines(pages, rules);
  const lines: MeasuredLine[] = raw.map(({ page, line }, i) => {
    const indented = line.xMin - rules.leftPt >= 1.5 * rules.pitchPt;
    const next = raw[i + 1]?.line;
    const last = !next || next.xMin - rules.leftPt >= 1.5 * rules.pitchPt;
    return { page, text: line.text, cells: fullWidthLength(line.text) + (indented ? 2 : 0), indented, last };
  });
  const full = lines.filter((l) => !l.last);
  // A line with half-width characters may end half a cell short of 28 and still be full.
  const fills = (l: MeasuredLine): boolean => l.cells >= rules.cells - (chars(l.text).some((c) => fullWidthLength(c) < 1) ? 0.5 : 0);
  const orphans = lines.filter((l, i) => l.last && !l.indented && chars(l.text).length <= 2 && i > 0);
  const kinsoku = lines.filter((l) => {
    const cs = chars(l.text);
    return rules.noStart.includes(cs[0] ?? '\u0000') || rules.noEnd.includes(cs[cs.length - 1] ?? '\u0000');
  });
  return { lines, fullLines: full.length, fullLinesFilled: full.filter(fills).length, short: full.filter((l) => !fills(l)), orphans, kinsoku };
}

/**
 * The share of line breaks two renderings of one text have in common: each break is the offset
 * (in non-space characters of the body) after which a line ends; the share is the breaks both
 * have over the breaks of the one with more.
 *
 * @returns `{ same, total, share }` (share 1 when neither has a break)
 */
export function sameBreaks(a: readonly MeasuredLine[], b: readonly MeasuredLine[]): { same: number; total: number; share: number } {
  const breaks = (lines: readonly MeasuredLine[]): Set<number> => {
    const out = new Set<number>();
    let at = 0;
    for (const l of lines) {
      at += chars(l.text).length;
      out.add(at);
    }
    return out;
  };
  const [x, y] = [breaks(a), breaks(b)];
  let same = 0;
  for (const v of x) if (y.has(v)) same += 1;
  const total = Math.max(x.size, y.size);
  return { same, total, share: total === 0 ? 1 : same / total };
}

/**
 * The fewest grid cells a line's text can take: its full-width length with every compressible
 * mark (`COMPRESS_AFTER`, `COMPRESS_BEFORE` of `@qingdan/layout`) at half width. A line holding
 * more than 28 characters is right only when this is at most 28.
 */
export function leastCells(text: string): number {
  let marks = 0;
  for (const ch of text) if (COMPRESS_AFTER.includes(ch) || COMPRESS_BEFORE.includes(ch)) marks += 1;
  return fullWidthLength(text) - marks / 2;
}
