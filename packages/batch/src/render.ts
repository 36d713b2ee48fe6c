/**
 * Rendering one job: the resolved document → the bytes of each format → each file written
 * atomically and hashed. The same code runs in a worker thread and, with one thread, in the
 * calling thread. Each format is independent: a PDF that fails (a character no font has) never
 * costs the DOCX.
 */
import { QingdanError, type FileOutcome, type FileTarget, type Format, type RenderSetup, type ResolvedDocument } from '@qingdan/model';
import { renderDocx } from '@qingdan/render-docx';
import { createPdfRenderer, type FontReport, type PdfRenderer } from '@qingdan/render-pdf';
import { ioError, sha256, writeAtomicSync } from '@qingdan/store';
import { serializeError } from './errors.js';

/** What a renderer is set up with: the run's settings, plus font files another thread already read. */
export interface RendererSetup extends RenderSetup {
  /**
   * Font files already read by another thread (absolute path → bytes in a `SharedArrayBuffer`), so
   * that workers share one copy (render-pdf's `fontBytes` option).
   */
  fontBytes?: ReadonlyMap<string, Uint8Array> | undefined;
}

/** Renders resolved documents with one PDF renderer (fonts parsed once). */
export interface JobRenderer {
  /**
   * The bytes of one format of a document.
   * @throws {QingdanError} `FONT_MISSING_GLYPH` (PDF: a character in no font), `RENDER_FAILED`
   */
  render(doc: ResolvedDocument, format: Format): Promise<Uint8Array>;
  /** Which font file serves each PDF role (`null` when no PDF is made). */
  readonly fonts: FontReport | null;
}

/**
 * Sets up a {@link JobRenderer}; the PDF renderer only when PDF is asked for.
 * @throws {QingdanError} `FONT_NOT_FOUND` from `createPdfRenderer`
 */
export async function createJobRenderer(setup: RendererSetup): Promise<JobRenderer> {
  const pdf: PdfRenderer | undefined = setup.formats.includes('pdf')
    ? await createPdfRenderer({ ...(setup.fonts !== undefined ? { fonts: setup.fonts } : {}), ...(setup.fontBytes ? { fontBytes: setup.fontBytes } : {}) })
    : undefined;
  return {
    fonts: pdf ? pdf.fonts : null,
    async render(doc, format) {
      if (format === 'docx') return renderDocx(doc);
      if (!pdf) throw new QingdanError('RENDER_FAILED', '内部错误：未按 PDF 设置渲染器，却要求生成 PDF。');
      return pdf.render(doc);
    },
  };
}

/**
 * Renders a document and writes one file per target, in order: each to its temporary name, then
 * renamed to its final path (a reader sees the old file or the whole new one), synchronously (a
 * worker thread, once terminated, writes nothing more), with the bytes' SHA-256. The bytes die in
 * the thread that made them: the caller receives only hashes and sizes.
 *
 * @returns one outcome per target, in order: written (hash, size) or failed (the error, worded for
 *   the user: a write error names the path and the reason); never throws for one format's failure
 */
export async function writeJob(renderer: JobRenderer, doc: ResolvedDocument, targets: readonly FileTarget[]): Promise<FileOutcome[]> {
  const out: FileOutcome[] = [];
  for (const target of targets) {
    let bytes: Uint8Array;
    try {
      bytes = await renderer.render(doc, target.format);
    } catch (error) {
      out.push({ ok: false, format: target.format, error: serializeError(error) });
      continue;
    }
    try {
      writeAtomicSync(target.path, target.temp, bytes);
    } catch (error) {
      out.push({ ok: false, format: target.format, error: serializeError(ioError('无法写入文件', target.path, error)) });
      continue;
    }
    out.push({ ok: true, format: target.format, sha256: sha256(bytes), bytes: bytes.byteLength });
  }
  return out;
}
