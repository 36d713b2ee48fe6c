/**
 * The preview's pages taken from the PDF renderer's own line layout (`layOutDocument` of
 * `@qingdan/render-pdf`, measured with the PDF's fonts), so that the preview breaks lines and
 * pages exactly where the downloaded PDF does. Converted to the page model of
 * `@qingdan/render-html`, which the browser draws.
 */
import { gbt9704, type LayoutProfile } from '@qingdan/layout';
import type { ResolvedDocument } from '@qingdan/model';
import type { LineRole, Page, PageLine, Run } from '@qingdan/render-html';
import type { documentParagraphs, LaidOutPages } from '@qingdan/render-pdf';

/** What this module needs of the PDF renderer's layout: its own functions, `layOut` bound to one renderer. */
export interface PdfLayoutApi {
  documentParagraphs: typeof documentParagraphs;
  layOut(doc: ResolvedDocument): LaidOutPages;
}

const lineRole = (role: string): LineRole => (role === 'title' || role === 'heading1' || role === 'heading2' ? role : 'body');

/**
 * Converts the PDF renderer's pages to the preview's page model: each line keeps its characters,
 * its first-line indent (in cells) and whether it is stretched (justified); bold lead sentences
 * and the role of each line come from the paragraphs the renderer laid out.
 *
 * @param doc - the resolved document
 * @param api - the PDF renderer's `documentParagraphs` and `layOut` (bound to one renderer)
 * @param layout - the layout profile (character pitch for the indent)
 * @returns the pages, or `undefined` when the lines do not match the paragraphs (then the caller
 *   falls back to `layoutPages` of `@qingdan/render-html`)
 * @throws {QingdanError} what `layOut` throws (`FONT_MISSING_GLYPH`)
 */
export function pagesFromPdf(doc: ResolvedDocument, api: PdfLayoutApi, layout: LayoutProfile = gbt9704): Page[] | undefined {
  const pdfPages = api.layOut(doc);
  const { title, body } = api.documentParagraphs(doc, layout);
  const nominal = layout.charPitchPt - layout.fonts.body.sizePt;
  // Each paragraph's characters with their look, in the order the lines hold them.
  const queue: { role: LineRole; bold: boolean; block: number }[][] = [...title, ...body].map((spec, i) => {
    const chars: { role: LineRole; bold: boolean; block: number }[] = [];
    for (const run of spec.runs) {
      for (const ch of run.text) {
        if (ch === '\n') continue;
        chars.push({ role: lineRole(run.role), bold: run.role === 'bodyBold', block: i < title.length ? -1 : i - title.length });
      }
    }
    return chars;
  });
  let para = 0;
  let used = 0;
  const pages: Page[] = [];
  for (const [pi, lines] of pdfPages.entries()) {
    const out: PageLine[] = [];
    for (const line of lines) {
      if (line === null) {
        out.push({ runs: [], width: 0, indent: 0, last: true, role: 'title', align: 'center', block: -1, blank: true });
        continue;
      }
      // Skip paragraphs whose characters are all placed (an empty paragraph still has one line).
      while (para < queue.length && used >= (queue[para]?.length ?? 0) && (queue[para]?.length ?? 0) > 0) {
        para += 1;
        used = 0;
      }
      const looks = queue[para];
      if (!looks) return undefined;
      const runs: Run[] = [];
      for (const c of line.chars) {
        const look = looks[used];
        if (!look) return undefined;
        used += 1;
        const last = runs[runs.length - 1];
        if (last && (last.bold === true) === look.bold) last.text += c.ch;
        else runs.push(look.bold ? { text: c.ch, bold: true } : { text: c.ch });
      }
      const first = looks[0];
      // Every line of a paragraph but its last (or one before an explicit break) fills the line.
      const stretched = line.align === 'left' && (used < looks.length || Math.abs(line.spacingPt - nominal) > 1e-6);
      out.push({
        runs,
        width: line.chars.length,
        indent: line.indentPt > 0 ? Math.round(line.indentPt / layout.charPitchPt) : 0,
        last: !stretched,
        role: first?.role ?? 'body',
        align: line.align === 'center' ? 'center' : 'justify',
        block: first?.block ?? -1,
      });
      if (looks.length === 0) {
        para += 1;
        used = 0;
      }
    }
    pages.push({ number: pi + 1, lines: out });
  }
  return pages;
}
