/**
 * `@qingdan/render-pdf`: ResolvedDocument + GB/T 9704 layout → PDF bytes with subset CJK fonts.
 *
 * @example
 * const renderer = await createPdfRenderer({ fonts: process.env.MY_FONTS });
 * console.log(formatFontReport(renderer.fonts).join('\n'));
 * const bytes = await renderer.render(resolvedDocument);
 */
export {
  createPdfRenderer,
  documentParagraphs,
  layOutDocument,
  pdfDefinition,
  type PdfRenderer,
  type PdfRendererOptions,
  type ParagraphSpec,
  type PlacedChar,
  type LaidOutLine,
  type LaidOutPages,
  type PdfDocDefinition,
} from './render.js';
export {
  fontReport,
  formatFontReport,
  defaultFontDirs,
  fontFileBytes,
  PDF_FONT_ROLES,
  ROLE_LABELS,
  type FontChoice,
  type FontOptions,
  type FontReport,
  type FontSource,
  type PdfFontRole,
} from './fonts.js';
