/**
 * The page composition of a resolved document: its paragraphs (one handler per block kind), their
 * lines on the GB/T 9704-2012 grid, and the lines on pages of 22. Every renderer that draws lines
 * draws these (the PDF with glyph advances, the web preview with estimated ones); none breaks lines
 * or pages itself. Data flows one way: ResolvedDocument → {@link compose} → pages and lines →
 * renderers.
 *
 * Composition knows no font file and no output format: it asks a {@link Measure} for the advance
 * of each character in its style and gets back an opaque font handle `F` that it hands on with the
 * character (the PDF renderer's parsed font; nothing for the estimate).
 *
 * Pure functions, no Node APIs (bundled for the browser).
 */
import { QingdanError, type ResolvedBlock, type ResolvedDocument } from '@qingdan/model';
import { breakLines, cellsOf, compressibleSide, isInvisibleFormat, SCRIPT_BOUNDARY_RESERVE_EM, type BrokenLine, type MeasuredChar } from './kinsoku.js';
import { standardAdvanceEm } from './metrics.js';
import { baselineInLinePt, gbt9704, mmToPt, type LayoutProfile } from './profile.js';

/** The text roles of a list document's lines (GB/T 9704-2012 §7.3.1 title, §7.3.3 body and headings). */
export type TextRole = 'title' | 'body' | 'heading1' | 'heading2';

/** A run of a paragraph: text in one role; `bold` for a clause's lead sentence. */
export interface TextRun {
  text: string;
  role: TextRole;
  bold?: boolean;
}

/** Where a paragraph is in the document, for messages: a title line or a block (with its number). */
export type Where = { titleLine: number } | { block: number; number?: string };

/** A paragraph before line breaking. */
export interface ParagraphSpec {
  runs: TextRun[];
  /** The role that gives the line its face and size (the first run's). */
  role: TextRole;
  align: 'justify' | 'center';
  /** First-line indent in characters of the body size (grid cells). */
  indentChars: number;
  /** Index in `doc.blocks`, or −1 for a title line. */
  block: number;
  where: Where;
}

type BlockHandler<K extends ResolvedBlock['kind']> = (block: Extract<ResolvedBlock, { kind: K }>) => TextRun[];

/** One handler per block kind: the block's runs ({@link documentParagraphs} throws on a kind none knows). */
const handlers: { [K in ResolvedBlock['kind']]: BlockHandler<K> } = {
  heading: (block) => [{ text: `${block.number}${block.text}`, role: block.level === 1 ? 'heading1' : 'heading2' }],
  clause: (block) => [
    { text: block.number, role: 'body' },
    ...(block.lead ? [{ text: block.lead, role: 'body' as const, bold: true }] : []),
    { text: block.text, role: 'body' },
  ],
  paragraph: (block) => [{ text: block.text, role: 'body' }],
};

/**
 * The paragraphs of a document: one per title line (centred, 小标宋 role), then one per block
 * (runs by its kind's handler), justified with the profile's first-line indent (two characters).
 *
 * @param doc - the resolved document (not modified)
 * @param layout - the layout profile (first-line indent)
 * @throws {QingdanError} `RENDER_FAILED` when a block has a kind no handler knows (the message
 *   names the block)
 */
export function documentParagraphs(doc: ResolvedDocument, layout: LayoutProfile = gbt9704): ParagraphSpec[] {
  const title = doc.title.map(
    (text, i): ParagraphSpec => ({ runs: [{ text, role: 'title' }], role: 'title', align: 'center', indentChars: 0, block: -1, where: { titleLine: i + 1 } }),
  );
  const body = doc.blocks.map((block, i): ParagraphSpec => {
    const handler = handlers[block.kind] as BlockHandler<ResolvedBlock['kind']> | undefined;
    if (!handler) {
      throw new QingdanError(
        'RENDER_FAILED',
        `无法排版：正文第 ${i + 1} 段的类型「${String((block as { kind: unknown }).kind)}」未知，只支持 heading、clause、paragraph。请更新 qingdan 或检查解析后的文档。`,
      );
    }
    const runs = handler(block);
    const where: Where = block.kind === 'paragraph' ? { block: i + 1 } : { block: i + 1, number: block.number };
    return { runs, role: runs[0]?.role ?? 'body', align: 'justify', indentChars: layout.firstLineIndentChars, block: i, where };
  });
  return [...title, ...body];
}

/** "标题第 1 行" or "正文第 3 段（编号 2.）". */
export function describeWhere(where: Where): string {
  if ('titleLine' in where) return `标题第 ${where.titleLine} 行`;
  return `正文第 ${where.block} 段${where.number !== undefined ? `（编号 ${where.number}）` : ''}`;
}

/** The style a character is measured in. */
export interface CharStyle {
  role: TextRole;
  bold: boolean;
  /** Font size in pt (the role's size in the profile). */
  sizePt: number;
}

/** A character's glyph as a {@link Measure} finds it: the font that draws it and its advance. */
export interface Glyph<F> {
  font: F;
  /** Advance in pt at the style's size, without character spacing. */
  advancePt: number;
}

/**
 * Measures one character (one code point) in a style: the font that draws it and its advance, or
 * `undefined` when no font has it (the composition then leaves it out and lists it in
 * {@link Composition.missing}).
 */
export type Measure<F> = (ch: string, style: CharStyle) => Glyph<F> | undefined;

/**
 * The measure of the DOCX and of the web preview without fonts: no font handle, the standard
 * advance ({@link standardAdvanceEm}); never missing.
 */
export const estimatedMeasure: Measure<undefined> = (ch, style) => ({ font: undefined, advancePt: standardAdvanceEm(ch) * style.sizePt });

/**
 * A character placed on a line. Its slot on the line is `advancePt` (the standard advance) plus
 * the nominal character spacing, plus `adjustPt`, plus its share of a justified line's slack;
 * the glyph is drawn at the start of its slot with `spacePt` after it.
 */
export interface ComposedChar<F> extends MeasuredChar {
  role: TextRole;
  bold: boolean;
  sizePt: number;
  /** The font handle the {@link Measure} gave. */
  font: F;
  /** The glyph's own advance in the font that draws it (pt); the standard advance for the estimate. */
  glyphAdvancePt: number;
  /** Space after the glyph in pt, so that glyph and space fill the character's slot: slot − `glyphAdvancePt`. */
  spacePt: number;
  /**
   * What the composition changed after this character, in pt: −½ em after a mark set at half
   * width (or before a mark compressed before it, taken here from the character before it), plus
   * {@link ComposedChar.spreadPt}; 0 for most characters.
   */
  adjustPt: number;
  /**
   * The even spread of a line that ends short of its cells (it gave up characters to the next
   * line), in pt after this character: what a typist adds as character spacing, and what the DOCX
   * writes so that Word and LibreOffice break that line where the composition does.
   */
  spreadPt: number;
  /** Set at half width ({@link compressibleSide}); the DOCX scales the mark to 50 %. */
  compressed: boolean;
  /** Which run of its paragraph it comes from, and its UTF-16 offset in that run's text. */
  run: number;
  offset: number;
}

/** A line of text on a page. */
export interface ComposedLine<F> {
  kind: 'text';
  chars: ComposedChar<F>[];
  /** Left indent in pt (the first-line indent of a body paragraph: two character pitches). */
  indentPt: number;
  /** `center` for the title; body lines start at the indent (`left`) and fill the line when `justified`. */
  align: 'left' | 'center';
  /** Stretched to the full width: every line of a body paragraph but its last and lines before an explicit break. */
  justified: boolean;
  /** Last line of its paragraph. */
  last: boolean;
  /** The paragraph's role (face and size of the line). */
  role: TextRole;
  /** Index of the paragraph in {@link documentParagraphs}' list. */
  paragraph: number;
  /** Index in `doc.blocks`, −1 for the title. */
  block: number;
  /** Drawn width in pt: every slot (advance + space) of the line. */
  widthPt: number;
  /**
   * Baseline of the line's largest size below the top of its line box, in pt: the ideographic
   * em box of that size centred in the 28.95 pt line ({@link baselineInLinePt}).
   */
  baselinePt: number;
}

/** The empty line between the title and the body (one line, as the DOCX's title spacing after). */
export interface BlankLine {
  kind: 'blank';
}

/** A page: its number (from 1) and at most `grid.linesPerPage` lines. */
export interface ComposedPage<F> {
  number: number;
  lines: (ComposedLine<F> | BlankLine)[];
}

/** A character no font has, with every place it occurs. */
export interface MissingChar {
  ch: string;
  codePoint: number;
  /** The style of its first occurrence (to name the fonts tried). */
  style: CharStyle;
  where: Where[];
}

/** A composed document. */
export interface Composition<F> {
  pages: ComposedPage<F>[];
  /** Characters the measure found in no font; left out of the lines. Empty for a complete composition. */
  missing: MissingChar[];
}

/** Options of {@link compose} and {@link composeLines}. */
export interface ComposeOptions<F> {
  /** The layout profile; GB/T 9704-2012 (`gbt9704`) when not given. */
  layout?: LayoutProfile;
  /** How characters are measured; {@link estimatedMeasure} when not given. */
  measure?: Measure<F>;
}

/** The size of a role in the profile (pt). */
function sizeOf(layout: LayoutProfile, role: TextRole): number {
  return layout.fonts[role].sizePt;
}

/**
 * The characters of a paragraph as the breaker sees them. `\r\n` and `\r` become `\n`, and so do
 * a vertical tab (Excel's in-cell line break) and a form feed, as in the DOCX; a tab becomes a
 * space; invisible format characters are left out (they draw nothing, `isInvisibleFormat`).
 */
function measureParagraph<F>(spec: ParagraphSpec, layout: LayoutProfile, measure: Measure<F>, missing: Map<number, MissingChar>): ComposedChar<F>[] {
  const out: ComposedChar<F>[] = [];
  for (const [ri, run] of spec.runs.entries()) {
    const style: CharStyle = { role: run.role, bold: run.bold === true, sizePt: sizeOf(layout, run.role) };
    // One object shape for every character (a literal, not a spread: spread copies are slow to make and to read).
    const char = (ch: string, advancePt: number, glyphAdvancePt: number, cells: number, font: F, offset: number): ComposedChar<F> => ({
      ch,
      advancePt,
      cells,
      role: style.role,
      bold: style.bold,
      sizePt: style.sizePt,
      font,
      glyphAdvancePt,
      spacePt: 0,
      adjustPt: 0,
      spreadPt: 0,
      compressed: false,
      run: ri,
      offset,
    });
    let offset = 0;
    for (const raw of run.text) {
      const at = offset;
      offset += raw.length;
      // \r\n and \r are one break; a vertical tab (Excel's in-cell break) and a form feed too, as in the DOCX.
      if (raw === '\n' && run.text[at - 1] === '\r') continue;
      const ch = raw === '\r' || raw === '\u000b' || raw === '\u000c' ? '\n' : raw === '\t' ? ' ' : raw;
      if (isInvisibleFormat(ch)) continue;
      if (ch === '\n') {
        out.push(char(ch, 0, 0, 0, undefined as F, at));
        continue;
      }
      const glyph = measure(ch, style);
      if (!glyph) {
        const cp = ch.codePointAt(0) ?? 0;
        const m = missing.get(cp) ?? { ch, codePoint: cp, style, where: [] };
        if (!m.where.some((w) => describeWhere(w) === describeWhere(spec.where))) m.where.push(spec.where);
        missing.set(cp, m);
        continue;
      }
      out.push(char(ch, standardAdvanceEm(ch) * style.sizePt, glyph.advancePt, cellsOf(ch), glyph.font, at));
    }
  }
  return out;
}

/**
 * The composed line of a broken line: each character's slot set (nominal spacing; half an em
 * taken away at each compressed mark; a line that ends short of its cells spread evenly, as a
 * typist would, and recorded in `adjustPt`; a full justified line's remaining slack shared out),
 * and the space after each glyph that fills its slot.
 */
function toComposed<F>(l: BrokenLine<ComposedChar<F>>, spec: ParagraphSpec, paragraph: number, last: boolean, nominalPt: number, layout: LayoutProfile): ComposedLine<F> {
  const centre = spec.align === 'center';
  const chars = l.chars;
  const n = chars.length;
  for (const i of l.compressed) {
    const mark = chars[i] as ComposedChar<F>;
    mark.compressed = true;
    const at = compressibleSide(mark.ch) === 'before' ? chars[i - 1] : mark;
    if (at) at.adjustPt -= mark.advancePt / 2;
  }
  const slack = centre || !l.justify || n === 0 ? 0 : (l.availablePt - l.widthPt) / n;
  const short = l.cells < l.capacity - 0.01;
  let widthPt = 0;
  let sizePt = 0;
  for (const c of chars) {
    if (short && slack > 0) {
      c.adjustPt += slack;
      c.spreadPt = slack;
    }
    const slot = c.advancePt + (centre ? 0 : nominalPt) + c.adjustPt + (short ? 0 : slack);
    c.spacePt = slot - c.glyphAdvancePt;
    widthPt += slot;
    sizePt = Math.max(sizePt, c.sizePt);
  }
  if (sizePt === 0) sizePt = sizeOf(layout, spec.role);
  return {
    kind: 'text',
    chars,
    indentPt: centre ? 0 : l.indentPt,
    align: centre ? 'center' : 'left',
    justified: !centre && l.justify,
    last,
    role: spec.role,
    paragraph,
    block: spec.block,
    widthPt,
    baselinePt: baselineInLinePt(sizePt, layout),
  };
}

/**
 * The lines of a document in order, paragraph by paragraph as they are broken: the title lines
 * (centred, no character spacing), one blank line, then the body on the 28-cell grid with the
 * profile's character spacing (GB/T 9704-2012 §5.2.3), broken by the 禁则 (`breakLines`).
 * A generator, so that a renderer can draw a paragraph's lines and let go of them before the next
 * is composed; {@link compose} collects them into pages.
 *
 * @param doc - the resolved document (not modified)
 * @param options - layout profile and measure
 * @param missing - filled with the characters no font has (code point → where); they are left out of the lines
 * @throws {QingdanError} `RENDER_FAILED` for a block kind no handler knows
 */
export function* composeLines<F = undefined>(
  doc: ResolvedDocument,
  options: ComposeOptions<F> = {},
  missing: Map<number, MissingChar> = new Map(),
): Generator<ComposedLine<F> | BlankLine> {
  const layout = options.layout ?? gbt9704;
  const measure = (options.measure ?? estimatedMeasure) as Measure<F>;
  const widthPt = mmToPt(layout.typeArea.widthMm);
  const paragraphs = documentParagraphs(doc, layout);
  let blankDone = false;
  for (const [i, spec] of paragraphs.entries()) {
    if (spec.block >= 0 && !blankDone) {
      blankDone = true;
      yield { kind: 'blank' };
    }
    const isTitle = spec.align === 'center';
    const chars = measureParagraph(spec, layout, measure, missing);
    const nominal = isTitle ? 0 : layout.charSpacingPt;
    const broken = breakLines(chars, {
      widthPt,
      maxCells: layout.grid.charsPerLine,
      firstIndentPt: spec.indentChars * layout.charPitchPt,
      firstIndentCells: spec.indentChars,
      spacingPt: nominal,
      adjust: !isTitle,
      boundaryReservePt: isTitle ? 0 : SCRIPT_BOUNDARY_RESERVE_EM * sizeOf(layout, spec.role),
    });
    for (const [j, l] of broken.entries()) yield toComposed(l, spec, i, j === broken.length - 1, nominal, layout);
  }
  if (!blankDone) yield { kind: 'blank' };
}

/**
 * Composes a document: its lines ({@link composeLines}) on pages of `grid.linesPerPage` (22,
 * GB/T 9704-2012 §5.2.3), numbered from 1.
 *
 * @param doc - the resolved document (not modified)
 * @param options - layout profile (default `gbt9704`) and measure (default {@link estimatedMeasure})
 * @returns the pages (never empty) and the characters no font has (left out of the lines)
 * @throws {QingdanError} `RENDER_FAILED` for a block kind no handler knows
 * @example
 * const { pages } = compose(doc); // estimated widths, as the web preview without a server
 * pages[0].lines[0] // { kind: 'text', role: 'title', chars: [...], align: 'center', ... }
 */
export function compose<F = undefined>(doc: ResolvedDocument, options: ComposeOptions<F> = {}): Composition<F> {
  const layout = options.layout ?? gbt9704;
  const missing = new Map<number, MissingChar>();
  const pages: ComposedPage<F>[] = [];
  const per = layout.grid.linesPerPage;
  for (const line of composeLines(doc, options, missing)) {
    let page = pages[pages.length - 1];
    if (!page || page.lines.length >= per) {
      page = { number: pages.length + 1, lines: [] };
      pages.push(page);
    }
    page.lines.push(line);
  }
  return { pages, missing: [...missing.values()] };
}
