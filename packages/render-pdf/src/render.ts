/**
 * ResolvedDocument → the page composition of `@qingdan/layout` (measured with this renderer's
 * fonts) → a pdfmake document definition that draws those lines as they are → PDF bytes with
 * subset CJK fonts.
 *
 * Why the layout breaks the lines: pdfmake breaks lines by UAX #14 and knows neither 禁则 nor the
 * 28-character grid. The composition (`composeLines`) decides every line and page; this renderer
 * gives pdfmake one text node per line, with `noWrap`, a `lineHeight` computed per font so that
 * every line box is exactly 28.95 pt (pdfmake's line height is a multiple of the font's own
 * ascent − descent), each character's spacing as composed, and a page break before the first line
 * of each page, so that pdfmake only places what was decided there.
 */
import { createRequire } from 'node:module';
import {
  composeLines,
  compose,
  describeWhere,
  gbt9704,
  IDEOGRAPHIC_EM_BOX_ASCENT,
  mmToPt,
  pageNumberLabel,
  type BlankLine,
  type CharStyle,
  type ComposedChar,
  type ComposedLine,
  type Composition,
  type LayoutProfile,
  type Measure,
  type MissingChar,
} from '@qingdan/layout';
import { QingdanError, type Issue, type ResolvedDocument } from '@qingdan/model';
import { pdfAccel } from '@qingdan/accel';
import { fontkit } from './fontkit.js';
import { resolveFonts, type FallbackFont, type FontOptions, type FontReport, type LoadedFont, type PdfFontRole } from './fonts.js';

/** Options of {@link createPdfRenderer}. */
export interface PdfRendererOptions extends FontOptions {
  /** The layout profile; GB/T 9704-2012 (`gbt9704`) when not given. */
  layout?: LayoutProfile;
}

/** A renderer: fonts resolved and parsed once, then any number of documents. */
export interface PdfRenderer {
  /**
   * Renders one document to PDF bytes.
   *
   * @throws {QingdanError} `FONT_MISSING_GLYPH` when a character has a glyph in none of the fonts
   *   tried (the message names each character, its code point U+XXXX, where it occurs and the
   *   fonts tried); `RENDER_FAILED` for a block kind no handler knows, or when pdfmake fails
   */
  render(doc: ResolvedDocument): Promise<Uint8Array>;
  /** Which file serves each role. */
  readonly fonts: FontReport;
  /** The layout profile in use. */
  readonly layout: LayoutProfile;
}

/** A character of the composition, in the font that draws it. */
export type PlacedChar = ComposedChar<LoadedFont>;
/** A line of the composition, in this renderer's fonts. */
export type PlacedLine = ComposedLine<LoadedFont>;
/** The composition of a document in this renderer's fonts: what {@link layOutDocument} returns and the PDF draws. */
export type PdfComposition = Composition<LoadedFont>;

/** A character's font (the first of its role's chain that has it) and advance (em). */
interface CharInFont {
  font: LoadedFont;
  advanceEm: number;
}

/** pdfmake's document definition, as far as this package uses it. */
export interface PdfDocDefinition {
  pageSize: { width: number; height: number };
  pageMargins: [number, number, number, number];
  info: Record<string, string>;
  defaultStyle: { font: string; fontSize: number };
  content: Record<string, unknown>[];
  footer: (currentPage: number, pageCount: number) => Record<string, unknown>;
  compress: boolean;
}

/**
 * pdfmake's bottom margin is narrowed by this many pt: page breaks are decided by the composition
 * (22 lines a page), and the room keeps pdfmake from moving the 22nd blank flow line to the next
 * page over a rounding error.
 */
const BOTTOM_SLACK_PT = 12;

/** The PDF font role of a character style: a bold body run is the clause's lead sentence. */
const pdfRole = (style: CharStyle): PdfFontRole => (style.bold && style.role === 'body' ? 'bodyBold' : style.role);

const hex = (cp: number): string => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

class Renderer implements PdfRenderer {
  readonly fonts: FontReport;
  private readonly roles: Record<PdfFontRole, LoadedFont>;
  private readonly fallbackSpecs: FallbackFont[];
  private readonly fallbackLoaded: (LoadedFont | null | undefined)[] = [];
  /** code point → role → the font that draws it and its advance in em (null: no font has it). */
  private readonly glyphCache = new Map<number, Map<PdfFontRole, CharInFont | null>>();
  private readonly pdfNames = new Map<string, string>();
  private readonly printerFonts: Record<string, { normal: string | [string, string] }> = {};
  private readonly vfsFiles = new Map<string, Buffer>();
  /** Measures a character with this renderer's fonts (see {@link fontFor}). */
  readonly measure: Measure<LoadedFont>;

  constructor(
    readonly layout: LayoutProfile,
    options: FontOptions,
  ) {
    const set = resolveFonts(options);
    this.fonts = set.report;
    this.roles = set.roles;
    this.fallbackSpecs = set.fallbacks;
    for (const f of Object.values(this.roles)) this.pdfName(f);
    this.measure = (ch, style) => {
      const found = this.fontFor(ch.codePointAt(0) ?? 0, pdfRole(style));
      return found ? { font: found.font, advancePt: found.advanceEm * style.sizePt } : undefined;
    };
  }

  /** The pdfmake font name of a loaded font (registered on first use). */
  private pdfName(f: LoadedFont): string {
    let name = this.pdfNames.get(f.key);
    if (!name) {
      name = `QD${this.pdfNames.size + 1}`;
      this.pdfNames.set(f.key, name);
      this.vfsFiles.set(name, f.pdfkitBytes);
      // A face of a collection is named by its PostScript name (pdfkit's `font(src, family)`).
      this.printerFonts[name] = { normal: f.pdfkitFace ? [name, f.pdfkitFace] : name };
    }
    return name;
  }

  private fallback(i: number): LoadedFont | null {
    if (this.fallbackLoaded[i] === undefined) {
      let loaded: LoadedFont | null = null;
      try {
        loaded = this.fallbackSpecs[i]?.load() ?? null;
      } catch {
        loaded = null;
      }
      this.fallbackLoaded[i] = loaded;
    }
    return this.fallbackLoaded[i] ?? null;
  }

  /**
   * The first font of a role's chain that has a glyph for `cp`, with the glyph's advance (em);
   * null when no font has it. Remembered per code point and role, so a batch asks fontkit once per
   * character, not once per occurrence.
   */
  private fontFor(cp: number, role: PdfFontRole): CharInFont | null {
    let byRole = this.glyphCache.get(cp);
    if (!byRole) {
      byRole = new Map();
      this.glyphCache.set(cp, byRole);
    }
    const hit = byRole.get(role);
    if (hit !== undefined) return hit;
    let found: LoadedFont | null = null;
    const own = this.roles[role];
    if (own.font.hasGlyphForCodePoint(cp)) found = own;
    for (let i = 0; !found && i < this.fallbackSpecs.length; i += 1) {
      const f = this.fallback(i);
      if (f?.font.hasGlyphForCodePoint(cp)) found = f;
    }
    const placed = found ? { font: found, advanceEm: found.font.glyphForCodePoint(cp).advanceWidth / found.font.unitsPerEm } : null;
    byRole.set(role, placed);
    return placed;
  }

  /** Names of the fonts tried for a role, for messages. */
  private triedFor(role: PdfFontRole): string[] {
    const out = [this.roles[role]];
    this.fallbackSpecs.forEach((_, i) => {
      const f = this.fallback(i);
      if (f) out.push(f);
    });
    return [...new Set(out.map((f) => `${f.choice.face}（${f.choice.file}）`))];
  }

  /**
   * The composition of a document in this renderer's fonts. Exposed through {@link layOutDocument}.
   *
   * @throws {QingdanError} `FONT_MISSING_GLYPH` listing every character that no font has
   */
  compose(doc: ResolvedDocument): PdfComposition {
    const composition = compose(doc, { layout: this.layout, measure: this.measure });
    if (composition.missing.length > 0) throw this.missingError(doc, composition.missing);
    return composition;
  }

  private missingError(doc: ResolvedDocument, missing: readonly MissingChar[]): QingdanError {
    const issues: Issue[] = missing.map((m) => {
      const places = m.where.map(describeWhere);
      const shown = places.slice(0, 5).join('、') + (places.length > 5 ? ` 等 ${places.length} 处` : '');
      return {
        message: `字符「${m.ch}」（${hex(m.codePoint)}）出现在${shown}，已尝试的字体都没有这个字：${this.triedFor(pdfRole(m.style)).join('、')}。请改用常用字或核对所填内容，或用 --fonts 指定含有此字的字体文件。`,
        where: { char: m.ch, codePoint: hex(m.codePoint), places: places.join('；') },
      };
    });
    const list = missing.map((m) => `「${m.ch}」（${hex(m.codePoint)}）`).join('、');
    return new QingdanError('FONT_MISSING_GLYPH', `无法生成 PDF「${doc.fileName}」：字体中没有字符 ${list}，生成已停止（不会输出空白方框）。`, { issues });
  }

  /** pdfmake line height factor that makes a line of this font and size exactly `pitch` pt. */
  private lineHeightFactor(f: LoadedFont, sizePt: number, pitchPt: number): number {
    const h = ((f.font.ascent - f.font.descent) / f.font.unitsPerEm) * sizePt;
    return pitchPt / h;
  }

  /** Builds the pdfmake document definition of a composition. */
  definition(doc: ResolvedDocument, composition: PdfComposition): PdfDocDefinition {
    return this.definitionOf(doc, (onLine) => {
      for (const page of composition.pages) for (const line of page.lines) onLine(line);
    });
  }

  /**
   * Builds the pdfmake document definition from the lines `forEachLine` gives, in order. pdfmake
   * only makes the pages: every line is a blank line of exactly one pitch in its flow (every
   * `linesPerPage`-th one starts a page), and the line's text is drawn at the position the
   * composition gives, as absolutely placed runs (pdfmake would place inline runs by its own
   * widths, which leave out the spacing after a run's last character).
   */
  private definitionOf(doc: ResolvedDocument, forEachLine: (onLine: (line: ComposedLine<LoadedFont> | BlankLine) => void) => void): PdfDocDefinition {
    const layout = this.layout;
    const pitch = layout.linePitchPt;
    const body = this.roles.body;
    const bodySize = layout.fonts.body.sizePt;
    const m = layout.margins;
    const margins: [number, number, number, number] = [mmToPt(m.left), mmToPt(m.top), mmToPt(m.right), mmToPt(m.bottom) - BOTTOM_SLACK_PT];
    const content: Record<string, unknown>[] = [];
    let lineNo = 0;
    forEachLine((line) => {
      const row = lineNo % layout.grid.linesPerPage;
      const flow = this.blankLine(pitch);
      if (lineNo > 0 && row === 0) flow.pageBreak = 'before';
      content.push(flow);
      if (line.kind === 'text') content.push(...this.lineRuns(line, margins[1] + row * pitch));
      lineNo += 1;
    });
    const pn = this.roles.pageNumber;
    const pnSize = layout.fonts.pageNumber.sizePt;
    const pnAscent = (pn.font.ascent / pn.font.unitsPerEm) * pnSize;
    // §7.5: the page number line 7 mm below the type area; its em box centred on that line.
    const footerTop = mmToPt(layout.paper.heightMm) - margins[3];
    const centre = mmToPt(m.top + layout.typeArea.heightMm + layout.pageNumber.belowTypeAreaMm);
    const baseline = centre - pnSize / 2 + IDEOGRAPHIC_EM_BOX_ASCENT * pnSize;
    const pnTop = baseline - pnAscent - footerTop;
    const outer = layout.pageNumber.outerIndentChars * pnSize;
    const pnName = this.pdfName(pn);
    const footer = (currentPage: number): Record<string, unknown> => {
      const label = pageNumberLabel(currentPage, layout);
      const right = label.side === 'right';
      return {
        text: label.text,
        font: pnName,
        fontSize: pnSize,
        lineHeight: 1,
        alignment: label.side,
        // pdfmake lays the footer out across the whole page width, not inside the page margins.
        margin: right ? [0, pnTop, mmToPt(m.right) + outer, 0] : [mmToPt(m.left) + outer, pnTop, 0, 0],
        noWrap: true,
      };
    };
    return {
      pageSize: { width: mmToPt(layout.paper.widthMm), height: mmToPt(layout.paper.heightMm) },
      pageMargins: margins,
      info: { title: doc.title.join(''), creator: 'qingdan', producer: 'qingdan (pdfmake)', subject: `${doc.templateId}@${doc.templateVersion}` },
      defaultStyle: { font: this.pdfName(body), fontSize: bodySize },
      content,
      footer,
      compress: true,
    };
  }

  private blankLine(pitch: number): Record<string, unknown> {
    const body = this.roles.body;
    return { text: ' ', font: this.pdfName(body), fontSize: this.layout.fonts.body.sizePt, lineHeight: this.lineHeightFactor(body, this.layout.fonts.body.sizePt, pitch) };
  }

  /**
   * The runs of a composed line, each placed where the composition puts its first character: a
   * run is a stretch of characters in one font and size with the same space after each glyph.
   * pdfmake sets a run's baseline one ascent of its font below the run's top, so the top is the
   * composition's baseline less that ascent.
   */
  private lineRuns(line: PlacedLine, lineTopPt: number): Record<string, unknown>[] {
    const layout = this.layout;
    const left = mmToPt(layout.margins.left);
    let x = line.align === 'center' ? left + (mmToPt(layout.typeArea.widthMm) - line.widthPt) / 2 : left + line.indentPt;
    const nodes: Record<string, unknown>[] = [];
    let run: PlacedChar[] = [];
    let runX = x;
    const flush = (): void => {
      const first = run[0];
      if (!first) return;
      const f = first.font.font;
      const ascentPt = (f.ascent / f.unitsPerEm) * first.sizePt;
      nodes.push({
        text: run.map((c) => c.ch).join(''),
        font: this.pdfName(first.font),
        fontSize: first.sizePt,
        characterSpacing: first.spacePt,
        lineHeight: 1,
        noWrap: true,
        absolutePosition: { x: runX, y: lineTopPt + line.baselinePt - ascentPt },
      });
      run = [];
    };
    for (const c of line.chars) {
      const prev = run[run.length - 1];
      if (prev && (prev.font !== c.font || prev.sizePt !== c.sizePt || Math.abs(prev.spacePt - c.spacePt) > 1e-9)) flush();
      if (run.length === 0) runX = x;
      run.push(c);
      x += c.glyphAdvancePt + c.spacePt;
    }
    flush();
    return nodes;
  }

  async render(doc: ResolvedDocument): Promise<Uint8Array> {
    // Lines become pdfmake nodes paragraph by paragraph as they are composed, and the composed
    // characters (an object per character) are not kept while pdfmake runs: only the definition is.
    const missing = new Map<number, MissingChar>();
    const definition = this.definitionOf(doc, (onLine) => {
      for (const line of composeLines(doc, { layout: this.layout, measure: this.measure }, missing)) onLine(line);
    });
    if (missing.size > 0) throw this.missingError(doc, [...missing.values()]);
    try {
      return await printPdf(definition, this.printerFonts, this.vfsFiles);
    } catch (cause) {
      throw new QingdanError('RENDER_FAILED', `无法生成 PDF「${doc.fileName}」：${String(cause)}`, { cause });
    }
  }
}

interface PdfKitDoc {
  on(event: 'data', cb: (chunk: Buffer) => void): void;
  on(event: 'end', cb: () => void): void;
  on(event: 'error', cb: (e: unknown) => void): void;
  end(): void;
}
interface PrinterCtor {
  new (fonts: Record<string, { normal: string | [string, string] }>, vfs: unknown, urlResolver: unknown, localAccessPolicy?: (p: string) => boolean): {
    createPdfKitDocument(def: PdfDocDefinition, options?: Record<string, unknown>): Promise<PdfKitDoc>;
  };
}
interface UrlResolverCtor {
  new (fs: unknown): { setUrlAccessPolicy(cb: (url: string) => boolean): void };
}

const requireHere = createRequire(import.meta.url);
const Printer = (requireHere('pdfmake/js/Printer.js') as { default: PrinterCtor }).default;
const URLResolver = (requireHere('pdfmake/js/URLResolver.js') as { default: UrlResolverCtor }).default;

/**
 * Runs pdfmake's printer on a definition. Fonts are given as names in a private in-memory file
 * system (the font files' bytes, or what `@qingdan/accel` gives pdfkit instead); no network and no
 * other file is ever read (URL and local access policies deny everything).
 */
async function printPdf(definition: PdfDocDefinition, fonts: Record<string, { normal: string | [string, string] }>, files: ReadonlyMap<string, Buffer>): Promise<Uint8Array> {
  const vfs = {
    existsSync: (name: unknown): boolean => typeof name === 'string' && files.has(name),
    readFileSync: (name: string): Buffer => {
      const b = files.get(name);
      if (!b) throw new Error(`no such font ${name}`);
      return b;
    },
    writeFileSync: (): void => {
      throw new Error('qingdan: pdfmake may not write files');
    },
  };
  const resolver = new URLResolver(vfs);
  resolver.setUrlAccessPolicy(() => false);
  // pdfmake rewrites the descriptors in place (a collection's [file, face] too): each document gets copies.
  const fontDefs = Object.fromEntries(Object.entries(fonts).map(([k, v]) => [k, { normal: Array.isArray(v.normal) ? ([...v.normal] as [string, string]) : v.normal }]));
  const printer = new Printer(fontDefs, vfs, resolver, () => false);
  const pdf = await printer.createPdfKitDocument(definition, pdfAccel(fontkit)?.documentOptions ?? {});
  return await new Promise<Uint8Array>((resolve, reject) => {
    const chunks: Buffer[] = [];
    pdf.on('data', (c) => chunks.push(c));
    // The joined bytes are handed back as they are (a Buffer is a Uint8Array): no second copy.
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    pdf.end();
  });
}

/**
 * Creates a PDF renderer: resolves the font of every role (user → office → system → bundled, see
 * `fonts.ts`) and parses each font once; the renderer then renders any number of documents with
 * those parsed fonts (each PDF embeds subsets of the fonts it uses). Turns on the speed-ups of
 * `@qingdan/accel` unless they are off (`QINGDAN_ACCEL=0`).
 *
 * Layout: the composition of `@qingdan/layout` (GB/T 9704-2012: A4; margins 37 / 26 / 35 / 28 mm;
 * 22 lines of exactly 28.95 pt; 28 characters a line; title 二号 centred, one blank line after it;
 * body, headings and clauses 三号 with a two-character first-line indent, broken by the 禁则);
 * 一、 headings in the 黑体 role, （一） headings in the 楷体 role, a clause's lead sentence in
 * `bodyBold`; page numbers "— n —" 四号 7 mm below the type area, odd pages right and even pages
 * left, one character in (§7.5).
 *
 * @param options - user fonts (files, folders, `role=path`), font folders to search, layout profile
 * @returns the renderer, with its font report
 * @throws {QingdanError} `FONT_NOT_FOUND` when a named font is missing or no font serves a role
 * @example
 * const pdf = await createPdfRenderer();
 * for (const doc of docs) await fs.writeFile(`${doc.fileName}.pdf`, await pdf.render(doc));
 */
export async function createPdfRenderer(options: PdfRendererOptions = {}): Promise<PdfRenderer> {
  return new Renderer(options.layout ?? gbt9704, options);
}

/**
 * The composition of a document in a renderer's fonts: the pages and lines exactly as the PDF
 * draws them (for the web preview and for tests).
 *
 * @throws {QingdanError} as {@link PdfRenderer.render}, except pdfmake failures
 */
export function layOutDocument(renderer: PdfRenderer, doc: ResolvedDocument): PdfComposition {
  if (!(renderer instanceof Renderer)) throw new TypeError('layOutDocument needs a renderer made by createPdfRenderer');
  return renderer.compose(doc);
}

/** The pdfmake document definition the renderer would print (for tests). */
export function pdfDefinition(renderer: PdfRenderer, doc: ResolvedDocument): PdfDocDefinition {
  if (!(renderer instanceof Renderer)) throw new TypeError('pdfDefinition needs a renderer made by createPdfRenderer');
  return renderer.definition(doc, renderer.compose(doc));
}
