/**
 * A `.docx` (any WordprocessingML package, hand-made ones included) → its paragraphs in reading
 * order: the headers, then the body with its tables (cell by cell, row by row), then the footers.
 * Pure: bytes in, paragraphs out. The package is opened with fflate and each part parsed with
 * @xmldom/xmldom, the two libraries render-docx already uses.
 *
 * What is read: the text a reader sees — runs (`w:t`), tabs, line breaks, non-breaking hyphens,
 * the text of fields as displayed, inserted text of tracked changes, content controls, text boxes
 * (as paragraphs after the paragraph they are anchored in). What is not: deleted or moved-away
 * text of tracked changes, field codes (`PAGE`), footnotes, endnotes and comments.
 */
import { unzipSync } from 'fflate';
import { DOMParser } from '@xmldom/xmldom';
import { QingdanError, type DocumentParagraph, type ParagraphLocation } from '@qingdan/model';

/** WordprocessingML's main namespace (ECMA-376 Part 1 §17). */
const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
/** The relationships namespace of `r:id` attributes. */
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
/** Markup compatibility (`mc:AlternateContent`), ECMA-376 Part 3. */
const MC = 'http://schemas.openxmlformats.org/markup-compatibility/2006';

/** The minimal DOM this module walks (what @xmldom/xmldom's nodes provide). */
interface XmlNode {
  nodeType: number;
  localName?: string | null;
  namespaceURI?: string | null;
  textContent?: string | null;
  childNodes: { length: number; item(i: number): XmlNode | null };
  getAttributeNS?(ns: string, name: string): string | null;
  getAttribute?(name: string): string | null;
}

const ELEMENT = 1;

function* children(node: XmlNode): Generator<XmlNode> {
  for (let i = 0; i < node.childNodes.length; i += 1) {
    const child = node.childNodes.item(i);
    if (child && child.nodeType === ELEMENT) yield child;
  }
}

const is = (node: XmlNode, ns: string, name: string): boolean => node.localName === name && node.namespaceURI === ns;
const wAttr = (node: XmlNode, name: string): string | null => node.getAttributeNS?.(W, name) ?? null;

/** The parts of the package this reader needs, by path (no leading slash). */
type Parts = Record<string, Uint8Array>;

/** The paragraphs of a `.docx` and how many of them Word numbers automatically. */
export interface DocxText {
  paragraphs: DocumentParagraph[];
  /** Paragraphs whose number Word draws itself (automatic numbering): that number is not in the text. */
  autoNumbered: number;
}

/**
 * Reads the paragraphs of a `.docx`.
 *
 * @param bytes - the file's content
 * @param source - the file name, for messages
 * @returns the paragraphs with text (empty ones are left out), in reading order
 * @throws {QingdanError} `IMPORT_FAILED` when the bytes are not a readable Word package (not a
 *   zip, no main document, malformed XML) or the document has no text at all
 */
export function readDocx(bytes: Uint8Array, source: string): DocxText {
  const unreadable = (why: string, cause?: unknown): QingdanError =>
    new QingdanError('IMPORT_FAILED', `文件「${source}」不是可读的 Word 文档（.docx）：${why}。请用 Word/WPS 打开后重新另存为 .docx，或另存为 .txt。`, { cause });
  let parts: Parts;
  try {
    // Only the XML and relationship parts: images and fonts are never inflated.
    parts = unzipSync(bytes, { filter: (f) => f.name.endsWith('.xml') || f.name.endsWith('.rels') });
  } catch (cause) {
    throw unreadable(`压缩包已损坏（${cause instanceof Error ? cause.message : String(cause)}）`, cause);
  }
  const parse = (path: string): XmlNode | undefined => {
    const data = parts[path];
    if (!data) return undefined;
    const errors: string[] = [];
    const doc = new DOMParser({
      errorHandler: { warning: () => undefined, error: (m: string) => errors.push(m), fatalError: (m: string) => errors.push(m) },
    }).parseFromString(new TextDecoder('utf-8').decode(data), 'application/xml') as unknown as XmlNode;
    if (errors.length > 0) throw unreadable(`${path} 不是格式正确的 XML（${errors[0] ?? ''}）`);
    return doc;
  };

  const mainPath = mainDocumentPath(parse('_rels/.rels'));
  const main = parse(mainPath);
  if (!main) throw unreadable(`压缩包中没有 Word 正文（${mainPath}）——可能是 Excel、PowerPoint 或其他 ZIP 文件`);
  const dir = mainPath.includes('/') ? mainPath.slice(0, mainPath.lastIndexOf('/') + 1) : '';
  const rels = relationships(parse(`${dir}_rels/${mainPath.slice(dir.length)}.rels`), dir);
  const numberedStyles = stylesWithNumbering(parse(`${dir}styles.xml`));

  const body = [...children(main)].find((n) => is(n, W, 'document'));
  const bodyElement = body ? [...children(body)].find((n) => is(n, W, 'body')) : undefined;
  if (!bodyElement) throw unreadable(`${mainPath} 中没有正文（w:body）`);

  const reader = new Reader(numberedStyles);
  const { headers, footers } = headerFooterParts(bodyElement, rels);
  for (const path of headers) {
    const root = parse(path);
    if (root) for (const el of children(root)) reader.blocks(el, 'header');
  }
  reader.blocks(bodyElement, 'body');
  for (const path of footers) {
    const root = parse(path);
    if (root) for (const el of children(root)) reader.blocks(el, 'footer');
  }
  if (reader.paragraphs.length === 0) {
    throw new QingdanError('IMPORT_FAILED', `文件「${source}」是 Word 文档，但里面没有文字：期望含清单正文的段落，实际为空（可能只有图片或扫描件）。`);
  }
  return { paragraphs: reader.paragraphs, autoNumbered: reader.autoNumbered };
}

/** The main document's path from the package relationships (ECMA-376 Part 2 §9.3), `word/document.xml` by default. */
function mainDocumentPath(rels: XmlNode | undefined): string {
  for (const rel of rels ? relationshipElements(rels) : []) {
    if ((rel.getAttribute?.('Type') ?? '').endsWith('/officeDocument')) {
      const target = rel.getAttribute?.('Target') ?? '';
      if (target !== '') return target.replace(/^\//u, '');
    }
  }
  return 'word/document.xml';
}

function* relationshipElements(root: XmlNode): Generator<XmlNode> {
  for (const top of children(root)) for (const rel of children(top)) if (rel.localName === 'Relationship') yield rel;
}

/** Relationship id → part path (relative targets resolved against the main document's folder). */
function relationships(rels: XmlNode | undefined, dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const rel of rels ? relationshipElements(rels) : []) {
    const id = rel.getAttribute?.('Id');
    const target = rel.getAttribute?.('Target');
    if (!id || !target || rel.getAttribute?.('TargetMode') === 'External') continue;
    out.set(id, target.startsWith('/') ? target.slice(1) : `${dir}${target}`);
  }
  return out;
}

/**
 * The header and footer parts the sections refer to, in the order of their first reference (each
 * once: the default, first-page and even-page variants of every section).
 */
function headerFooterParts(body: XmlNode, rels: Map<string, string>): { headers: string[]; footers: string[] } {
  const headers = new Set<string>();
  const footers = new Set<string>();
  const visit = (node: XmlNode): void => {
    for (const el of children(node)) {
      if (is(el, W, 'headerReference') || is(el, W, 'footerReference')) {
        const path = rels.get(el.getAttributeNS?.(R, 'id') ?? '');
        if (path) (el.localName === 'headerReference' ? headers : footers).add(path);
      } else if (is(el, W, 'sectPr') || is(el, W, 'p') || is(el, W, 'pPr')) {
        visit(el);
      }
    }
  };
  visit(body);
  return { headers: [...headers], footers: [...footers] };
}

/** Ids of the paragraph styles that carry automatic numbering, directly or through `w:basedOn`. */
function stylesWithNumbering(styles: XmlNode | undefined): Set<string> {
  const own = new Map<string, { numbered: boolean | undefined; basedOn: string | undefined }>();
  const root = styles ? [...children(styles)].find((n) => is(n, W, 'styles')) : undefined;
  for (const style of root ? children(root) : []) {
    if (!is(style, W, 'style') || wAttr(style, 'type') !== 'paragraph') continue;
    const id = wAttr(style, 'styleId');
    if (!id) continue;
    let numbered: boolean | undefined;
    let basedOn: string | undefined;
    for (const el of children(style)) {
      if (is(el, W, 'basedOn')) basedOn = wAttr(el, 'val') ?? undefined;
      if (is(el, W, 'pPr')) numbered = numberingOf(el);
    }
    own.set(id, { numbered, basedOn });
  }
  const out = new Set<string>();
  for (const id of own.keys()) {
    // Follow basedOn until a style says yes or no; a cycle (a damaged file) ends the walk.
    const seen = new Set<string>();
    for (let at: string | undefined = id; at !== undefined && !seen.has(at); ) {
      seen.add(at);
      const s = own.get(at);
      if (s?.numbered !== undefined) {
        if (s.numbered) out.add(id);
        break;
      }
      at = s?.basedOn;
    }
  }
  return out;
}

/** Whether paragraph properties switch automatic numbering on (true), off (`w:numId` 0: false) or say nothing. */
function numberingOf(pPr: XmlNode): boolean | undefined {
  for (const el of children(pPr)) {
    if (!is(el, W, 'numPr')) continue;
    for (const id of children(el)) if (is(id, W, 'numId')) return wAttr(id, 'val') !== '0';
  }
  return undefined;
}

/** Walks block-level content and collects the paragraphs. */
class Reader {
  readonly paragraphs: DocumentParagraph[] = [];
  autoNumbered = 0;
  readonly #count: Record<'body' | 'header' | 'footer', number> = { body: 0, header: 0, footer: 0 };
  #tables = 0;

  constructor(readonly numberedStyles: ReadonlySet<string>) {}

  /** Block-level content (a body, header, footer, content control or text box) in `part`. */
  blocks(container: XmlNode, part: 'body' | 'header' | 'footer'): void {
    for (const el of children(container)) {
      if (is(el, W, 'p')) this.#paragraph(el, () => ({ part, index: (this.#count[part] += 1) }), part);
      else if (is(el, W, 'tbl')) this.#table(el, part);
      else if (WRAPPERS.has(el.localName ?? '') && el.namespaceURI === W) this.blocks(el, part);
    }
  }

  #table(tbl: XmlNode, part: 'body' | 'header' | 'footer'): void {
    const table = (this.#tables += 1);
    let row = 0;
    for (const tr of rowsOf(tbl)) {
      row += 1;
      let column = 0;
      for (const tc of cellsOf(tr)) {
        column += 1;
        const cell = column;
        const paragraphs: XmlNode[] = [];
        const nested: XmlNode[] = [];
        collectCell(tc, paragraphs, nested);
        const withText = paragraphs.filter((p) => paragraphText(p).trim() !== '');
        for (const [i, p] of withText.entries()) {
          this.#paragraph(p, () => ({ part: 'table', index: table, row, cell, ...(withText.length > 1 ? { paragraph: i + 1 } : {}) }), part);
        }
        // A table inside a cell comes after the cell's own paragraphs, with its own number.
        for (const t of nested) this.#table(t, part);
      }
    }
  }

  #paragraph(p: XmlNode, where: () => ParagraphLocation, part: 'body' | 'header' | 'footer'): void {
    const text = paragraphText(p);
    if (text.trim() !== '') {
      const auto = this.#isAutoNumbered(p);
      if (auto) this.autoNumbered += 1;
      this.paragraphs.push({ text, where: where(), ...(auto ? { autoNumbered: true } : {}) });
    }
    // Text boxes anchored in the paragraph: their own paragraphs, after it.
    for (const box of textBoxes(p)) this.blocks(box, part);
  }

  #isAutoNumbered(p: XmlNode): boolean {
    const pPr = [...children(p)].find((n) => is(n, W, 'pPr'));
    if (!pPr) return false;
    const direct = numberingOf(pPr);
    if (direct !== undefined) return direct;
    const style = [...children(pPr)].find((n) => is(n, W, 'pStyle'));
    return style !== undefined && this.numberedStyles.has(wAttr(style, 'val') ?? '');
  }
}

/** Elements that only wrap block-level content: content controls, custom XML, tracked insertions. */
const WRAPPERS = new Set(['sdt', 'sdtContent', 'customXml', 'ins', 'hdr', 'ftr', 'body', 'txbxContent']);

/** The paragraphs and nested tables of a table cell, through wrappers. */
function collectCell(node: XmlNode, paragraphs: XmlNode[], nested: XmlNode[]): void {
  for (const el of children(node)) {
    if (is(el, W, 'p')) paragraphs.push(el);
    else if (is(el, W, 'tbl')) nested.push(el);
    else if (WRAPPERS.has(el.localName ?? '') && el.namespaceURI === W) collectCell(el, paragraphs, nested);
  }
}

/** The rows of a table, through content controls and custom XML wrappers. */
function* rowsOf(tbl: XmlNode): Generator<XmlNode> {
  for (const el of children(tbl)) {
    if (is(el, W, 'tr')) yield el;
    else if (is(el, W, 'sdt') || is(el, W, 'sdtContent') || is(el, W, 'customXml')) yield* rowsOf(el);
  }
}

/** The cells of a row, through content controls and custom XML wrappers. */
function* cellsOf(tr: XmlNode): Generator<XmlNode> {
  for (const el of children(tr)) {
    if (is(el, W, 'tc')) yield el;
    else if (is(el, W, 'sdt') || is(el, W, 'sdtContent') || is(el, W, 'customXml')) yield* cellsOf(el);
  }
}

/** Subtrees of a paragraph that hold no text of it: properties, deleted and moved-away text, field codes, text boxes. */
const SKIPPED = new Set(['pPr', 'rPr', 'del', 'moveFrom', 'instrText', 'delText', 'delInstrText', 'txbxContent', 'footnoteReference', 'endnoteReference', 'commentReference']);

/** The text of one paragraph as a reader sees it. */
export function paragraphText(p: XmlNode): string {
  let out = '';
  const visit = (node: XmlNode): void => {
    for (const el of children(node)) {
      const name = el.localName ?? '';
      if (el.namespaceURI === MC && name === 'AlternateContent') {
        // The same content twice (a modern choice and a fallback): read the first only.
        const first = [...children(el)][0];
        if (first) visit(first);
        continue;
      }
      if (el.namespaceURI === W) {
        if (SKIPPED.has(name)) continue;
        if (name === 't') out += el.textContent ?? '';
        else if (name === 'tab' || name === 'ptab') out += '\t';
        else if (name === 'br' || name === 'cr') out += '\n';
        else if (name === 'noBreakHyphen') out += '-';
        else visit(el);
      } else {
        visit(el);
      }
    }
  };
  visit(p);
  return out;
}

/** The text-box contents anchored in a paragraph (the first alternative of each `mc:AlternateContent`). */
function textBoxes(p: XmlNode): XmlNode[] {
  const out: XmlNode[] = [];
  const visit = (node: XmlNode): void => {
    for (const el of children(node)) {
      if (el.namespaceURI === MC && el.localName === 'AlternateContent') {
        const first = [...children(el)][0];
        if (first) visit(first);
      } else if (is(el, W, 'txbxContent')) {
        out.push(el);
      } else if (!(el.namespaceURI === W && (el.localName === 'pPr' || el.localName === 'rPr'))) {
        visit(el);
      }
    }
  };
  visit(p);
  return out;
}
