/**
 * ResolvedDocument + layout profile → a pdfmake document definition (every line laid out by this
 * package on the GB/T 9704 grid) → PDF bytes with subset CJK fonts.
 *
 * Why own line layout: pdfmake breaks lines by UAX #14 and knows neither 禁则 nor the 28-character
 * grid. This package breaks the lines itself (`breakLines` of `@qingdan/layout`, the breaker the
 * web preview shares) and gives pdfmake one text node per line, with `noWrap`, a `lineHeight`
 * computed per font so that every line box is exactly 28.95 pt (pdfmake's line height is a
 * multiple of the font's own ascent − descent), and a page break before the first line of each
 * page, so that pdfmake only places what was decided here.
 *
 * Why character spacing: 28 × 16 pt = 448 pt is wider than the 156 mm (442.2 pt) type area, so
 * every character gets a spacing of charPitch − size (15.79 − 16 = −0.21 pt) and 28 full-width
 * characters fill the line exactly. A line that takes fewer characters (a mark that may not start
 * the next line was pushed over with its neighbour) is justified by spreading its slack over its
 * characters (a per-line spacing), as Word does with a justified paragraph.
 */
import { createRequire } from 'node:module';
import { breakLines, cellsOf, gbt9704, isInvisibleFormat, mmToPt, type BrokenLine, type LayoutProfile, type MeasuredChar } from '@qingdan/layout';
import { QingdanError, type Issue, type ResolvedBlock, type ResolvedDocument } from '@qingdan/model';
import { DeflateMemo } from './deflate.js';
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

/** A character in its font: what the breaker measures and the PDF draws. */
export interface PlacedChar extends MeasuredChar {
  font: LoadedFont;
  sizePt: number;
}

/** A character's font (the first of its role's chain that has it), advance (em) and grid cells. */
interface CharInFont {
  font: LoadedFont;
  advanceEm: number;
  cells: number;
}

/** A paragraph before breaking: its runs (text in a role), alignment and indent. */
export interface ParagraphSpec {
  runs: { text: string; role: PdfFontRole }[];
  align: 'justify' | 'center';
  /** First-line indent in characters of the body size. */
  indentChars: number;
  /** Where it is, for messages: e.g. `{ block: 3, number: '2.' }` or `{ titleLine: 1 }`. */
  where: Record<string, string | number>;
}

type Handler<K extends ResolvedBlock['kind']> = (block: Extract<ResolvedBlock, { kind: K }>) => ParagraphSpec['runs'];

/** One handler per block kind: the block's runs (an unknown kind throws in {@link documentParagraphs}). */
const handlers: { [K in ResolvedBlock['kind']]: Handler<K> } = {
  heading: (block) => [{ text: `${block.number}${block.text}`, role: block.level === 1 ? 'heading1' : 'heading2' }],
  clause: (block) => [
    { text: block.number, role: 'body' },
    ...(block.lead ? [{ text: block.lead, role: 'bodyBold' as const }] : []),
    { text: block.text, role: 'body' },
  ],
  paragraph: (block) => [{ text: block.text, role: 'body' }],
};

/**
 * The paragraphs of a document, before line breaking: one per title line (centred, 小标宋), then
 * one per block (runs by its kind's handler), justified with the profile's first-line indent.
 *
 * @throws {QingdanError} `RENDER_FAILED` when a block has a kind no handler knows
 */
export function documentParagraphs(doc: ResolvedDocument, layout: LayoutProfile = gbt9704): { title: ParagraphSpec[]; body: ParagraphSpec[] } {
  const title = doc.title.map((text, i): ParagraphSpec => ({ runs: [{ text, role: 'title' }], align: 'center', indentChars: 0, where: { titleLine: i + 1 } }));
  const body = doc.blocks.map((block, i): ParagraphSpec => {
    const handler = handlers[block.kind] as Handler<ResolvedBlock['kind']> | undefined;
    if (!handler) {
      throw new QingdanError(
        'RENDER_FAILED',
        `无法生成 PDF：正文第 ${i + 1} 段的类型「${String((block as { kind: unknown }).kind)}」未知，只支持 heading、clause、paragraph。请更新 qingdan 或检查解析后的文档。`,
      );
    }
    const where: ParagraphSpec['where'] = block.kind === 'paragraph' ? { block: i + 1 } : { block: i + 1, number: block.number };
    return { runs: handler(block), align: 'justify', indentChars: layout.firstLineIndentChars, where };
  });
  return { title, body };
}

/** "标题第 1 行" or "正文第 3 段（编号 2.）". */
function describeWhere(w: Record<string, string | number>): string {
  if ('titleLine' in w) return `标题第 ${w.titleLine} 行`;
  return `正文第 ${w.block} 段${w.number !== undefined ? `（编号 ${w.number}）` : ''}`;
}

const hex = (cp: number): string => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/** A line ready for pdfmake: placed characters, indent, spacing per character, alignment. */
export interface LaidOutLine {
  chars: PlacedChar[];
  indentPt: number;
  /** Character spacing of this line in pt (nominal, or stretched for a justified line). */
  spacingPt: number;
  align: 'left' | 'center';
}

/** The pages of a document: each an array of at most `linesPerPage` lines (`null` = blank line). */
export type LaidOutPages = (LaidOutLine | null)[][];

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
 * pdfmake's right margin is narrowed by this many pt so that pdfmake never re-wraps a line this
 * package laid out (pdfmake counts character spacing between characters, one fewer than drawn).
 * Centred lines give it back as a right margin of their own.
 */
const RIGHT_SLACK_PT = 6;

/**
 * pdfmake's bottom margin is narrowed by this many pt: page breaks are decided here (22 lines a
 * page), and the room lets a line be nudged down (see {@link Renderer.lineNode}) without pdfmake
 * moving it to the next page.
 */
const BOTTOM_SLACK_PT = 12;

class Renderer implements PdfRenderer {
  readonly fonts: FontReport;
  private readonly roles: Record<PdfFontRole, LoadedFont>;
  private readonly fallbackSpecs: FallbackFont[];
  private readonly fallbackLoaded: (LoadedFont | null | undefined)[] = [];
  /** code point → role → the font that draws it and its advance in em (null: no font has it). */
  private readonly glyphCache = new Map<number, Map<PdfFontRole, CharInFont | null>>();
  private readonly pdfNames = new Map<string, string>();
  private readonly printerFonts: Record<string, { normal: string }> = {};
  private readonly vfsFiles = new Map<string, Buffer>();

  constructor(
    readonly layout: LayoutProfile,
    options: FontOptions,
  ) {
    const set = resolveFonts(options);
    this.fonts = set.report;
    this.roles = set.roles;
    this.fallbackSpecs = set.fallbacks;
    for (const f of Object.values(this.roles)) this.pdfName(f);
  }

  /** The pdfmake font name of a loaded font (registered on first use). */
  private pdfName(f: LoadedFont): string {
    let name = this.pdfNames.get(f.key);
    if (!name) {
      name = `QD${this.pdfNames.size + 1}`;
      this.pdfNames.set(f.key, name);
      this.vfsFiles.set(name, f.token);
      this.printerFonts[name] = { normal: name };
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
   * The first font of a role's chain that has a glyph for `cp`, with the glyph's advance (em) and
   * the character's grid cells; null when no font has it. Remembered per code point and role, so a
   * batch asks fontkit once per character, not once per occurrence.
   */
  private fontFor(ch: string, cp: number, role: PdfFontRole): CharInFont | null {
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
    const placed = found ? { font: found, advanceEm: found.font.glyphForCodePoint(cp).advanceWidth / found.font.unitsPerEm, cells: cellsOf(ch) } : null;
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

  private sizeOf(role: PdfFontRole): number {
    const fonts = this.layout.fonts;
    return role === 'bodyBold' ? fonts.body.sizePt : fonts[role].sizePt;
  }

  /** Places a paragraph's characters in fonts; records characters no font has. */
  private place(spec: ParagraphSpec, missing: Map<number, { ch: string; role: PdfFontRole; where: Set<string> }>): PlacedChar[] {
    const out: PlacedChar[] = [];
    for (const run of spec.runs) {
      const sizePt = this.sizeOf(run.role);
      for (const raw of run.text) {
        const ch = raw === '\t' ? ' ' : raw;
        if (ch === '\r' || isInvisibleFormat(ch)) continue;
        if (ch === '\n') {
          out.push({ ch, advancePt: 0, cells: 0, font: this.roles[run.role], sizePt });
          continue;
        }
        const cp = ch.codePointAt(0) ?? 0;
        const found = this.fontFor(ch, cp, run.role);
        if (!found) {
          const m = missing.get(cp) ?? { ch, role: run.role, where: new Set<string>() };
          m.where.add(describeWhere(spec.where));
          missing.set(cp, m);
          continue;
        }
        out.push({ ch, advancePt: found.advanceEm * sizePt, cells: found.cells, font: found.font, sizePt });
      }
    }
    return out;
  }

  /**
   * Lays a document out: characters in fonts (with fallback), lines by the 禁则 and the grid,
   * lines into pages of `linesPerPage`. Exposed for tests through {@link layOutDocument}.
   *
   * @throws {QingdanError} `FONT_MISSING_GLYPH` listing every character that no font has
   */
  layOut(doc: ResolvedDocument): LaidOutPages {
    const lines: (LaidOutLine | null)[] = [];
    this.eachLine(doc, (line) => lines.push(line));
    const perPage = this.layout.grid.linesPerPage;
    const pages: LaidOutPages = [];
    for (let i = 0; i < lines.length; i += perPage) pages.push(lines.slice(i, i + perPage));
    return pages;
  }

  /**
   * The lines of a document in order (`null`: the blank line after the title), given to `onLine`
   * paragraph by paragraph as they are broken, so that a paragraph's placed characters can go as
   * soon as its lines are used (see {@link render}).
   *
   * @throws {QingdanError} `FONT_MISSING_GLYPH` (after the last line) listing every character that no font has
   */
  private eachLine(doc: ResolvedDocument, onLine: (line: LaidOutLine | null) => void): void {
    const layout = this.layout;
    const { title, body } = documentParagraphs(doc, layout);
    const missing = new Map<number, { ch: string; role: PdfFontRole; where: Set<string> }>();
    const widthPt = mmToPt(layout.typeArea.widthMm);
    const bodySize = layout.fonts.body.sizePt;
    const nominal = layout.charPitchPt - bodySize;
    const add = (spec: ParagraphSpec): void => {
      const chars = this.place(spec, missing);
      const isTitle = spec.align === 'center';
      const broken = breakLines(chars, {
        widthPt,
        maxCells: layout.grid.charsPerLine,
        firstIndentPt: spec.indentChars * layout.charPitchPt,
        firstIndentCells: spec.indentChars,
        spacingPt: isTitle ? 0 : nominal,
      });
      for (const l of broken) onLine(toLaidOut(l, isTitle, nominal));
    };
    title.forEach(add);
    onLine(null); // one blank line between title and body, as the DOCX (title spacing after = one line)
    body.forEach(add);
    if (missing.size > 0) throw this.missingError(doc, missing);
  }

  private missingError(doc: ResolvedDocument, missing: Map<number, { ch: string; role: PdfFontRole; where: Set<string> }>): QingdanError {
    const issues: Issue[] = [...missing.entries()].map(([cp, m]) => {
      const places = [...m.where];
      const shown = places.slice(0, 5).join('、') + (places.length > 5 ? ` 等 ${places.length} 处` : '');
      return {
        message: `字符「${m.ch}」（${hex(cp)}）出现在${shown}，已尝试的字体都没有这个字：${this.triedFor(m.role).join('、')}。请改用常用字或核对所填内容，或用 --fonts 指定含有此字的字体文件。`,
        where: { char: m.ch, codePoint: hex(cp), places: places.join('；') },
      };
    });
    const list = [...missing.entries()].map(([cp, m]) => `「${m.ch}」（${hex(cp)}）`).join('、');
    return new QingdanError('FONT_MISSING_GLYPH', `无法生成 PDF「${doc.fileName}」：字体中没有字符 ${list}，生成已停止（不会输出空白方框）。`, { issues });
  }

  /** pdfmake line height factor that makes a line of this font and size exactly `pitch` pt. */
  private lineHeightFactor(f: LoadedFont, sizePt: number, pitchPt: number): number {
    const h = ((f.font.ascent - f.font.descent) / f.font.unitsPerEm) * sizePt;
    return pitchPt / h;
  }

  /** Builds the pdfmake document definition of laid-out pages. */
  definition(doc: ResolvedDocument, pages: LaidOutPages): PdfDocDefinition {
    return this.definitionOf(doc, (onLine) => {
      for (const page of pages) for (const line of page) onLine(line);
    });
  }

  /**
   * Builds the pdfmake document definition from the lines `forEachLine` gives, in order: every
   * `linesPerPage`-th line starts a page.
   */
  private definitionOf(doc: ResolvedDocument, forEachLine: (onLine: (line: LaidOutLine | null) => void) => void): PdfDocDefinition {
    const layout = this.layout;
    const pitch = layout.linePitchPt;
    const body = this.roles.body;
    const bodySize = layout.fonts.body.sizePt;
    // Centre the body's em box in its 28.95 pt line box: pdfmake puts the ascent at the top of the
    // line, so the type area is moved down by the difference (and the bottom margin up by as much).
    const emTopInLine = (pitch - bodySize) / 2;
    const ascentPt = (body.font.ascent / body.font.unitsPerEm) * bodySize;
    const shift = emTopInLine + 0.88 * bodySize - ascentPt;
    const m = layout.margins;
    const margins: [number, number, number, number] = [mmToPt(m.left), mmToPt(m.top) + shift, mmToPt(m.right) - RIGHT_SLACK_PT, mmToPt(m.bottom) - shift - BOTTOM_SLACK_PT];

    const content: Record<string, unknown>[] = [];
    forEachLine((line) => {
      const node = line === null ? this.blankLine(pitch) : this.lineNode(line, pitch, shift);
      if (content.length > 0 && content.length % layout.grid.linesPerPage === 0) node.pageBreak = 'before';
      content.push(node);
    });
    const pn = this.roles.pageNumber;
    const pnSize = layout.fonts.pageNumber.sizePt;
    const pnAscent = (pn.font.ascent / pn.font.unitsPerEm) * pnSize;
    // §7.5: the page number line 7 mm below the type area; its em box centred on that line.
    const footerTop = mmToPt(layout.paper.heightMm) - margins[3];

    const typeAreaBottom = mmToPt(m.top + layout.typeArea.heightMm);
    const baseline = typeAreaBottom + mmToPt(layout.pageNumber.belowTypeAreaMm) - pnSize / 2 + 0.88 * pnSize;
    const pnTop = baseline - pnAscent - footerTop;
    const outer = layout.pageNumber.outerIndentChars * pnSize;
    const pnName = this.pdfName(pn);
    const footer = (currentPage: number): Record<string, unknown> => {
      const right = !layout.pageNumber.oddRightEvenLeft || currentPage % 2 === 1;
      return {
        text: `${layout.pageNumber.prefix}${currentPage}${layout.pageNumber.suffix}`,
        font: pnName,
        fontSize: pnSize,
        lineHeight: 1,
        alignment: right ? 'right' : 'left',
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

  private lineNode(line: LaidOutLine, pitch: number, shift: number): Record<string, unknown> {
    const inlines: Record<string, unknown>[] = [];
    let run: PlacedChar[] = [];
    let ascent = -Infinity;
    let size = -Infinity;
    const flush = (): void => {
      const first = run[0];
      if (!first) return;
      const f = first.font.font;
      ascent = Math.max(ascent, (f.ascent / f.unitsPerEm) * first.sizePt);
      size = Math.max(size, first.sizePt);
      inlines.push({
        text: run.map((c) => c.ch).join(''),
        font: this.pdfName(first.font),
        fontSize: first.sizePt,
        characterSpacing: line.spacingPt,
        lineHeight: this.lineHeightFactor(first.font, first.sizePt, pitch),
      });
      run = [];
    };
    for (const c of line.chars) {
      const prev = run[run.length - 1];
      if (prev && (prev.font !== c.font || prev.sizePt !== c.sizePt)) flush();
      run.push(c);
    }
    flush();
    if (inlines.length === 0) return this.blankLine(pitch);
    // pdfmake puts the baseline one (the largest) ascent below the line top. Fonts with another ascent
    // (a Kai heading) or another size (the title) are nudged so that their em box is centred in the
    // line box like the body's: a top margin of dy and a bottom margin of −dy keep the pitch.
    const dy = (pitch - size) / 2 + 0.88 * size - shift - ascent;
    const vertical = Math.abs(dy) > 0.01 ? [dy, -dy] : [0, 0];
    return {
      text: inlines,
      noWrap: true,
      alignment: line.align,
      margin: line.align === 'center' ? [0, vertical[0], RIGHT_SLACK_PT, vertical[1]] : [line.indentPt, vertical[0], 0, vertical[1]],
    };
  }

  async render(doc: ResolvedDocument): Promise<Uint8Array> {
    // Lines become pdfmake nodes paragraph by paragraph, and the placed characters (an object per
    // character) are not kept while pdfmake runs: only the definition is. What outlives a
    // young-generation collection or two is promoted to the old generation, and every byte
    // promoted per document is paid for in full collections.
    const definition = this.definitionOf(doc, (onLine) => this.eachLine(doc, onLine));
    try {
      return await printPdf(definition, this.printerFonts, this.vfsFiles);
    } catch (cause) {
      throw new QingdanError('RENDER_FAILED', `无法生成 PDF「${doc.fileName}」：${String(cause)}`, { cause });
    }
  }
}

function toLaidOut(l: BrokenLine<PlacedChar>, isTitle: boolean, nominal: number): LaidOutLine {
  if (isTitle) return { chars: l.chars, indentPt: 0, spacingPt: 0, align: 'center' };
  const n = l.chars.length;
  const spacingPt = l.justify && n > 0 ? nominal + (l.availablePt - l.widthPt) / n : nominal;
  return { chars: l.chars, indentPt: l.indentPt, spacingPt, align: 'left' };
}

interface PdfKitDoc {
  on(event: 'data', cb: (chunk: Buffer) => void): void;
  on(event: 'end', cb: () => void): void;
  on(event: 'error', cb: (e: unknown) => void): void;
  end(): void;
}
interface PrinterCtor {
  new (fonts: Record<string, { normal: string }>, vfs: unknown, urlResolver: unknown, localAccessPolicy?: (p: string) => boolean): {
    createPdfKitDocument(def: PdfDocDefinition, options?: Record<string, unknown>): Promise<PdfKitDoc>;
  };
}
interface UrlResolverCtor {
  new (fs: unknown): { setUrlAccessPolicy(cb: (url: string) => boolean): void };
}

const requireHere = createRequire(import.meta.url);
/** pdfkit's PDFDocument, the one pdfmake uses. */
const PdfKitDocument = createRequire(requireHere.resolve('pdfmake'))('pdfkit') as new (options: Record<string, unknown>) => unknown;
const Printer = (requireHere('pdfmake/js/Printer.js') as { default: PrinterCtor }).default;
const URLResolver = (requireHere('pdfmake/js/URLResolver.js') as { default: UrlResolverCtor }).default;

/** The part of pdfkit's `PDFReference` that {@link useDeflateLevel} wraps. */
interface PdfKitRef {
  compress: boolean;
  buffer: Buffer[];
  finalize(): void;
}
/** Deflated streams that recur across the documents of this process (see `deflate.ts`). */
const streamMemo = new DeflateMemo();
let deflateInstalled = false;

/**
 * Makes pdfkit deflate streams at `PDF_DEFLATE_LEVEL` (`deflate.ts`), through the memo of
 * recurring streams ({@link DeflateMemo}), once per process and before any document is made:
 * pdfmake finalizes page streams while it creates a document, so a patch installed on the first
 * document would miss its pages (the first PDF of each renderer then came out at zlib's level 6).
 * pdfkit's `PDFReference.finalize` deflates with `zlib.deflateSync(buffer)`, no level; the wrapper
 * deflates first (the `Filter` is already set by `write`) and lets pdfkit's own code write the
 * object as it would a stream it has not to compress. The prototype is found through the catalog
 * (`_root`, a `PDFReference`) of a bare pdfkit document.
 */
function useDeflateLevel(): void {
  if (deflateInstalled) return;
  deflateInstalled = true;
  const root = (new PdfKitDocument({ autoFirstPage: false, font: null }) as { _root?: object })._root;
  const proto = root ? (Object.getPrototypeOf(root) as PdfKitRef | null) : null;
  if (!proto || typeof proto.finalize !== 'function') return;
  const finalize = proto.finalize;
  proto.finalize = function deflateThenFinalize(this: PdfKitRef): void {
    if (this.compress && Array.isArray(this.buffer) && this.buffer.length) {
      this.buffer = [streamMemo.deflate(Buffer.concat(this.buffer))];
      this.compress = false;
    }
    finalize.call(this);
  };
}

/**
 * Runs pdfmake's printer on a definition. Fonts are given as names in a private in-memory file
 * system whose "files" are the tokens of fonts parsed once (see `fontkit.ts`); no network and no
 * other file is ever read (URL and local access policies deny everything).
 */
async function printPdf(definition: PdfDocDefinition, fonts: Record<string, { normal: string }>, files: ReadonlyMap<string, Buffer>): Promise<Uint8Array> {
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
  const fontDefs = Object.fromEntries(Object.entries(fonts).map(([k, v]) => [k, { ...v }]));
  const printer = new Printer(fontDefs, vfs, resolver, () => false);
  // pdfkit's own layout cache lives one document and keeps every run's glyph arrays until the
  // document ends; the fonts' cross-document cache (`fontkit.ts`) answers instead, with a fresh
  // copy each time, so nothing of it outlives the text being drawn. Same output.
  const pdf = await printer.createPdfKitDocument(definition, { fontLayoutCache: false });
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
 * those parsed fonts (each PDF embeds subsets of the fonts it uses).
 *
 * Layout (GB/T 9704-2012, numbers from the profile): A4; margins 37 / 26 / 35 / 28 mm; 22 lines
 * of exactly 28.95 pt (§5.2.3); 28 characters a line at a 15.79 pt pitch (16 pt characters with
 * −0.21 pt spacing); title 二号 centred, one blank line after it; body, headings and clauses 三号
 * with a two-character first-line indent, justified, broken by the 禁则; 一、 headings in the
 * 黑体 role, （一） headings in the 楷体 role, a clause's lead sentence in `bodyBold`; page numbers
 * "— n —" 四号 7 mm below the type area, odd pages right and even pages left, one character in (§7.5).
 *
 * @param options - user fonts (files, folders, `role=path`), font folders to search, layout profile
 * @returns the renderer, with its font report
 * @throws {QingdanError} `FONT_NOT_FOUND` when a named font is missing or no font serves a role
 * @example
 * const pdf = await createPdfRenderer();
 * for (const doc of docs) await fs.writeFile(`${doc.fileName}.pdf`, await pdf.render(doc));
 */
export async function createPdfRenderer(options: PdfRendererOptions = {}): Promise<PdfRenderer> {
  useDeflateLevel();
  return new Renderer(options.layout ?? gbt9704, options);
}

/**
 * Lays a document out without writing a PDF: the pages and their lines as the renderer would
 * draw them (for tests and for previews that want the same line breaks).
 *
 * @throws {QingdanError} as {@link PdfRenderer.render}, except pdfmake failures
 */
export function layOutDocument(renderer: PdfRenderer, doc: ResolvedDocument): LaidOutPages {
  if (!(renderer instanceof Renderer)) throw new TypeError('layOutDocument needs a renderer made by createPdfRenderer');
  return renderer.layOut(doc);
}

/** The pdfmake document definition the renderer would print (for tests). */
export function pdfDefinition(renderer: PdfRenderer, doc: ResolvedDocument): PdfDocDefinition {
  if (!(renderer instanceof Renderer)) throw new TypeError('pdfDefinition needs a renderer made by createPdfRenderer');
  return renderer.definition(doc, renderer.layOut(doc));
}
