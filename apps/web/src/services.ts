/**
 * What the server calls to do its work, behind one interface: the same engine and renderers as
 * the CLI (`resolve` + `renderDocx` + one `createPdfRenderer()` per process), and the roster
 * reader. Tests may pass their own; {@link defaultServices} loads the real packages on first use.
 */
import type { ResolvedDocument, Template } from '@qingdan/model';
import type { Page } from '@qingdan/render-html';
import type { Roster } from '@qingdan/roster';
import { pagesFromPdf } from './pdf-pages.js';

export type { Roster };

/** The work the server delegates. */
export interface Services {
  /** DOCX bytes of a resolved document (`@qingdan/render-docx`). */
  renderDocx(doc: ResolvedDocument): Promise<Uint8Array>;
  /** PDF bytes of a resolved document (`@qingdan/render-pdf`, one renderer per process). */
  renderPdf(doc: ResolvedDocument): Promise<Uint8Array>;
  /** A roster read from uploaded bytes (`@qingdan/roster`); the format comes from the file name. */
  parseRoster(input: { bytes: Uint8Array; fileName: string }, templates: readonly Template[]): Promise<Roster>;
  /**
   * The pages as the PDF renderer breaks them (same lines, same page breaks as the download), or
   * `undefined` when that layout is not available (the server then composes with estimated widths, `layoutPages`).
   * @throws {QingdanError} `FONT_MISSING_GLYPH` when a character is in no font
   */
  pdfPages?(doc: ResolvedDocument): Promise<Page[] | undefined>;
}

type PdfModule = typeof import('@qingdan/render-pdf');
type PdfRenderer = Awaited<ReturnType<PdfModule['createPdfRenderer']>>;

// Loaded when first needed, so that the server starts fast (the roster reader brings exceljs, the
// PDF renderer pdfmake and fontkit).
const renderPdf = (): Promise<PdfModule> => import('@qingdan/render-pdf');

/**
 * The real services. The PDF renderer is created once (fonts are parsed once) and shared by all
 * requests.
 *
 * @param options - `fonts`: font files or folders for the PDF renderer, as `qingdan --fonts`
 */
export function defaultServices(options: { fonts?: string | string[] } = {}): Services {
  let pdf: Promise<PdfRenderer> | undefined;
  const renderer = (): Promise<PdfRenderer> => {
    pdf ??= renderPdf().then((m) => m.createPdfRenderer(options.fonts !== undefined ? { fonts: options.fonts } : {}));
    pdf.catch(() => {
      pdf = undefined;
    });
    return pdf;
  };
  return {
    pdfPages: async (doc) => {
      const m = await renderPdf();
      let r: PdfRenderer;
      try {
        r = await renderer();
      } catch {
        return undefined; // no usable fonts: the preview estimates; the PDF download reports why
      }
      return pagesFromPdf(doc, { layOut: (d) => m.layOutDocument(r, d) }, r.layout);
    },
    renderDocx: async (doc) => (await import('@qingdan/render-docx')).renderDocx(doc),
    renderPdf: async (doc) => (await renderer()).render(doc),
    parseRoster: async (input, templates) => (await import('@qingdan/roster')).parseRoster(input, templates),
  };
}
