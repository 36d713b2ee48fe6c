/**
 * `@qingdan/render-html`: the page composition of `@qingdan/layout` → the web preview's A4 pages in
 * the official look (GB/T 9704-2012), as an escaped HTML string or as an element tree the browser
 * builds with text nodes. Runs in Node and in the browser (no Node APIs).
 */
export { renderHtml, renderHtmlDocument, htmlStyles, escapeHtml, nodeToHtml, pageNode, pagesNode, FONT_STACKS, type HNode } from './html.js';
export { layoutPages, pagesFromComposition, pageNumberText, type Page, type PageLine, type LineRole, type Run, type HtmlOptions } from './pages.js';
