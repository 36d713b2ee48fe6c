/**
 * `runBatch`: resolve every job, skip the unchanged ones, render the rest in a pool of worker
 * threads, write each file atomically, keep `manifest.json` true at every moment.
 */
import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { resolve as resolvePath } from 'node:path';
import type { LintMessage } from '@qingdan/lint';
import { QingdanError, type Template } from '@qingdan/model';
import { lockOutDir, readManifest, removeStaleTemps, type Manifest } from './manifest.js';
import { ManifestWriter } from './manifest-writer.js';
import type { BatchJob } from './plan.js';
import type { Format } from './render-job.js';
import { messageOf } from './errors.js';
import { Progress } from './run-common.js';
import { keepOtherOutputs, planOutputs } from './run-plan.js';
import { closeStarted, renderAll, rendererSetup, startExecutors, type RenderOutcome, type StartedExecutors } from './run-render.js';
import { findUnchanged, keepFailedOutputs, reportSkipped } from './run-skip.js';
import type { safeFileName } from './safe-name.js'; // for {@link safeFileName}
import { rendererVersions } from './versions.js';

/** Options of {@link runBatch}. */
export interface RunBatchOptions {
  /** The jobs, usually from `planBatch`. */
  jobs: BatchJob[];
  /** Template id → template (every `job.templateId` should be here; a missing one fails its jobs). */
  templates: ReadonlyMap<string, Template>;
  /** The templates folder the templates were loaded from (informational; templates are taken from `templates`). */
  templatesDir?: string;
  /** The output folder; created when missing. Outputs go to `<outDir>/<year>/<unit>/<file name>.<format>`. */
  outDir: string;
  /** Formats to write, e.g. `['docx', 'pdf']`. */
  formats: Format[];
  /**
   * Documents rendered at the same time, each in its own worker thread; default
   * `os.availableParallelism()`. With 1 (or a single document to render) rendering happens in the
   * calling thread, without the start-up cost of a worker.
   */
  concurrency?: number;
  /** Font files or folders for the PDF (see `@qingdan/render-pdf` `createPdfRenderer`). */
  fonts?: string | string[];
  /** SHA-256 of the roster file, recorded in the manifest. */
  rosterHash?: string;
  /** Receives progress: `start` once, then `done` or `failed` for every job. */
  onEvent?: (event: BatchEvent) => void;
  /** Aborting stops the batch: nothing more is started, documents in flight are dropped, files written so far stay complete and listed in the manifest. */
  signal?: AbortSignal;
}

/** Progress of a batch. */
export type BatchEvent =
  | { type: 'start'; total: number }
  /** A document written (`skipped: false`) or left as it was because its inputs did not change (`skipped: true`); `files` are absolute paths. */
  | { type: 'done'; job: BatchJob; files: string[]; skipped: boolean }
  /** A document that could not be made; `message` in Chinese says what and how to fix it (the job names unit, leader and row). */
  | { type: 'failed'; job: BatchJob; message: string }
  /** Proofreading findings on a document (leftover XX, doubled punctuation …, see `@qingdan/lint`); the document is still written. */
  | { type: 'lint'; job: BatchJob; messages: LintMessage[] };

/** What a batch did. */
export interface BatchSummary {
  /** Documents written in this run. */
  written: number;
  /** Documents skipped because their inputs and files were unchanged. */
  skipped: number;
  /** Documents that failed, with the reason (Chinese). */
  failed: { job: BatchJob; message: string }[];
  /** Absolute paths of every file of the documents skipped (first, in job order) and written (in the order they were finished). */
  files: string[];
  /** Wall time of the whole run, in milliseconds. */
  durationMs: number;
  /** Absolute path of `manifest.json`. */
  manifestPath: string;
  /** True when the run was stopped through `signal`. */
  cancelled: boolean;
}

const FORMATS: readonly Format[] = ['docx', 'pdf'];

/**
 * Runs a batch: every job is resolved (answers checked, file name made), skipped when its inputs
 * and files are unchanged since the last run, otherwise rendered to DOCX and/or PDF.
 *
 * - Outputs: `<outDir>/<year>/<unit>/<safeFileName(doc.fileName)>.docx|.pdf` (year and unit from
 *   the variables with role `year` and `unit`; names made safe by {@link safeFileName}); when two
 *   documents would get the same name (compared without case, as Windows and macOS do) the later
 *   ones in job order are numbered `name (2)`, `name (3)`. Paths the manifest gives to documents not
 *   in this run are left to them.
 * - Every file is written to a temporary name (`.qingdan-*.tmp`) in its folder and renamed; stale
 *   temporary files of a killed run are deleted at the start. The folder is locked
 *   (`.qingdan-batch.lock`) while the batch runs; a lock left by a killed batch is taken over.
 * - `manifest.json` (see {@link Manifest}) is rewritten atomically while documents are written
 *   (at most every 300 ms, less often as it grows: 4 ms a listed document, at most every 5 s) and
 *   once at the end; it lists a document only once its files are complete, and drops a document
 *   before its files are overwritten. A batch killed at any point
 *   leaves a manifest that is true about every file it lists, and a re-run completes the rest.
 * - A document is skipped (event `done` with `skipped: true`) when the manifest has it with the
 *   same input hash (template id, version and content; answers; formats; versions of the engine,
 *   renderers and their libraries), the same PDF fonts (role → file) and the same paths, and each
 *   file still has the listed size and SHA-256.
 * - Rendering runs in `concurrency` worker threads (each compiles the templates and parses the
 *   fonts once); each worker writes a document's files itself and sends back only their hashes
 *   and sizes, which the main thread lists, so no document's bytes reach the main thread and
 *   memory does not grow with the number of jobs. When a job is not in the previous manifest, the
 *   workers are started before planning, so that their start-up (libraries, fonts) overlaps it;
 *   they are closed if nothing is left to render.
 *
 * @returns counts, failures, files and the manifest's path; a cancelled run resolves too (`cancelled: true`)
 * @throws {QingdanError} `IO_FAILED` when the output folder or the manifest cannot be written, or
 *   another running batch is writing into the same folder;
 *   `FONT_NOT_FOUND` when PDF is asked for and a font role has no font. Problems of single
 *   documents (answers, missing glyphs) do not throw: they are `failed` events and entries of `failed`.
 */
export async function runBatch(options: RunBatchOptions): Promise<BatchSummary> {
  const started = performance.now();
  const formats = FORMATS.filter((f) => options.formats.includes(f));
  if (formats.length === 0 || options.formats.some((f) => !FORMATS.includes(f))) {
    throw new RangeError(`输出格式只能是 docx 和/或 pdf，收到：${options.formats.join('、') || '（空）'}`);
  }
  const concurrency = options.concurrency ?? availableParallelism();
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`并发数应为不小于 1 的整数，收到：${concurrency}`);

  const outDir = resolvePath(options.outDir);
  try {
    await mkdir(outDir, { recursive: true });
  } catch (error) {
    throw new QingdanError('IO_FAILED', `无法创建输出文件夹 ${outDir}：${messageOf(error)}。请换一个有写权限的文件夹（--out）。`, { cause: error });
  }
  const unlock = await lockOutDir(outDir);
  try {
    return await runLocked(options, formats, concurrency, outDir, started);
  } finally {
    await unlock();
  }
}

/**
 * The batch, once the output folder is locked: read the previous manifest, plan (phase 1), skip
 * the unchanged documents (phase 2), write the manifest, render the rest (phase 3), write the
 * manifest again. Data flows one way, from each phase's result to the next phase.
 */
async function runLocked(options: RunBatchOptions, formats: Format[], concurrency: number, outDir: string, started: number): Promise<BatchSummary> {
  await removeStaleTemps(outDir);
  const old = await readManifest(outDir);
  const previous = new Map((old?.outputs ?? []).map((o) => [o.key, o]));
  const renderers = rendererVersions(formats);
  const progress = new Progress(options.onEvent);
  progress.emit({ type: 'start', total: options.jobs.length });

  // Workers start now, while the main thread plans (≈ 0.4 s of start-up overlapped), when there is
  // almost surely something to render: a job the previous manifest does not list. A re-run whose jobs are
  // all listed (most often all unchanged) starts them only once the skip phase has found work.
  const early =
    concurrency > 1 && options.jobs.length > 1 && options.jobs.some((j) => !previous.has(j.key))
      ? startExecutors(
          rendererSetup(options.jobs.flatMap((j) => options.templates.get(j.templateId) ?? []), formats, options.fonts),
          Math.min(concurrency, options.jobs.length),
        )
      : undefined;
  try {
    return await planAndRender(options, formats, concurrency, outDir, started, { old, previous, renderers, progress, early });
  } finally {
    // Closing is idempotent: executors the render phase used (and closed) are closed again for
    // nothing; ones it never took (nothing to render, an error while planning) are closed here.
    if (early) await closeStarted(early);
  }
}

/** What {@link runLocked} hands to {@link planAndRender}. */
interface RunContext {
  old: Manifest | undefined;
  previous: Map<string, Manifest['outputs'][number]>;
  renderers: Record<string, string>;
  progress: Progress;
  /** Executors started before planning, if any (the render phase takes them; {@link runLocked} closes them at the end). */
  early: StartedExecutors | undefined;
}

/** Phases 1–3 of the batch (see {@link runLocked}). */
async function planAndRender(options: RunBatchOptions, formats: Format[], concurrency: number, outDir: string, started: number, run: RunContext): Promise<BatchSummary> {
  const { old, previous, renderers, progress } = run;
  const kept = await keepOtherOutputs(outDir, old, options.jobs);
  const { planned, claimed, templateHashes } = await planOutputs(
    { jobs: options.jobs, templates: options.templates, templatesDir: options.templatesDir, formats, renderers, claimed: kept.claimed },
    progress,
  );
  const unchanged = await findUnchanged({ planned, previous, outDir, wantPdf: formats.includes('pdf'), fonts: options.fonts });
  const skip = reportSkipped(planned, unchanged, progress);
  const entries = kept.entries; // the manifest's entries: what is true on disk right now
  for (const [key, { entry }] of unchanged.documents) entries.set(key, entry);
  for (const o of await keepFailedOutputs(progress.failed, previous, claimed, entries, outDir)) entries.set(o.key, o);

  // Written now so that documents about to be overwritten are no longer listed.
  const manifest = new ManifestWriter({
    outDir,
    entries,
    old,
    templates: options.templates,
    templateHashes,
    rosterHash: options.rosterHash,
    renderers,
    fonts: unchanged.fonts,
  });
  await manifest.flush();
  manifest.throwIfFailed();

  let rendered: RenderOutcome;
  try {
    rendered = await renderAll({
      started: run.early,
      toRender: skip.toRender,
      formats,
      concurrency,
      fonts: options.fonts,
      signal: options.signal,
      outDir,
      progress,
      manifest,
    });
  } finally {
    await manifest.flush();
  }
  manifest.throwIfFailed();
  return {
    written: rendered.written,
    skipped: skip.skipped,
    failed: progress.failed,
    files: [...skip.files, ...rendered.files],
    durationMs: performance.now() - started,
    manifestPath: manifest.path,
    cancelled: rendered.cancelled,
  };
}
