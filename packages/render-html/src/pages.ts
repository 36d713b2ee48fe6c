/**
 * A resolved document laid out on GB/T 9704-2012 pages: title lines, then body lines on the
 * 22-line grid, 22 lines to a page (§5.2.3). The page model is plain data so that the browser can
 * build DOM nodes from it (text as text) and `renderHtml` can write it as an escaped string.
 */
import { gbt9704, mmToPt, type FontRole, type LayoutProfile } from '@qingdan/layout';
import type { ResolvedBlock, ResolvedDocument } from '@qingdan/model';
import { breakLines, type LaidLine, type Run } from './lines.js';

/** The font role of a line (which face and size it is set in). */
export type LineRole = Extract<FontRole, 'title' | 'body' | 'heading1' | 'heading2'>;

/** A line on a page. `blank` lines (after the title) carry no text. */
export interface PageLine extends LaidLine {
  role: LineRole;
  /** `center` for the title, `justify` for body lines (the last line of a paragraph is set flush left). */
  align: 'center' | 'justify';
  /** Index of the block this line belongs to (−1 for the title and the blank line after it). */
  block: number;
  blank?: boolean;
}

/** One A4 page: its 1-based number and its lines (at most `grid.linesPerPage`). */
export interface Page {
  number: number;
  lines: PageLine[];
}

/** Options of {@link layoutPages} and {@link renderHtml}. */
export interface HtmlOptions {
  /** The layout profile; GB/T 9704-2012 (`gbt9704`) when not given. */
  layout?: LayoutProfile;
}

/**
 * Cells per line of a role: the body grid has `grid.charsPerLine` (28) cells; the title, at 二号
 * 22 pt with no extra spacing, fits ⌊156 mm / 22 pt⌋ = 20 characters.
 */
export function cellsPerLine(layout: LayoutProfile, role: LineRole): number {
  if (role === 'title') return Math.floor(mmToPt(layout.typeArea.widthMm) / layout.fonts.title.sizePt + 1e-9);
  return layout.grid.charsPerLine;
}

type BlockHandler<K extends ResolvedBlock['kind']> = (block: Extract<ResolvedBlock, { kind: K }>) => { role: LineRole; runs: Run[] };

/** One handler per block kind; {@link layoutPages} throws on a kind none knows. */
const handlers: { [K in ResolvedBlock['kind']]: BlockHandler<K> } = {
  heading: (b) => ({ role: b.level === 1 ? 'heading1' : 'heading2', runs: [{ text: b.number + b.text }] }),
  clause: (b) => ({
    role: 'body',
    runs: [{ text: b.number }, ...(b.lead ? [{ text: b.lead, bold: true }] : []), { text: b.text }],
  }),
  paragraph: (b) => ({ role: 'body', runs: [{ text: b.text }] }),
};

/**
 * Lays a resolved document out on pages, the way the DOCX is set (GB/T 9704-2012): the title
 * centred in 二号 (one grid line per title line, long lines broken at 20 characters), one blank
 * line, then every block as a justified paragraph with a two-character first-line indent, on a
 * 28-character, 22-line grid. Lines are broken by {@link breakLines} (禁则 kept by pushing out).
 *
 * Page breaks are an approximation of Word's and the PDF renderer's: character widths of Latin
 * text are estimated, so a page may break one line earlier or later than in the PDF.
 *
 * @param doc - the resolved document (not modified)
 * @param options - the layout profile
 * @returns the pages, numbered from 1; never empty
 * @throws {Error} when a block has a kind no handler knows (the message names the block)
 */
export function layoutPages(doc: ResolvedDocument, options: HtmlOptions = {}): Page[] {
  const layout = options.layout ?? gbt9704;
  const lines: PageLine[] = [];
  const titleCells = cellsPerLine(layout, 'title');
  for (const t of doc.title) {
    for (const l of breakLines([{ text: t }], titleCells, 0)) lines.push({ ...l, role: 'title', align: 'center', block: -1 });
  }
  lines.push({ runs: [], width: 0, indent: 0, last: true, role: 'title', align: 'center', block: -1, blank: true });
  doc.blocks.forEach((block, index) => {
    const handler = handlers[block.kind] as BlockHandler<ResolvedBlock['kind']> | undefined;
    if (!handler) {
      throw new Error(`无法生成预览：正文第 ${index + 1} 段的类型「${String((block as { kind: unknown }).kind)}」未知，只支持 heading、clause、paragraph。`);
    }
    const { role, runs } = handler(block);
    for (const l of breakLines(runs, cellsPerLine(layout, role), layout.firstLineIndentChars)) {
      lines.push({ ...l, role, align: 'justify', block: index });
    }
  });
  const per = layout.grid.linesPerPage;
  const pages: Page[] = [];
  for (let i = 0; i < lines.length; i += per) pages.push({ number: pages.length + 1, lines: lines.slice(i, i + per) });
  return pages;
}

/**
 * The page-number text of a page (GB/T 9704-2012 §7.5): "— 1 —", and the side it sits on
 * (odd pages right, even pages left).
 */
export function pageNumberText(page: number, layout: LayoutProfile = gbt9704): { text: string; side: 'left' | 'right' } {
  const side = layout.pageNumber.oddRightEvenLeft && page % 2 === 0 ? 'left' : 'right';
  return { text: `${layout.pageNumber.prefix}${page}${layout.pageNumber.suffix}`, side };
}
