/**
 * The preview's A4 pages as a tiny element tree ({@link HNode}), written out as an escaped HTML
 * string by {@link renderHtml} or turned into DOM nodes by the browser (text always as text), plus
 * the stylesheet that gives them the official look ({@link htmlStyles}). No inline styles: the
 * web app's Content-Security-Policy (`default-src 'self'`) forbids them.
 */
import { gbt9704, type LayoutProfile } from '@qingdan/layout';
import type { ResolvedDocument } from '@qingdan/model';
import { layoutPages, pageNumberText, type HtmlOptions, type Page, type PageLine } from './pages.js';

/** An element: tag, class, attributes (`data-*`, `aria-*`), children (elements or text). */
export interface HNode {
  tag: 'div' | 'section' | 'b' | 'span';
  className: string;
  attrs?: Record<string, string>;
  children: (HNode | string)[];
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for HTML element content and attribute values: `&`, `<`, `>`, `"` and `'`.
 * @example escapeHtml('<script>alert(1)</script>') // "&lt;script&gt;alert(1)&lt;/script&gt;"
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

function lineNode(line: PageLine): HNode {
  const classes = ['qd-line', `qd-${line.role}`];
  if (line.indent > 0) classes.push('qd-indent');
  if (line.last) classes.push('qd-last');
  if (line.blank) classes.push('qd-blank');
  const children: (HNode | string)[] = line.runs.map((r) => {
    const text: HNode | string = r.bold ? { tag: 'b', className: 'qd-lead', children: [r.text] } : r.text;
    return r.half ? { tag: 'span', className: `qd-half-${r.half}`, children: [text] } : text;
  });
  return { tag: 'div', className: classes.join(' '), attrs: { 'data-block': String(line.block) }, children };
}

/**
 * The element tree of one page: the type area with its lines, and the page number
 * ("— n —", odd pages right, even pages left, GB/T 9704-2012 §7.5).
 */
export function pageNode(page: Page, layout: LayoutProfile = gbt9704): HNode {
  const pn = pageNumberText(page.number, layout);
  return {
    tag: 'section',
    className: 'qd-page',
    attrs: { 'data-page': String(page.number), 'aria-label': `第 ${page.number} 页` },
    children: [
      { tag: 'div', className: 'qd-type-area', children: page.lines.map(lineNode) },
      { tag: 'div', className: `qd-page-number qd-${pn.side}`, children: [pn.text] },
    ],
  };
}

/** The element tree of all pages, in a `qd-pages` container that carries the page count. */
export function pagesNode(pages: readonly Page[], layout: LayoutProfile = gbt9704): HNode {
  return {
    tag: 'div',
    className: 'qd-pages',
    attrs: { 'data-page-count': String(pages.length) },
    children: pages.map((p) => pageNode(p, layout)),
  };
}

/** Writes an element tree as HTML; every text and attribute value is escaped. */
export function nodeToHtml(node: HNode | string): string {
  if (typeof node === 'string') return escapeHtml(node);
  const attrs = Object.entries(node.attrs ?? {})
    .map(([k, v]) => ` ${k}="${escapeHtml(v)}"`)
    .join('');
  return `<${node.tag} class="${escapeHtml(node.className)}"${attrs}>${node.children.map(nodeToHtml).join('')}</${node.tag}>`;
}

/**
 * Renders a resolved document as the preview's A4 pages (an HTML fragment; style it with
 * {@link htmlStyles}). All text of the document is HTML-escaped: a value such as
 * `<script>alert(1)</script>` shows as text.
 *
 * @param doc - the resolved document (not modified)
 * @param options - the layout profile (default GB/T 9704-2012), the composition to draw (default: estimated widths)
 * @returns `<div class="qd-pages" data-page-count="N"><section class="qd-page" data-page="1">…`
 * @throws {QingdanError} `RENDER_FAILED` for a block kind no handler knows
 * @example renderHtml(resolve(template, answers)) // '<div class="qd-pages" data-page-count="5">…'
 */
export function renderHtml(doc: ResolvedDocument, options: HtmlOptions = {}): string {
  const layout = options.layout ?? gbt9704;
  return nodeToHtml(pagesNode(layoutPages(doc, options), layout));
}

/**
 * Font-family stacks by role: the name offices select first (as on Windows, then macOS), then the
 * open fonts the PDF renderer and CI use (Noto CJK, LXGW WenKai, AR PL UKai), then a generic family.
 * Latin letters and digits come from `qd-latin` (Times New Roman or a metric twin), limited to
 * U+0000–00FF so that “ ” — … keep the Chinese face, as `w:hint="eastAsia"` does in the DOCX.
 */
export const FONT_STACKS: Record<'title' | 'body' | 'heading1' | 'heading2' | 'pageNumber', string> = {
  title: '"方正小标宋简体", "FZXiaoBiaoSong-B05S", "方正小标宋_GBK", "STZhongsong", "华文中宋", "Noto Serif CJK SC", "Source Han Serif SC", "Noto Serif SC", serif',
  body: '"仿宋_GB2312", "仿宋", "FangSong", "FangSong_GB2312", "STFangsong", "华文仿宋", "Noto Serif CJK SC", "Source Han Serif SC", "Noto Serif SC", serif',
  heading1: '"黑体", "SimHei", "STHeiti", "Heiti SC", "Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", sans-serif',
  heading2: '"楷体_GB2312", "楷体", "KaiTi", "KaiTi_GB2312", "STKaiti", "华文楷体", "LXGW WenKai", "霞鹜文楷", "AR PL UKai CN", "Noto Serif CJK SC", serif',
  pageNumber: '"宋体", "SimSun", "STSong", "Noto Serif CJK SC", "Source Han Serif SC", serif',
};

const pt = (n: number): string => `${Number(n.toFixed(3))}pt`;
const mm = (n: number): string => `${Number(n.toFixed(3))}mm`;

/**
 * The stylesheet of the pages, from the layout profile (GB/T 9704-2012): A4 210 × 297 mm,
 * margins 37 / 26 / 35 / 28 mm, a 156 × 225 mm type area, lines exactly 28.95 pt apart, body
 * 三号 16 pt with letter spacing that makes the character pitch 15.79 pt (28 a line), title 二号
 * 22 pt centred, page number 四号 14 pt 7 mm below the type area, one character in from the edge.
 *
 * @param layout - the layout profile
 * @returns CSS text (no external URL: every font is looked up locally by name)
 */
export function htmlStyles(layout: LayoutProfile = gbt9704): string {
  const f = layout.fonts;
  const pitch = layout.linePitchPt;
  const pnTop = layout.margins.top + layout.typeArea.heightMm + layout.pageNumber.belowTypeAreaMm;
  const pnIndent = layout.pageNumber.outerIndentChars * f.pageNumber.sizePt;
  return `@font-face { font-family: "qd-latin"; src: local("Times New Roman"), local("TimesNewRomanPSMT"), local("Liberation Serif"), local("Tinos"); unicode-range: U+0000-00FF; }
.qd-pages { display: flex; flex-direction: column; align-items: center; gap: 8mm; }
.qd-page { position: relative; box-sizing: border-box; width: ${mm(layout.paper.widthMm)}; height: ${mm(layout.paper.heightMm)}; padding: ${mm(layout.margins.top)} ${mm(layout.margins.right)} ${mm(layout.margins.bottom)} ${mm(layout.margins.left)}; background: #fff; color: #000; box-shadow: 0 1px 4px rgba(0, 0, 0, 0.35); overflow: hidden; flex: none; }
.qd-type-area { width: ${mm(layout.typeArea.widthMm)}; height: ${mm(layout.typeArea.heightMm)}; }
.qd-line { height: ${pt(pitch)}; line-height: ${pt(pitch)}; white-space: nowrap; overflow: visible; text-align: justify; text-align-last: justify; text-justify: inter-character; font-kerning: none; font-weight: normal; }
.qd-line.qd-last { text-align-last: left; }
.qd-body { font-family: "qd-latin", ${FONT_STACKS.body}; font-size: ${pt(f.body.sizePt)}; letter-spacing: ${pt(layout.charSpacingPt)}; }
.qd-heading1 { font-family: "qd-latin", ${FONT_STACKS.heading1}; font-size: ${pt(f.heading1.sizePt)}; letter-spacing: ${pt(layout.charSpacingPt)}; }
.qd-heading2 { font-family: "qd-latin", ${FONT_STACKS.heading2}; font-size: ${pt(f.heading2.sizePt)}; letter-spacing: ${pt(layout.charSpacingPt)}; }
.qd-title { font-family: "qd-latin", ${FONT_STACKS.title}; font-size: ${pt(f.title.sizePt)}; text-align: center; text-align-last: center; }
.qd-title.qd-last { text-align-last: center; }
.qd-indent { text-indent: ${pt(layout.firstLineIndentChars * layout.charPitchPt)}; }
.qd-lead { font-weight: bold; }
.qd-half-after { letter-spacing: calc(${pt(layout.charSpacingPt)} - 0.5em); }
.qd-half-before { margin-left: -0.5em; }
.qd-page-number { position: absolute; top: calc(${mm(pnTop)} - ${pt(f.pageNumber.sizePt / 2)}); height: ${pt(f.pageNumber.sizePt)}; line-height: ${pt(f.pageNumber.sizePt)}; font-family: ${FONT_STACKS.pageNumber}; font-size: ${pt(f.pageNumber.sizePt)}; white-space: pre; }
.qd-page-number.qd-right { right: calc(${mm(layout.margins.right)} + ${pt(pnIndent)}); }
.qd-page-number.qd-left { left: calc(${mm(layout.margins.left)} + ${pt(pnIndent)}); }
@media print { .qd-pages { gap: 0; } .qd-page { box-shadow: none; break-after: page; } }
`;
}

/**
 * A complete, standalone HTML page of the document (the pages plus their stylesheet), e.g. to
 * open in a browser and print.
 *
 * @param doc - the resolved document
 * @param options - the layout profile
 * @returns `<!doctype html>…`, every text escaped
 */
export function renderHtmlDocument(doc: ResolvedDocument, options: HtmlOptions = {}): string {
  const layout = options.layout ?? gbt9704;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(doc.title.join(''))}</title>
<style>body { margin: 0; padding: 8mm 0; background: #e8e8e8; }
${htmlStyles(layout)}</style></head>
<body>${renderHtml(doc, { layout })}</body></html>
`;
}
