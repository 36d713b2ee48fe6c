/**
 * The preview's page model: the page composition of `@qingdan/layout` (the one every renderer
 * draws) as plain, serialisable data, so that the server can send it and the browser can build
 * DOM nodes from it (text as text), and `renderHtml` can write it as an escaped string. Nothing
 * here breaks lines or pages: it only reads the composition.
 */
import { compose, compressibleSide, gbt9704, pageNumberLabel, type Composition, type LayoutProfile, type TextRole } from '@qingdan/layout';
import type { ResolvedDocument } from '@qingdan/model';

/** The font role of a line (which face and size it is set in). */
export type LineRole = TextRole;

/**
 * A piece of text with one look: `bold` for a clause's lead sentence; `half` for a mark the
 * composition set at half width, the blank half taken away after it or before it.
 */
export interface Run {
  text: string;
  bold?: boolean;
  half?: 'before' | 'after';
}

/** A line on a page. `blank` lines (after the title) carry no text. */
export interface PageLine {
  runs: Run[];
  role: LineRole;
  /** `center` for the title, `justify` for body lines. */
  align: 'center' | 'justify';
  /** Indent before the text, in grid cells (the first line of a body paragraph: 2). */
  indent: number;
  /** Not stretched to the full width: the last line of a paragraph or a line ended by an explicit break. */
  last: boolean;
  /** Index of the block this line belongs to (−1 for the title and the blank line after it). */
  block: number;
  blank?: boolean;
}

/** One A4 page: its 1-based number and its lines (at most `grid.linesPerPage`). */
export interface Page {
  number: number;
  lines: PageLine[];
}

/** Options of {@link layoutPages} and `renderHtml`. */
export interface HtmlOptions {
  /** The layout profile; GB/T 9704-2012 (`gbt9704`) when not given. */
  layout?: LayoutProfile;
  /**
   * The composition to draw (e.g. the PDF renderer's, measured with its fonts); composed with
   * estimated widths when not given.
   */
  composition?: Composition<unknown>;
}

/**
 * The pages of a composition as the preview's page model: each line's characters in runs of one
 * look, its indent in cells and whether it is stretched.
 *
 * @param composition - a composition of `@qingdan/layout` (measured with any fonts)
 * @param layout - the profile it was composed with (the character pitch, for the indent in cells)
 */
export function pagesFromComposition(composition: Composition<unknown>, layout: LayoutProfile = gbt9704): Page[] {
  return composition.pages.map((page) => ({
    number: page.number,
    lines: page.lines.map((line): PageLine => {
      if (line.kind === 'blank') return { runs: [], role: 'title', align: 'center', indent: 0, last: true, block: -1, blank: true };
      const runs: Run[] = [];
      for (const c of line.chars) {
        const last = runs[runs.length - 1];
        const half = c.compressed ? compressibleSide(c.ch) : undefined;
        if (last && !half && !last.half && (last.bold === true) === c.bold) last.text += c.ch;
        else runs.push({ text: c.ch, ...(c.bold ? { bold: true } : {}), ...(half ? { half } : {}) });
      }
      return {
        runs,
        role: line.role,
        align: line.align === 'center' ? 'center' : 'justify',
        indent: Math.round(line.indentPt / layout.charPitchPt),
        last: !line.justified,
        block: line.block,
      };
    }),
  }));
}

/**
 * The pages of a document: of `options.composition` when given, else composed with widths
 * estimated without fonts (`estimatedMeasure` of `@qingdan/layout`), which the browser shows when
 * the server has no PDF composition. On Chinese
 * text the estimate is exact, so the lines are the PDF's; Latin text may break a little elsewhere.
 *
 * @param doc - the resolved document (not modified)
 * @param options - the layout profile
 * @returns the pages, numbered from 1; never empty
 * @throws {QingdanError} `RENDER_FAILED` when a block has a kind no handler knows (the message names the block)
 */
export function layoutPages(doc: ResolvedDocument, options: HtmlOptions = {}): Page[] {
  const layout = options.layout ?? gbt9704;
  return pagesFromComposition(options.composition ?? compose(doc, { layout }), layout);
}

/**
 * The page-number text of a page (GB/T 9704-2012 §7.5): "— 1 —", and the side it sits on
 * (odd pages right, even pages left). The same as `pageNumberLabel` of `@qingdan/layout`.
 */
export const pageNumberText: (page: number, layout?: LayoutProfile) => { text: string; side: 'left' | 'right' } = pageNumberLabel;
