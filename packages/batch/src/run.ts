/**
 * `runBatch`: the planner, the output folder and the pool tied together. Documents are planned
 * one at a time (resolved once, in this thread), skipped when unchanged, otherwise rendered by a
 * free executor, which writes the files; this thread lists them in the manifest.
 */
import { mkdir, rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, resolve as resolvePath } from 'node:path';
import { setImmediate } from 'node:timers/promises';
import { FORMATS, type FileOutcome, type FileTarget, type LintFinding, type Format, type Job, type ManifestOutput, type Template } from '@qingdan/model';
import type { FontReport } from '@qingdan/render-pdf';
import { canonicalJson, collisionKey, ioError, openOutputFolder, outPath, sha256, tempPathFor, type ManifestHead, type OutputFolder } from '@qingdan/store';
import { deserializeError, messageOf } from './errors.js';
import { planJobs, planOutline, type JobRef, type PlanItem, type PlanRoster } from './plan.js';
import { CancelledError, inProcessExecutor, WorkerDiedError, workerExecutor, type Executor } from './pool.js';
import type { RendererSetup } from './render.js';
import { rendererVersions } from './versions.js';

/** Options of {@link runBatch}. */
export interface RunBatchOptions {
  /** The units and leaders (a `@qingdan/roster` roster, or a one-unit roster made from answers). */
  roster: PlanRoster;
  /** The templates to produce, in order. */
  templates: readonly Template[];
  /** Every template the roster was read with, where proofreading finds the unit's province by role (default: `templates`). */
  roleTemplates?: readonly Template[];
  /** The output folder; created when missing. Documents go to `<outDir>/<year>/<unit>/<file name>.<format>`. */
  outDir: string;
  /** Formats to write, e.g. `['docx', 'pdf']`. */
  formats: readonly Format[];
  /**
   * Documents rendered at the same time, each in its own worker thread; default
   * `os.availableParallelism()`. With 1 (or a single document) the calling thread renders.
   */
  concurrency?: number;
  /** Font files or folders for the PDF (see `@qingdan/render-pdf`). */
  fonts?: string | string[] | undefined;
  /** SHA-256 of the roster or answers file, recorded in the manifest. */
  rosterHash?: string | undefined;
  /** Warnings about the input (roster values changed …), recorded in the manifest. */
  warnings?: readonly string[];
  /** Overwrite files edited by hand (default: keep them and write the new version beside them). */
  force?: boolean;
  /** Receives progress: `start` once, then `done` or `failed` for every document. */
  onEvent?: (event: BatchEvent) => void;
  /** Aborting stops the batch: nothing more is started; the documents in flight are finished and listed. */
  signal?: AbortSignal;
}

/** Documents so far: how many in all, written, skipped (unchanged) and failed. */
export interface BatchCounts {
  total: number;
  written: number;
  skipped: number;
  failed: number;
}

/** Progress of a batch; every event carries the counts after it. */
export type BatchEvent =
  | { type: 'start'; counts: BatchCounts }
  /** A document written (`skipped: false`) or left as it was because nothing changed (`skipped: true`); `files` are absolute paths. */
  | { type: 'done'; job: JobRef; files: string[]; skipped: boolean; counts: BatchCounts }
  /** A document not made, or made only in part (`files`: the formats that were written); `message` in Chinese says what and how to fix it. */
  | { type: 'failed'; job: JobRef; message: string; files: string[]; counts: BatchCounts };

/** What a batch did. */
export interface BatchSummary {
  counts: BatchCounts;
  /** Documents that failed, with the reason (Chinese), in the order they failed. */
  failed: { job: JobRef; message: string }[];
  /** Absolute paths of the files written, and of the files of the documents skipped. */
  files: { written: string[]; skipped: string[] };
  /** Proofreading findings per document (the documents are written all the same). */
  findings: { job: JobRef; findings: LintFinding[] }[];
  /** Chinese notices: a stale lock taken over, files edited by hand kept (and where the new version went) … */
  notices: string[];
  /** Absolute path of `manifest.json`. */
  manifestPath: string;
  /** Wall time of the whole run, in milliseconds. */
  durationMs: number;
  /** True when the run was stopped through `signal`. */
  cancelled: boolean;
  /** True when every document was written or skipped, and is listed in the manifest. */
  complete: boolean;
}

/**
 * Runs a batch.
 *
 * - Plans the documents (`planJobs`: resolved once, proofread, paths chosen, inputs hashed).
 * - Skips a document when the manifest lists it with the same input hash, the same paths and the
 *   same PDF fonts, and its files are intact (checked when the folder is opened).
 * - Renders the rest in `concurrency` executors (worker threads; the calling thread when 1). Each
 *   format is written on its own (temporary name, then renamed); one format's failure never costs
 *   the other's file.
 * - Keeps the manifest true at every moment (`@qingdan/store`'s journal): a batch killed at any
 *   point leaves a manifest that lists exactly the complete files, and a re-run completes the rest.
 * - A file edited by hand after it was written is kept; the document's new version is written
 *   beside it (`name (2)`) with a notice, unless `force`.
 *
 * @returns counts, failures, files, findings, notices; a cancelled run resolves too (`cancelled: true`)
 * @throws {RangeError} for formats other than docx/pdf or a concurrency below 1
 * @throws {QingdanError} `IO_FAILED` when the output folder cannot be created, locked or its
 *   manifest written; `FONT_NOT_FOUND` when PDF is asked for and a font role has no font.
 *   Problems of single documents do not throw: they are `failed` events and entries of `failed`.
 */
export async function runBatch(options: RunBatchOptions): Promise<BatchSummary> {
  const started = performance.now();
  const formats = FORMATS.filter((f) => options.formats.includes(f));
  if (formats.length === 0 || options.formats.some((f) => !FORMATS.includes(f))) {
    throw new RangeError(`输出格式只能是 docx 和/或 pdf，收到：${options.formats.join('、') || '（空）'}`);
  }
  const concurrency = options.concurrency ?? availableParallelism();
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`并发数应为不小于 1 的整数，收到：${concurrency}`);
  const folder = await openOutputFolder(resolvePath(options.outDir), { force: options.force === true });
  const run = new BatchRun(options, formats, concurrency, folder);
  let summary: Omit<BatchSummary, 'durationMs'>;
  try {
    summary = await run.execute();
  } catch (error) {
    await folder.abandon();
    throw error;
  }
  await folder.close(run.head());
  return { ...summary, durationMs: performance.now() - started };
}

/** Documents planned between two turns of the event loop (a document takes ≈ 1 ms to plan). */
const PLAN_YIELD_EVERY = 16;

/** SHA-256 of a font report (role → font file); `undefined` without one (no PDF). */
function fontsHashOf(report: FontReport | null | undefined): string | undefined {
  return report ? sha256(canonicalJson(report)) : undefined;
}

/** One run of {@link runBatch}: its counts, its executors, what it wrote. */
class BatchRun {
  private readonly counts: BatchCounts = { total: 0, written: 0, skipped: 0, failed: 0 };
  private readonly failed: BatchSummary['failed'] = [];
  private readonly files: BatchSummary['files'] = { written: [], skipped: [] };
  private readonly findings: BatchSummary['findings'] = [];
  private readonly notices: string[];
  private readonly setup: RendererSetup;
  private executors: Promise<Executor[]> | undefined;
  private readonly idle: Executor[] = [];
  private readonly waiting: ((ex: Executor) => void)[] = [];
  private readonly madeDirs = new Set<string>();
  /** Collision keys of the paths written in this run (a failed job's old files there are no longer its own). */
  private readonly writtenPaths = new Set<string>();
  private fonts: FontReport | null = null;
  private currentFontsHash: Promise<string | undefined> | undefined;
  private cancelled: boolean;
  /** Key → the paths its new version was written to, for documents with a file edited by hand. */
  private readonly besideEdited = new Map<string, string[]>();

  constructor(
    private readonly options: RunBatchOptions,
    private readonly formats: Format[],
    private readonly concurrency: number,
    private readonly folder: OutputFolder,
  ) {
    this.notices = [...folder.notices];
    this.setup = { formats, ...(options.fonts !== undefined ? { fonts: options.fonts } : {}) };
    this.cancelled = options.signal?.aborted ?? false;
  }

  private emit(event: BatchEvent): void {
    this.options.onEvent?.(event);
  }

  async execute(): Promise<Omit<BatchSummary, 'durationMs'>> {
    const { options, folder } = this;
    const refs = planOutline(options.roster, options.templates);
    this.counts.total = refs.length;
    this.emit({ type: 'start', counts: { ...this.counts } });
    // Workers take ≈ 0.4 s to start (libraries, fonts): start them now, while the first documents
    // are planned, when a document is almost surely to be rendered (one the folder does not list).
    if (refs.some((r) => !folder.previous.has(r.key))) void this.startExecutors(refs.length).catch(() => undefined);
    // A stop (Ctrl+C, SIGTERM) starts nothing more; the documents in flight (one per executor) are
    // finished and listed, so that the manifest names every complete file. A second Ctrl+C kills
    // the process (the CLI listens for one only).
    const onAbort = (): void => {
      this.cancelled = true;
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const inflight = new Set<Promise<void>>();
    try {
      const items = planJobs({
        roster: options.roster,
        templates: options.templates,
        formats: this.formats,
        renderers: rendererVersions(this.formats),
        previous: folder.previous,
        edited: folder.edited,
        ...(options.roleTemplates ? { roleTemplates: options.roleTemplates } : {}),
      });
      let n = 0;
      for (const item of items) {
        if (this.cancelled) break;
        if (++n % PLAN_YIELD_EVERY === 0) await setImmediate();
        const job = await this.take(item);
        if (!job) continue;
        const ex = await this.acquire(refs.length);
        if (this.cancelled) break;
        const p = this.render(ex, job).finally(() => {
          inflight.delete(p);
          this.release(ex);
        });
        inflight.add(p);
      }
      await Promise.all(inflight);
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
      await Promise.all(inflight);
      const all = await this.executors?.catch(() => []);
      await Promise.all((all ?? []).map((ex) => ex.close()));
    }
    for (const e of folder.newlyEdited) {
      const beside = this.besideEdited.get(e.key);
      this.notices.push(
        beside
          ? `「${e.path}」在生成后被修改过（可能是手工编辑），已保留不覆盖；新版本写入「${beside.join('」「')}」。如需覆盖，删除它或加 --force。`
          : `「${e.path}」在生成后被修改过（可能是手工编辑），已保留不覆盖；如需重新生成，删除它或加 --force。`,
      );
    }
    return {
      counts: { ...this.counts },
      failed: this.failed,
      files: this.files,
      findings: this.findings,
      notices: this.notices,
      manifestPath: folder.manifestPath,
      cancelled: this.cancelled,
      complete: !this.cancelled && this.counts.failed === 0 && this.counts.written + this.counts.skipped === this.counts.total,
    };
  }

  /** A planned item: failures are reported, unchanged documents skipped; returns the job to render, if any. */
  private async take(item: PlanItem): Promise<Job | undefined> {
    if (item.kind === 'failed') {
      this.fail(item.ref, item.message, []);
      return undefined;
    }
    const { job } = item;
    if (job.findings.length > 0) this.findings.push({ job: refOf(job), findings: job.findings });
    const prev = this.folder.previous.get(job.key);
    if (prev && (await this.unchanged(job, prev))) {
      const files = prev.files.map((f) => outPath(this.folder.outDir, f.path));
      this.counts.skipped += 1;
      this.files.skipped.push(...files);
      this.emit({ type: 'done', job: refOf(job), files, skipped: true, counts: { ...this.counts } });
      return undefined;
    }
    return job;
  }

  /** True when `prev` has the job's input hash, paths and (with PDF) fonts; its files were checked when the folder was opened. */
  private async unchanged(job: Job, prev: ManifestOutput): Promise<boolean> {
    if (prev.inputHash !== job.inputHash || prev.files.length !== job.files.length) return false;
    if (!job.files.every((f) => prev.files.some((g) => g.format === f.format && g.path === f.path))) return false;
    if (!this.formats.includes('pdf')) return true;
    this.currentFontsHash ??= import('@qingdan/render-pdf').then((m) => fontsHashOf(m.fontReport(this.options.fonts !== undefined ? { fonts: this.options.fonts } : {})));
    return prev.fontsHash === (await this.currentFontsHash);
  }

  /**
   * Starts the executors once: `min(concurrency, documents)` worker threads, or the calling
   * thread's renderer when that is 1. All started ones are kept for closing even when one failed.
   * @throws the set-up error of the first executor that failed (e.g. `FONT_NOT_FOUND`)
   */
  private startExecutors(documents: number): Promise<Executor[]> {
    this.executors ??= (async () => {
      const size = Math.max(1, Math.min(this.concurrency, documents));
      const made = await Promise.allSettled(Array.from({ length: size }, () => (size === 1 ? inProcessExecutor(this.setup) : workerExecutor(this.setup))));
      const ok = made.filter((m): m is PromiseFulfilledResult<Executor> => m.status === 'fulfilled').map((m) => m.value);
      const bad = made.find((m): m is PromiseRejectedResult => m.status === 'rejected');
      if (bad) {
        await Promise.all(ok.map((ex) => ex.close()));
        throw bad.reason;
      }
      this.fonts = ok[0]?.fonts ?? null;
      this.idle.push(...ok);
      return ok;
    })();
    return this.executors;
  }

  /** A free executor (starting them on first use), waiting for one to be released when all are busy. */
  private async acquire(documents: number): Promise<Executor> {
    await this.startExecutors(documents);
    const ex = this.idle.pop();
    if (ex) return ex;
    return new Promise<Executor>((resolveEx) => this.waiting.push(resolveEx));
  }

  private release(ex: Executor): void {
    const next = this.waiting.shift();
    if (next) next(ex);
    else this.idle.push(ex);
  }

  /** Renders one job with `ex` and lists what was written. */
  private async render(ex: Executor, job: Job): Promise<void> {
    const { folder } = this;
    const targets: FileTarget[] = job.files.map((f) => {
      const path = outPath(folder.outDir, f.path);
      return { format: f.format, path, temp: tempPathFor(path) };
    });
    const dir = dirname(targets[0]?.path ?? folder.outDir);
    if (!this.madeDirs.has(dir)) {
      try {
        await mkdir(dir, { recursive: true });
      } catch (error) {
        this.fail(refOf(job), ioError('无法创建文件夹', dir, error).message, []);
        return;
      }
      this.madeDirs.add(dir);
    }
    try {
      folder.writing(job.key, job.files.map((f) => f.path));
    } catch (error) {
      this.fail(refOf(job), messageOf(error), []);
      return;
    }
    for (const f of job.files) this.writtenPaths.add(collisionKey(f.path));
    let outcomes: FileOutcome[];
    try {
      outcomes = await this.runOnce(ex, job, targets);
    } catch (error) {
      await Promise.all(targets.map((t) => rm(t.temp, { force: true }).catch(() => undefined)));
      if (error instanceof CancelledError) return; // closed while in flight: its files are not listed
      this.fail(refOf(job), messageOf(error), []);
      return;
    }
    this.finish(job, outcomes, fontsHashOf(ex.fonts ?? this.fonts));
  }

  /** Runs the job; a worker that died (not a render error) is replaced and the job tried once more. */
  private async runOnce(ex: Executor, job: Job, targets: FileTarget[]): Promise<FileOutcome[]> {
    try {
      return await ex.run(job.doc, targets);
    } catch (error) {
      if (!(error instanceof WorkerDiedError) || this.cancelled) throw error;
      return await ex.run(job.doc, targets);
    }
  }

  /** Lists the files written, reports the formats that failed, notes where an edited file made the new version go. */
  private finish(job: Job, outcomes: FileOutcome[], fontsHash: string | undefined): void {
    const { folder } = this;
    const written = outcomes.flatMap((o, i) => (o.ok ? [{ format: o.format, path: (job.files[i] as Job['files'][number]).path, sha256: o.sha256, bytes: o.bytes }] : []));
    const failures = outcomes.flatMap((o) => (o.ok ? [] : [`${o.format.toUpperCase()}：${deserializeError(o.error).message}`]));
    const paths = written.map((f) => outPath(folder.outDir, f.path));
    try {
      if (written.length > 0) {
        folder.list({
          key: job.key,
          templateId: job.templateId,
          templateVersion: job.templateVersion,
          ...(job.doc.meta.year !== undefined ? { year: job.doc.meta.year } : {}),
          unit: job.unit,
          ...(job.leader !== undefined ? { leader: job.leader } : {}),
          row: job.row,
          inputHash: job.inputHash,
          ...(fontsHash !== undefined && written.some((f) => f.format === 'pdf') ? { fontsHash } : {}),
          files: written,
          findings: job.findings,
          writtenAt: new Date().toISOString(),
        });
      } else {
        // Nothing was replaced (each file is renamed into place only when complete): the previous
        // files, if any, are still this document's, unless another document of this run took their paths.
        const prev = folder.previous.get(job.key);
        const own = (p: ManifestOutput): boolean => p.files.every((f) => !this.writtenPaths.has(collisionKey(f.path)) || job.files.some((g) => g.path === f.path));
        if (prev && own(prev)) folder.relist(prev);
      }
    } catch (error) {
      failures.push(messageOf(error));
      paths.length = 0;
    }
    if (written.length > 0 && this.folder.newlyEdited.some((e) => e.key === job.key)) this.besideEdited.set(job.key, written.map((f) => f.path));
    if (failures.length > 0) {
      this.fail(refOf(job), failures.join('；'), paths);
      return;
    }
    this.counts.written += 1;
    this.files.written.push(...paths);
    this.emit({ type: 'done', job: refOf(job), files: paths, skipped: false, counts: { ...this.counts } });
  }

  private fail(job: JobRef, message: string, files: string[]): void {
    this.counts.failed += 1;
    this.failed.push({ job, message });
    this.files.written.push(...files);
    this.emit({ type: 'failed', job, message, files, counts: { ...this.counts } });
  }

  /** The manifest's head for this run: roster, templates of the listed documents, renderers, fonts. */
  head(): ManifestHead {
    const previous = this.folder.previousHead;
    const byId = new Map(this.options.templates.map((t) => [t.id, t]));
    const templates: ManifestHead['templates'] = {};
    for (const o of this.folder.listed().values()) {
      if (templates[o.templateId]) continue;
      const t = byId.get(o.templateId);
      if (t && t.version === o.templateVersion) templates[t.id] = { name: t.name, version: t.version, hash: sha256(canonicalJson(t)) };
      else if (previous?.templates[o.templateId]) templates[o.templateId] = previous.templates[o.templateId] as ManifestHead['templates'][string];
    }
    return {
      roster: this.options.rosterHash ? { hash: this.options.rosterHash } : null,
      templates,
      renderers: rendererVersions(this.formats),
      fonts: (this.fonts as ManifestHead['fonts']) ?? previous?.fonts ?? null,
      warnings: [...(this.options.warnings ?? [])],
    };
  }
}

function refOf(job: Job): JobRef {
  return { key: job.key, templateId: job.templateId, unit: job.unit, ...(job.leader !== undefined ? { leader: job.leader } : {}), row: job.row };
}
