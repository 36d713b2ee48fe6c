/**
 * What the server calls to do its work, behind one interface: the same engine and renderers as
 * the CLI (`resolve` + `renderDocx` + one `createPdfRenderer()` per process), and the roster
 * reader. Tests may pass their own; {@link defaultServices} loads the real packages on first use.
 */
import type { Answers, Issue, ResolvedDocument, Template } from '@qingdan/model';

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
}

interface PdfModule {
  createPdfRenderer(options?: { fonts?: string | string[] }): Promise<{ render(doc: ResolvedDocument): Promise<Uint8Array> }>;
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
  return {
    renderDocx: async (doc) => (await load<DocxModule>('@qingdan/render-docx')).renderDocx(doc),
    renderPdf: async (doc) => {
      pdf ??= load<PdfModule>('@qingdan/render-pdf').then((m) => m.createPdfRenderer(options.fonts !== undefined ? { fonts: options.fonts } : {}));
      pdf.catch(() => {
        pdf = undefined;
      });
      return (await pdf).render(doc);
    },
    parseRoster: async (input, templates) => (await load<RosterModule>('@qingdan/roster')).parseRoster(input, templates),
  };
}
