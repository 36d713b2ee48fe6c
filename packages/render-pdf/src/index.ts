/**
 * `@qingdan/render-pdf`: ResolvedDocument → the page composition of `@qingdan/layout`, measured
 * with this renderer's fonts → PDF bytes with subset CJK fonts.
 *
 * @example
 * const renderer = await createPdfRenderer({ fonts: process.env.MY_FONTS });
 * console.log(formatFontReport(renderer.fonts).join('\n'));
 * const bytes = await renderer.render(resolvedDocument);
 */
export {
  createPdfRenderer,
  layOutDocument,
  pdfDefinition,
  type PdfRenderer,
  type PdfRendererOptions,
  type PlacedChar,
  type PlacedLine,
  type PdfComposition,
  type PdfDocDefinition,
} from './render.js';
export {
  fontReport,
  formatFontReport,
  fontReason,
  defaultFontDirs,
  fontFileBytes,
  PDF_FONT_ROLES,
  ROLE_LABELS,
  type FontChoice,
  type FontOptions,
  type FontReport,
  type FontSource,
  type LoadedFont,
  type PdfFontRole,
} from './fonts.js';
