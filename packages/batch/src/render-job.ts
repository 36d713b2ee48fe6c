/**
 * Rendering one job: resolve the answers with the (once compiled) template, then DOCX and/or PDF.
 * The same code runs in a worker thread and, for `concurrency: 1`, in the calling thread.
 */
import { resolve } from '@qingdan/engine';
import { QingdanError, type Answers, type Template } from '@qingdan/model';
import { renderDocx } from '@qingdan/render-docx';
import { createPdfRenderer, type FontReport, type PdfRenderer } from '@qingdan/render-pdf';

/** An output format. */
export type Format = 'docx' | 'pdf';

/** What a renderer is set up with (sent to each worker once). */
export interface RendererSetup {
  templates: Template[];
  formats: Format[];
  fonts?: string | string[] | undefined;
  /**
   * Font files already read by another thread (absolute path → bytes in a `SharedArrayBuffer`), so
   * that workers share one copy (render-pdf's `fontBytes` option).
   */
  fontBytes?: ReadonlyMap<string, Uint8Array> | undefined;
}

/** The bytes of one job's documents. */
export interface RenderedJob {
  docx?: Uint8Array;
  pdf?: Uint8Array;
}

/** Renders jobs with templates compiled once and one PDF renderer (fonts parsed once). */
export interface JobRenderer {
  /**
   * @throws {QingdanError} `ANSWERS_INVALID` (answers do not fit the template), `FONT_MISSING_GLYPH`,
   *   `RENDER_FAILED`
   */
  render(templateId: string, answers: Answers): Promise<RenderedJob>;
  /** Which font file serves each PDF role (`null` when no PDF is made). */
  readonly fonts: FontReport | null;
}

/**
 * Sets up a {@link JobRenderer}. The PDF renderer is created only when PDF is asked for.
 * @throws {QingdanError} `FONT_NOT_FOUND` from `createPdfRenderer`
 */
export async function createJobRenderer(setup: RendererSetup): Promise<JobRenderer> {
  const templates = new Map(setup.templates.map((t) => [t.id, t]));
  const pdf: PdfRenderer | undefined = setup.formats.includes('pdf')
    ? await createPdfRenderer({ ...(setup.fonts !== undefined ? { fonts: setup.fonts } : {}), ...(setup.fontBytes ? { fontBytes: setup.fontBytes } : {}) })
    : undefined;
  return {
    fonts: pdf ? pdf.fonts : null,
    async render(templateId, answers) {
      const template = templates.get(templateId);
      if (!template) throw new QingdanError('TEMPLATE_INVALID', `没有 id 为 ${templateId} 的模板。请检查模板文件夹。`);
      const doc = resolve(template, answers, { allowUnknown: true });
      const out: RenderedJob = {};
      if (setup.formats.includes('docx')) out.docx = await renderDocx(doc);
      if (pdf) out.pdf = await pdf.render(doc);
      return out;
    },
  };
}
