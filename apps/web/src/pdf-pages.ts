/**
 * The preview's pages from the PDF renderer's own composition (`layOutDocument` of
 * `@qingdan/render-pdf`, the layout's composition measured with the PDF's fonts), so that the
 * preview breaks lines and pages exactly where the downloaded PDF does. The page model of
 * `@qingdan/render-html` is that composition as plain data (`pagesFromComposition`).
 */
import { gbt9704, type Composition, type LayoutProfile } from '@qingdan/layout';
import type { ResolvedDocument } from '@qingdan/model';
import { pagesFromComposition, type Page } from '@qingdan/render-html';

/** What this module needs of the PDF renderer: its composition of a document (`layOutDocument` bound to one renderer). */
export interface PdfLayoutApi {
  layOut(doc: ResolvedDocument): Composition<unknown>;
}

/**
 * The PDF renderer's composition of a document as the preview's pages.
 *
 * @param doc - the resolved document
 * @param api - the PDF renderer's composition (`layOutDocument` bound to one renderer)
 * @param layout - the layout profile the renderer uses
 * @returns the pages, the same lines and page breaks as the PDF
 * @throws {QingdanError} what `layOut` throws (`FONT_MISSING_GLYPH`)
 */
export function pagesFromPdf(doc: ResolvedDocument, api: PdfLayoutApi, layout: LayoutProfile = gbt9704): Page[] {
  return pagesFromComposition(api.layOut(doc), layout);
}
