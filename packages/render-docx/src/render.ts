/**
 * ResolvedDocument + layout profile → a `docx` Document (the tree) → DOCX bytes.
 */
import { composeLines, gbt9704, type FontRole, type LayoutProfile } from '@qingdan/layout';
import { QingdanError, type ResolvedBlock, type ResolvedDocument } from '@qingdan/model';
import { finishedParts } from './finish.js';
import { AlignmentType, Document, Footer, Packer, Paragraph, Tab, TextRun, type IRunOptions, type IRunStylePropertiesOptions } from 'docx';
import { splitText, type DocxWarning } from './sanitize.js';
import { buildStyles, docxMetrics, runFor, sectionProperties, StyleId, type DocxMetrics } from './styles.js';

/** Options of {@link renderDocx} and {@link buildDocxDocument}. */
export interface RenderDocxOptions {
  /** The layout profile; GB/T 9704-2012 (`gbt9704`) when not given. */
  layout?: LayoutProfile;
  /**
   * Told of every change the renderer had to make to the text (today: characters XML forbids,
   * which are dropped). The document is still written.
   */
  onWarning?: (w: DocxWarning) => void;
  /** Set a clause's lead sentence in bold (GB/T 9704 practice for level-3 items). Default `true`. */
  boldLead?: boolean;
}

/** What a block handler needs: the layout, its OOXML numbers, and a way to turn text into runs. */
interface Context {
  layout: LayoutProfile;
  m: DocxMetrics;
  /** Run properties of each role ({@link runFor}), computed once per document. */
  run: Record<Exclude<FontRole, 'latin'>, IRunStylePropertiesOptions>;
  boldLead: boolean;
  /**
   * Runs of one text in a role; `where` names the place for warnings; `adjust` maps UTF-16
   * offsets in `text` to what the composition changed at that character ({@link CharAdjust}).
   */
  runs: (text: string, role: Exclude<FontRole, 'latin'>, where: Record<string, string | number>, extra?: Partial<IRunOptions>, adjust?: ReadonlyMap<number, CharAdjust>) => TextRun[];
  /** The composition's adjustments of run `run` of block `block` (see {@link adjustmentsOf}). */
  adjust: (block: number, run: number) => ReadonlyMap<number, CharAdjust> | undefined;
}

/**
 * A body paragraph. Widow/orphan control is off so that every full page keeps its 22 lines
 * (GB/T 9704-2012 §5.2.3); Word and LibreOffice would otherwise move single lines over.
 *
 * `w:overflowPunct` is written on (`<w:overflowPunct/>`, docx's `overflowPunctuation` option). In
 * Word and WPS that is their own default (a closing mark may hang past the margin, as in any
 * document typed there). LibreOffice reads the element inverted (writerfilter DomainMapper:
 * hanging = `val == 0`), so this is the one value under which LibreOffice keeps every line inside
 * the 28-character type area; with hanging on, LibreOffice 7.4 also drops a mark that should hang
 * after another (”，), which the end-to-end test catches.
 */
const bodyParagraph = (style: string, children: TextRun[]): Paragraph =>
  new Paragraph({ style, widowControl: false, overflowPunctuation: true, children });

type Handler<K extends ResolvedBlock['kind']> = (block: Extract<ResolvedBlock, { kind: K }>, ctx: Context, index: number) => Paragraph;

/** One handler per block kind (an unknown kind throws in {@link buildDocxDocument}). */
const handlers: { [K in ResolvedBlock['kind']]: Handler<K> } = {
  heading: (block, ctx, index) => {
    const role = block.level === 1 ? 'heading1' : 'heading2';
    const where = { block: index + 1, number: block.number };
    return bodyParagraph(block.level === 1 ? StyleId.heading1 : StyleId.heading2, ctx.runs(`${block.number}${block.text}`, role, where, {}, ctx.adjust(index, 0)));
  },
  // The runs in the order of the composition's paragraph (layout `documentParagraphs`): number, lead, text.
  clause: (block, ctx, index) => {
    const where = { block: index + 1, number: block.number };
    const children = [...ctx.runs(block.number, 'body', where, {}, ctx.adjust(index, 0))];
    if (block.lead) children.push(...ctx.runs(block.lead, 'body', where, ctx.boldLead ? { bold: true } : {}, ctx.adjust(index, 1)));
    children.push(...ctx.runs(block.text, 'body', where, {}, ctx.adjust(index, block.lead ? 2 : 1)));
    return bodyParagraph(StyleId.normal, children);
  },
  paragraph: (block, ctx, index) =>
    bodyParagraph(StyleId.normal, ctx.runs(block.text, 'body', { block: index + 1 }, {}, ctx.adjust(index, 0))),
};

/** What the composition changed at one character, as run properties. */
interface CharAdjust {
  /** 50 for a mark set at half width (`w:w`, character scale in %). */
  scale?: number;
  /** Twips of character spacing added after it (a spread line). */
  spacing?: number;
}

/**
 * The composition's adjustments of a document's body, in DOCX terms: block → run → UTF-16 offset
 * → {@link CharAdjust}. A mark set at half width is scaled to 50 % (`w:w`): Word, WPS and
 * LibreOffice all honour a character scale, while LibreOffice applies character spacing only
 * between the characters of a run (not after a run's last one), so a spacing on the mark alone
 * would not move anything there. A line that gave up characters gets its spread as spacing after
 * each character, rounded down to whole twips so that no line grows wider than the composition's;
 * Word, WPS and LibreOffice, filling lines greedily, then break where the PDF does.
 */
function adjustmentsOf(doc: ResolvedDocument, layout: LayoutProfile): Map<number, Map<number, Map<number, CharAdjust>>> {
  const out = new Map<number, Map<number, Map<number, CharAdjust>>>();
  for (const line of composeLines(doc, { layout })) {
    if (line.kind !== 'text' || line.block < 0) continue;
    for (const c of line.chars) {
      if (!c.compressed && c.spreadPt === 0) continue;
      let runs = out.get(line.block);
      if (!runs) out.set(line.block, (runs = new Map()));
      let offsets = runs.get(c.run);
      if (!offsets) runs.set(c.run, (offsets = new Map()));
      offsets.set(c.offset, { ...(c.compressed ? { scale: 50 } : {}), ...(c.spreadPt > 0 ? { spacing: Math.floor(c.spreadPt * 20) } : {}) });
    }
  }
  return out;
}

/** Describes a place for a warning: "标题第 1 行" or "第 3 段（编号 5.）". */
function placeOf(where: Record<string, string | number>): string {
  if ('titleLine' in where) return `标题第 ${where.titleLine} 行`;
  const n = where.number !== undefined ? `（编号 ${where.number}）` : '';
  return `正文第 ${where.block} 段${n}`;
}

function makeContext(doc: ResolvedDocument, layout: LayoutProfile, options: RenderDocxOptions): Context {
  const m = docxMetrics(layout);
  const run: Context['run'] = {
    title: runFor(layout, m, 'title'),
    body: runFor(layout, m, 'body'),
    heading1: runFor(layout, m, 'heading1'),
    heading2: runFor(layout, m, 'heading2'),
    pageNumber: runFor(layout, m, 'pageNumber'),
  };
  const runs: Context['runs'] = (text, role, where, extra = {}, adjust) => {
    if (adjust && adjust.size > 0) {
      // Cut the text where the adjustment changes; each piece gets its own runs.
      const key = (a: CharAdjust | undefined): string => `${a?.scale ?? ''}/${a?.spacing ?? ''}`;
      const props = (a: CharAdjust | undefined): Partial<IRunOptions> =>
        a ? { ...extra, ...(a.scale ? { scale: a.scale } : {}), ...(a.spacing ? { characterSpacing: (run[role].characterSpacing ?? 0) + a.spacing } : {}) } : extra;
      const out: TextRun[] = [];
      let start = 0;
      let current = adjust.get(0);
      let offset = 0;
      for (const ch of text) {
        const a = adjust.get(offset);
        if (key(a) !== key(current)) {
          out.push(...runs(text.slice(start, offset), role, where, props(current)));
          start = offset;
          current = a;
        }
        offset += ch.length;
      }
      out.push(...runs(text.slice(start), role, where, props(current)));
      return out;
    }
    const pieces = splitText(text, (dropped) =>
      options.onWarning?.({
        message: `${placeOf(where)}含有 XML 不允许的字符 ${dropped.join('、')}，已删除。请检查所填内容（多见于从 Excel 或网页粘贴的文字）。`,
        where: { ...where, dropped: dropped.join(' ') },
      }),
    );
    const base = { ...run[role], ...extra };
    // Consecutive pieces share one run where possible: text, w:br and w:tab are all run content.
    const out: TextRun[] = [];
    let children: (string | Tab)[] = [];
    let breakBefore = 0;
    const flush = (): void => {
      if (children.length > 0 || breakBefore > 0) out.push(new TextRun({ ...base, break: breakBefore || undefined, children }));
      children = [];
      breakBefore = 0;
    };
    for (const p of pieces) {
      if (p.kind === 'break') {
        flush();
        breakBefore = 1;
      } else if (p.kind === 'tab') children.push(new Tab());
      else children.push(p.text);
    }
    flush();
    return out;
  };
  const adjustments = adjustmentsOf(doc, layout);
  return { layout, m, run, boldLead: options.boldLead ?? true, runs, adjust: (block, k) => adjustments.get(block)?.get(k) };
}

/** A footer with "— PAGE —" on one side, one 四号 character in from the edge (§7.5). */
function pageNumberFooter(ctx: Context, side: 'left' | 'right'): Footer {
  const { prefix, suffix } = ctx.layout.pageNumber;
  const indent = side === 'right' ? { right: ctx.m.pageNumber.outerIndent } : { left: ctx.m.pageNumber.outerIndent };
  return new Footer({
    children: [
      new Paragraph({
        style: StyleId.pageNumber,
        alignment: side === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: { ...indent, firstLine: 0, firstLineChars: 0 },
        children: [new TextRun({ ...ctx.run.pageNumber, children: [prefix, 'CURRENT' as const, suffix] })],
      }),
    ],
  });
}

/**
 * Builds the `docx` Document of a resolved document: the tree, before it is packed (tests inspect
 * it; {@link renderDocx} packs it). Reads nothing from disk.
 *
 * Layout (numbers from the profile, GB/T 9704-2012): A4 (`w:pgSz` 11906 × 16838 twips), margins
 * 37 / 26 / 35 / 28 mm (`w:pgMar` 2098 / 1474 / 1984 / 1587), exact line pitch 28.95 pt
 * (`w:line="579" w:lineRule="exact"`); title 二号 小标宋 centred, one title line
 * per paragraph line (`w:br`); body 三号 仿宋 justified with a two-character first-line indent
 * (`w:firstLineChars="200" w:firstLine="640"`); 一、 headings 黑体, （一） headings 楷体; Latin
 * letters and digits in Times New Roman; every run tagged `zh-CN`; −0.25 pt character spacing
 * so that 28 characters fill a 156 mm line; page numbers "— n —" in 四号 宋体 in even and odd
 * footers, odd pages right and even pages left, one character in.
 *
 * @param doc - the resolved document (not modified)
 * @param options - layout profile, warning callback, bold lead sentences
 * @returns the Document object of the `docx` library
 * @throws {QingdanError} `RENDER_FAILED` when a block has a kind no handler knows
 */
export function buildDocxDocument(doc: ResolvedDocument, options: RenderDocxOptions = {}): Document {
  const layout = options.layout ?? gbt9704;
  const ctx = makeContext(doc, layout, options);
  const titleRuns = doc.title.flatMap((line, i) => {
    const runs = ctx.runs(line, 'title', { titleLine: i + 1 });
    if (i > 0) runs.unshift(new TextRun({ ...ctx.run.title, break: 1 }));
    return runs;
  });
  const body = doc.blocks.map((block, i) => {
    const handler = handlers[block.kind] as Handler<ResolvedBlock['kind']> | undefined;
    if (!handler) {
      throw new QingdanError('RENDER_FAILED', `无法生成 DOCX：正文第 ${i + 1} 段的类型「${String((block as { kind: unknown }).kind)}」未知，只支持 heading、clause、paragraph。请更新 qingdan 或检查解析后的文档。`);
    }
    return handler(block, ctx, i);
  });
  return new Document({
    // Core properties from the document: the issuing unit as author (not the library's "Un-named").
    creator: doc.meta.unit ?? 'qingdan',
    lastModifiedBy: doc.meta.unit ?? 'qingdan',
    subject: doc.templateId,
    title: doc.title.join(''),
    description: `${doc.templateId}@${doc.templateVersion}`,
    styles: buildStyles(layout, ctx.m),
    evenAndOddHeaderAndFooters: layout.pageNumber.oddRightEvenLeft,
    // A line that ends in a line break typed in a value (w:br) is not stretched by justification.
    compatibility: { doNotExpandShiftReturn: true },
    sections: [
      {
        properties: sectionProperties(ctx.m),
        footers: layout.pageNumber.oddRightEvenLeft
          ? { default: pageNumberFooter(ctx, 'right'), even: pageNumberFooter(ctx, 'left') }
          : { default: pageNumberFooter(ctx, 'right') },
        children: [new Paragraph({ style: StyleId.title, children: titleRuns }), ...body],
      },
    ],
  });
}

/** The finished parts of each layout profile (see `finish.ts`), made on its first document. */
const finishedByLayout = new WeakMap<LayoutProfile, { fingerprint: string; parts: Promise<{ path: string; data: string }[]> }>();

/**
 * The parts of a layout's packages that `finish.ts` finishes: packed once from a document of
 * that layout and finished; weak by layout object (a caller's layout changed in place is seen by
 * its fingerprint and finished again).
 */
function finishedFor(layout: LayoutProfile, document: Document): Promise<{ path: string; data: string }[]> {
  const fingerprint = JSON.stringify(layout);
  const hit = finishedByLayout.get(layout);
  if (hit && hit.fingerprint === fingerprint) return hit.parts;
  const parts = Packer.pack(document, 'uint8array').then(finishedParts);
  finishedByLayout.set(layout, { fingerprint, parts });
  parts.catch(() => finishedByLayout.delete(layout));
  return parts;
}

/**
 * Renders a resolved document to DOCX bytes (see {@link buildDocxDocument} for the layout),
 * packed by docx's `Packer` with what the library cannot write added to its XML (`finish.ts`,
 * given as `Packer.pack`'s overrides).
 *
 * @param doc - the resolved document
 * @param options - layout profile (default GB/T 9704-2012), warning callback
 * @returns the bytes of a .docx file
 * @throws {QingdanError} `RENDER_FAILED` for an unknown block kind, or when packing fails
 * @example
 * const bytes = await renderDocx(resolve(template, answers), { onWarning: (w) => console.warn(w.message) });
 * await fs.writeFile('out.docx', bytes);
 */
export async function renderDocx(doc: ResolvedDocument, options: RenderDocxOptions = {}): Promise<Uint8Array> {
  const document = buildDocxDocument(doc, options);
  try {
    const overrides = await finishedFor(options.layout ?? gbt9704, document);
    return await Packer.pack(document, 'uint8array', false, overrides);
  } catch (cause) {
    throw new QingdanError('RENDER_FAILED', `无法生成 DOCX「${doc.fileName}」：打包失败（${String(cause)}）。`, { cause });
  }
}
