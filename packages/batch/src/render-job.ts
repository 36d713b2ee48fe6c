/**
 * Rendering one job: resolve the answers with the (once compiled) template, then DOCX and/or PDF,
 * each written atomically and hashed ({@link writeJob}). The same code runs in a worker
 * thread and, for `concurrency: 1`, in the calling thread.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { resolve } from '@qingdan/engine';
import { QingdanError, type Answers, type Template } from '@qingdan/model';
import { renderDocx } from '@qingdan/render-docx';
import { createPdfRenderer, type FontReport, type PdfRenderer } from '@qingdan/render-pdf';
import { writeFailedMessage } from './errors.js';
import { sha256 } from './hash.js';

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

/** Where one format of a job is written: its final path, and the temporary file in the same folder it is written to first (absolute paths). */
export interface FileTarget {
  format: Format;
  path: string;
  temp: string;
}

/** One format of a job, written under its final path. */
export interface WrittenFile {
  format: Format;
  /** SHA-256 of the file's bytes, lower-case hex. */
  sha256: string;
  /** Size of the file, in bytes. */
  bytes: number;
}

/**
 * Renders one job and writes each format's file: to its temporary name, then renamed to its final
 * path (a reader sees the old file or the whole new one), synchronously (a worker thread, once
 * terminated, writes nothing more), with the bytes' SHA-256. The bytes die in the thread that
 * made them: the calling thread of a batch receives only hashes and sizes, so its memory holds no
 * document. Temporary files left by a failed or stopped job are the caller's to remove (it knows
 * their names, and it is the one that knows when a stopped thread can write no more).
 *
 * @param targets - one per format to write, in the order to write them
 * @returns the written files, in the order of `targets`
 * @throws what {@link JobRenderer.render} throws; {@link QingdanError} `IO_FAILED` when a file
 *   cannot be written (message says to check the folder's write permission and free space)
 */
export async function writeJob(renderer: JobRenderer, templateId: string, answers: Answers, targets: readonly FileTarget[]): Promise<WrittenFile[]> {
  const rendered = await renderer.render(templateId, answers);
  const files = targets.map((target) => {
    const bytes = rendered[target.format];
    if (!bytes) throw new QingdanError('RENDER_FAILED', `渲染结果缺少 ${target.format}：渲染器未按要求生成该格式。`);
    return { ...target, bytes };
  });
  const written: WrittenFile[] = [];
  try {
    for (const { format, path, temp, bytes } of files) {
      writeFileSync(temp, bytes);
      renameSync(temp, path);
      written.push({ format, sha256: sha256(bytes), bytes: bytes.byteLength });
    }
  } catch (error) {
    throw new QingdanError('IO_FAILED', writeFailedMessage(error), { cause: error });
  }
  return written;
}
