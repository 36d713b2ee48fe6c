/**
 * What the server calls to do its work, behind one interface: the same engine and renderers as
 * the CLI (`resolve` + `renderDocx` + one `createPdfRenderer()` per process), and the roster
 * reader. Tests may pass their own; {@link defaultServices} loads the real packages on first use.
 */
import type { Answers, Issue, ResolvedDocument, Template } from '@qingdan/model';
import type { Page } from '@qingdan/render-html';
import { pagesFromPdf, type PdfLayoutApi } from './pdf-pages.js';

/** The roster, as `@qingdan/roster`'s `parseRoster` gives it (see the contracts). */
export interface Roster {
  file: string;
  format: 'yaml' | 'csv' | 'xlsx';
  hash: string;
  units: { row: number; name: string; answers: Answers; leaders: { row: number; name: string; answers: Answers }[] }[];
  issues: Issue[];
}

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
   * `undefined` when that layout is not available (the client then estimates with `layoutPages`).
   * @throws {QingdanError} `FONT_MISSING_GLYPH` when a character is in no font
   */
  pdfPages?(doc: ResolvedDocument): Promise<Page[] | undefined>;
}

interface PdfRendererLike {
  render(doc: ResolvedDocument): Promise<Uint8Array>;
}
interface PdfModule {
  createPdfRenderer(options?: { fonts?: string | string[] }): Promise<PdfRendererLike>;
  layOutDocument(renderer: PdfRendererLike, doc: ResolvedDocument): ReturnType<PdfLayoutApi['layOut']>;
  documentParagraphs: PdfLayoutApi['documentParagraphs'];
}
interface RosterModule {
  parseRoster: Services['parseRoster'];
}
interface DocxModule {
  renderDocx(doc: ResolvedDocument): Promise<Uint8Array>;
}

// Loaded when first needed, so that the server starts fast and a package still being built by
// another engineer only affects its own route.
const load = async <T>(specifier: string): Promise<T> => (await import(specifier)) as T;

/**
 * The real services. The PDF renderer is created once (fonts are parsed once) and shared by all
 * requests.
 *
 * @param options - `fonts`: font files or folders for the PDF renderer, as `qingdan --fonts`
 */
export function defaultServices(options: { fonts?: string | string[] } = {}): Services {
  let pdf: ReturnType<PdfModule['createPdfRenderer']> | undefined;
  const renderer = (): ReturnType<PdfModule['createPdfRenderer']> => {
    pdf ??= load<PdfModule>('@qingdan/render-pdf').then((m) => m.createPdfRenderer(options.fonts !== undefined ? { fonts: options.fonts } : {}));
    pdf.catch(() => {
      pdf = undefined;
    });
    return pdf;
  };
  return {
    pdfPages: async (doc) => {
      const m = await load<PdfModule>('@qingdan/render-pdf');
      let r: PdfRendererLike;
      try {
        r = await renderer();
      } catch {
        return undefined; // no usable fonts: the preview estimates; the PDF download reports why
      }
      return pagesFromPdf(doc, { documentParagraphs: m.documentParagraphs, layOut: (d) => m.layOutDocument(r, d) });
    },
    renderDocx: async (doc) => (await load<DocxModule>('@qingdan/render-docx')).renderDocx(doc),
    renderPdf: async (doc) => (await renderer()).render(doc),
    parseRoster: async (input, templates) => (await load<RosterModule>('@qingdan/roster')).parseRoster(input, templates),
  };
}
