/**
 * Reads the line boxes of a PDF with poppler's `pdftotext -bbox-layout` and measures pages the way
 * `docs/layout-gbt9704.md` ("How to check a page") asks: lines per page, line pitch, characters per
 * line, forbidden line starts and ends (禁则), and where the page number sits.
 *
 * Shared by the DOCX end-to-end tests (DOCX → LibreOffice → PDF) and the PDF renderer's tests.
 * All coordinates are PDF points (1/72 in) from the top-left corner of the page, as pdftotext
 * writes them (`yMin` is the top of a line box, `yMax` its bottom).
 *
 * @example
 * const pages = readPdfPages('/tmp/out.pdf');
 * for (const page of pages) {
 *   const body = bodyLines(page);
 *   console.log(page.number, body.length, medianPitch(body), pageNumberOf(page)?.side);
 * }
 */
import { spawnSync } from 'node:child_process';
import { DOMParser } from '@xmldom/xmldom';

/** One word box of `pdftotext -bbox-layout` (pt, origin top-left). */
export interface PdfWord {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** One line of text as it appears on the page: its words in reading order and its box (pt). */
export interface PdfLine {
  /** The words joined; a space only where the PDF leaves a visible gap between two words. */
  text: string;
  words: PdfWord[];
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** One page: its size (pt) and its lines sorted from top to bottom. */
export interface PdfPage {
  /** 1-based page number (position in the file, not the printed number). */
  number: number;
  width: number;
  height: number;
  lines: PdfLine[];
}

const num = (el: Element, name: string): number => Number(el.getAttribute(name));

/** Joins words of one line: a space where the gap exceeds 15 % of the line height. */
function joinWords(words: PdfWord[]): string {
  let out = '';
  words.forEach((w, i) => {
    const prev = words[i - 1];
    if (prev) {
      const gap = w.xMin - prev.xMax;
      if (gap > 0.15 * (w.yMax - w.yMin)) out += ' ';
    }
    out += w.text;
  });
  return out;
}

function makeLine(words: PdfWord[]): PdfLine {
  const sorted = [...words].sort((a, b) => a.xMin - b.xMin);
  return {
    text: joinWords(sorted),
    words: sorted,
    xMin: Math.min(...sorted.map((w) => w.xMin)),
    yMin: Math.min(...sorted.map((w) => w.yMin)),
    xMax: Math.max(...sorted.map((w) => w.xMax)),
    yMax: Math.max(...sorted.map((w) => w.yMax)),
  };
}

/**
 * Parses the XHTML that `pdftotext -bbox-layout` writes into pages of lines. Lines that poppler
 * put into different blocks but that share a baseline (bottoms within `sameLineTolerancePt`) are
 * merged into one line, so a line whose runs change font is still one line.
 *
 * @param xhtml - the output of `pdftotext -bbox-layout file.pdf -`
 * @param sameLineTolerancePt - how close two line bottoms must be to count as one line (pt)
 * @returns the pages in file order, each with its lines sorted top to bottom
 * @throws {Error} when the text is not pdftotext's bbox XHTML
 */
export function parseBboxLayout(xhtml: string, sameLineTolerancePt = 2): PdfPage[] {
  const dom = new DOMParser().parseFromString(xhtml, 'text/xml');
  const pageEls = Array.from(dom.getElementsByTagName('page'));
  if (pageEls.length === 0 && !xhtml.includes('<doc')) {
    throw new Error('不是 pdftotext -bbox-layout 的输出：没有 <doc>/<page> 元素');
  }
  return pageEls.map((pageEl, i) => {
    const raw: PdfWord[][] = Array.from(pageEl.getElementsByTagName('line')).map((lineEl) =>
      Array.from(lineEl.getElementsByTagName('word')).map((w) => ({
        text: w.textContent ?? '',
        xMin: num(w, 'xMin'),
        yMin: num(w, 'yMin'),
        xMax: num(w, 'xMax'),
        yMax: num(w, 'yMax'),
      })),
    );
    const groups: PdfWord[][] = [];
    for (const words of raw.filter((ws) => ws.length > 0)) {
      const bottom = Math.max(...words.map((w) => w.yMax));
      const group = groups.find((g) => Math.abs(Math.max(...g.map((w) => w.yMax)) - bottom) <= sameLineTolerancePt);
      if (group) group.push(...words);
      else groups.push([...words]);
    }
    const lines = groups.map(makeLine).sort((a, b) => a.yMax - b.yMax || a.xMin - b.xMin);
    return { number: i + 1, width: num(pageEl, 'width'), height: num(pageEl, 'height'), lines };
  });
}

/**
 * Runs `pdftotext -bbox-layout` on a PDF file and parses its output.
 *
 * @param pdfPath - path of the PDF
 * @throws {Error} when pdftotext is missing or fails (the message carries its stderr)
 */
export function readPdfPages(pdfPath: string): PdfPage[] {
  const r = spawnSync('pdftotext', ['-bbox-layout', pdfPath, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new Error(`无法运行 pdftotext：${r.error.message}（请安装 poppler-utils）`);
  if (r.status !== 0) throw new Error(`pdftotext 处理 ${pdfPath} 失败（退出码 ${String(r.status)}）：${r.stderr}`);
  return parseBboxLayout(r.stdout);
}

/** A page number as printed, e.g. "— 3 —", with the side of the page it sits on. */
export interface PageNumber {
  /** The printed text, e.g. `— 3 —`. */
  text: string;
  /** The number read from it. */
  value: number;
  /** `right` when the line's centre lies right of the page centre, else `left`. */
  side: 'left' | 'right';
  line: PdfLine;
  /** Distance from the right edge of the page to the line's right end (pt). */
  rightGapPt: number;
  /** Distance from the left edge of the page to the line's left start (pt). */
  leftGapPt: number;
}

/** "— n —" with an em dash (U+2014) each side and optional spaces. */
export const PAGE_NUMBER_PATTERN = /^—\s*(\d+)\s*—$/;

/**
 * Finds the page number line of a page: the lowest line reading "— n —".
 *
 * @returns the page number, or `undefined` when the page has none
 */
export function pageNumberOf(page: PdfPage): PageNumber | undefined {
  const candidates = page.lines.filter((l) => PAGE_NUMBER_PATTERN.test(l.text.trim()));
  const line = candidates[candidates.length - 1];
  if (!line) return undefined;
  const m = PAGE_NUMBER_PATTERN.exec(line.text.trim());
  return {
    text: line.text.trim(),
    value: Number(m?.[1]),
    side: (line.xMin + line.xMax) / 2 > page.width / 2 ? 'right' : 'left',
    line,
    rightGapPt: page.width - line.xMax,
    leftGapPt: line.xMin,
  };
}

/** The lines of a page without its page-number line (title, headings and body text). */
export function bodyLines(page: PdfPage): PdfLine[] {
  const pn = pageNumberOf(page);
  return page.lines.filter((l) => l !== pn?.line);
}

/**
 * The distances between the bottoms of consecutive lines (pt): the line pitch as a reader sees it.
 */
export function pitches(lines: readonly PdfLine[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < lines.length; i += 1) {
    const a = lines[i - 1];
    const b = lines[i];
    if (a && b) out.push(b.yMax - a.yMax);
  }
  return out;
}

/** The median of some numbers (NaN for none). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? Number.NaN) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/** The median line pitch of some lines (pt). */
export function medianPitch(lines: readonly PdfLine[]): number {
  return median(pitches(lines));
}

/**
 * Is this character full-width (one grid cell)? CJK ideographs (including extensions beyond the
 * BMP), kana, hangul, CJK and full-width punctuation, the em dash and the ellipsis are.
 */
export function isFullWidth(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    cp === 0x2014 ||
    cp === 0x2026 ||
    (cp >= 0x2018 && cp <= 0x201f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/**
 * The length of a text in grid cells: a full-width character counts 1, any other non-space
 * character ½ (Latin letters and digits are about half a cell), spaces 0. Characters beyond the
 * BMP count once, not as two halves.
 */
export function fullWidthLength(text: string): number {
  let n = 0;
  for (const ch of text) {
    if (/\s/u.test(ch)) continue;
    n += isFullWidth(ch) ? 1 : 0.5;
  }
  return n;
}

/** How many full-width characters a line holds (half-width letters, digits and spaces not counted). */
export function fullWidthCount(text: string): number {
  let n = 0;
  for (const ch of text) if (isFullWidth(ch)) n += 1;
  return n;
}

/** A line that starts or ends with a mark 禁则 forbids there. */
export interface KinsokuViolation {
  page: number;
  line: string;
  /** `start`: a no-start mark opens the line; `end`: a no-end mark closes it. */
  at: 'start' | 'end';
  mark: string;
}

/**
 * Lists lines that start with a character of `noStart` or end with one of `noEnd`.
 *
 * @param pages - the pages to check (page-number lines included; they never violate)
 * @param noStart - marks that must not start a line, e.g. `KINSOKU_NO_START` of `@qingdan/layout`
 * @param noEnd - marks that must not end a line, e.g. `KINSOKU_NO_END`
 */
export function kinsokuViolations(pages: readonly PdfPage[], noStart: string, noEnd: string): KinsokuViolation[] {
  const out: KinsokuViolation[] = [];
  for (const page of pages) {
    for (const line of page.lines) {
      const chars = Array.from(line.text.trim());
      const first = chars[0];
      const last = chars[chars.length - 1];
      if (first && noStart.includes(first)) out.push({ page: page.number, line: line.text, at: 'start', mark: first });
      if (last && noEnd.includes(last)) out.push({ page: page.number, line: line.text, at: 'end', mark: last });
    }
  }
  return out;
}
