/**
 * Phase 3 of `runBatch`: render the documents in a pool of executors, each writing a document's
 * files (atomically); the calling thread lists them in the manifest. Internal to `@qingdan/batch`.
 */
import { mkdir, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { tempPathFor, type ManifestFile } from './manifest.js';
import type { ManifestWriter } from './manifest-writer.js';
import { CancelledError, inProcessExecutor, WorkerDiedError, workerExecutor, type Executor } from './pool.js';
import type { Template } from '@qingdan/model';
import type { FileTarget, Format, RendererSetup, WrittenFile } from './render-job.js';
import { messageOf, writeFailedMessage } from './errors.js';
import { fontsHashOf, outPath, type Planned, type Progress } from './run-common.js';

/** What {@link renderAll} works from. */
export interface RenderInput {
  /** The documents to render, in job order. */
  toRender: readonly Planned[];
  formats: Format[];
  /** Executors at most (worker threads; with 1, or one document, the calling thread renders). */
  concurrency: number;
  /** The `fonts` option of the run (font files or folders for the PDF). */
  fonts?: string | string[] | undefined;
  /**
   * Aborting stops the phase: nothing more is started, documents in flight in worker threads are
   * dropped (the calling thread's renderer finishes and lists the one it is writing).
   */
  signal?: AbortSignal | undefined;
  outDir: string;
  progress: Progress;
  /** Receives an entry for each document written, and the fonts of the executors. */
  manifest: ManifestWriter;
  /**
   * Executors started ahead of this phase ({@link startExecutors}, while the jobs were planned):
   * the first ones are used and closed when the phase ends, any beyond the number needed are
   * closed at once; the caller closes them all again when nothing was rendered (closing is
   * idempotent). Without it the executors are started here.
   */
  started?: StartedExecutors | undefined;
}

/** Executors being started by {@link startExecutors}. */
export interface StartedExecutors {
  /** How many are being started. */
  readonly size: number;
  /** Each start's outcome, in order. */
  readonly settled: Promise<PromiseSettledResult<Executor>[]>;
}

/**
 * The renderer set-up for `templates` (each template once, by id, in order of first appearance),
 * output formats and fonts. Callers pass the templates their jobs use; a job whose template is
 * missing has none to pass (it fails when planned).
 */
export function rendererSetup(templates: Iterable<Template>, formats: Format[], fonts: string | string[] | undefined): RendererSetup {
  return { templates: [...new Map([...templates].map((t) => [t.id, t])).values()], formats, fonts };
}

/**
 * Starts `size` executors: worker threads when `size` > 1, the calling thread's renderer when 1.
 * Returns at once; the workers load their libraries and fonts meanwhile (≈ 0.4 s), so a caller
 * that starts them before planning overlaps the two.
 */
export function startExecutors(setup: RendererSetup, size: number): StartedExecutors {
  const settled = Promise.allSettled(Array.from({ length: size }, () => (size === 1 ? inProcessExecutor(setup) : workerExecutor(setup))));
  return { size, settled };
}

/** Closes every executor of a start that succeeded (errors of failed starts are dropped). */
export async function closeStarted(started: StartedExecutors): Promise<void> {
  const all = await started.settled;
  await Promise.all(all.map((m) => (m.status === 'fulfilled' ? m.value.close() : undefined)));
}

/** What {@link renderAll} did. */
export interface RenderOutcome {
  written: number;
  /** Absolute paths of the files written, in the order the documents were finished. */
  files: string[];
  /** True when the signal was aborted before or during the phase. */
  cancelled: boolean;
}

/**
 * Renders `toRender` in `min(concurrency, toRender.length)` executors, each taking the next
 * document in job order. Every executor has one lane and one document at a time (memory stays
 * bounded): it renders the document and writes its files, each atomically (`writeJob`); this
 * thread then lists them in the manifest (`done` event, throttled manifest write). A job whose
 * worker died is tried once more; a render or write error is a `failed` event. Aborting `signal`
 * closes the executors and drops the documents in flight (their temporary files are removed).
 * The executors are closed before this resolves or rejects; the manifest is
 * not flushed here.
 * @throws what an executor's set-up throws (e.g. `QingdanError` `FONT_NOT_FOUND`)
 */
export function renderAll(input: RenderInput): Promise<RenderOutcome> {
  return new RenderRun(input).run();
}

/** One run of {@link renderAll}: the executors, the shared job cursor and what was written. */
class RenderRun {
  private cancelled: boolean;
  private next = 0;
  private written = 0;
  private readonly files: string[] = [];
  private readonly executors: Executor[] = [];
  private readonly madeDirs = new Set<string>();
  private readonly onAbort = (): void => {
    this.cancelled = true;
    for (const ex of this.executors) void ex.close();
  };

  constructor(private readonly input: RenderInput) {
    this.cancelled = input.signal?.aborted ?? false;
  }

  async run(): Promise<RenderOutcome> {
    const { signal, concurrency, toRender } = this.input;
    signal?.addEventListener('abort', this.onAbort, { once: true });
    try {
      const size = Math.min(concurrency, toRender.length);
      if (size > 0 && !this.cancelled) {
        await this.startExecutors(size);
        this.input.manifest.learnFonts(this.executors[0]?.fonts ?? null);
        await Promise.all(this.executors.map((ex) => this.lane(ex)));
      }
    } finally {
      signal?.removeEventListener('abort', this.onAbort);
      await Promise.all(this.executors.map((ex) => ex.close()));
    }
    return { written: this.written, files: this.files, cancelled: this.cancelled };
  }

  /**
   * Takes up to `size` executors, started ahead (the first `size`; the rest are closed) or started now;
   * all that started are kept for closing even when one failed. Closes them at once when aborted
   * meanwhile.
   * @throws the set-up error of the first executor that failed to start
   */
  private async startExecutors(size: number): Promise<void> {
    const { toRender, formats, fonts, started } = this.input;
    const made = await (started ?? startExecutors(rendererSetup(toRender.map((p) => p.template), formats, fonts), size)).settled;
    made.forEach((m, i) => {
      if (m.status !== 'fulfilled') return;
      if (i < size) this.executors.push(m.value);
      else void m.value.close();
    });
    const bad = made.slice(0, size).find((m): m is PromiseRejectedResult => m.status === 'rejected');
    if (bad) throw bad.reason;
    if (this.cancelled) this.onAbort();
  }

  /**
   * Renders documents with one executor until none are left or the run is cancelled. The executor
   * writes each document's files; this thread lists them in the manifest.
   */
  private async lane(ex: Executor): Promise<void> {
    const { toRender, progress } = this.input;
    const fontsHash = fontsHashOf(ex.fonts);
    while (!this.cancelled && this.next < toRender.length) {
      const p = toRender[this.next++] as Planned;
      let targets: FileTarget[];
      try {
        targets = await this.targetsOf(p);
      } catch (error) {
        progress.fail(p.job, writeFailedMessage(error));
        continue;
      }
      let written: WrittenFile[];
      try {
        written = await this.render(ex, p, targets);
      } catch (error) {
        await removeTemps(targets);
        if (error instanceof CancelledError || this.isCancelled()) break;
        progress.fail(p.job, messageOf(error));
        continue;
      }
      this.list(p, targets, written, fontsHash);
    }
  }

  /** Where each format of `p` is written: its final path and a temporary name next to it (the folder made once per run). */
  private async targetsOf(p: Planned): Promise<FileTarget[]> {
    const targets = p.files.map((f) => {
      const path = outPath(this.input.outDir, f.path);
      return { format: f.format, path, temp: tempPathFor(path) };
    });
    const dir = dirname(targets[0]?.path ?? this.input.outDir);
    if (!this.madeDirs.has(dir)) {
      await mkdir(dir, { recursive: true });
      this.madeDirs.add(dir);
    }
    return targets;
  }

  /**
   * Renders and writes one document; a worker that died (not a render error) is replaced and the
   * job gets one more try (its files are written again from the start).
   */
  private async render(ex: Executor, p: Planned, targets: FileTarget[]): Promise<WrittenFile[]> {
    let written: WrittenFile[];
    try {
      written = await ex.run(p.template.id, p.job.answers, targets);
    } catch (error) {
      if (!(error instanceof WorkerDiedError) || this.isCancelled()) throw error;
      written = await ex.run(p.template.id, p.job.answers, targets);
    }
    if (written.length !== targets.length || written.some((w, i) => w.format !== targets[i]?.format)) {
      throw new Error(`内部错误：写出的文件（${written.map((w) => w.format).join('、')}）与计划（${targets.map((t) => t.format).join('、')}）不符`);
    }
    return written;
  }

  /** Lists a written document in the manifest, sends its `done` event and schedules a manifest write. */
  private list(p: Planned, targets: readonly FileTarget[], written: readonly WrittenFile[], fontsHash: string | undefined): void {
    // `written` follows `p.files` (checked in `render`).
    const files: ManifestFile[] = written.map((w, i) => ({ format: w.format, path: (p.files[i] as Planned['files'][number]).path, sha256: w.sha256, bytes: w.bytes }));
    this.input.manifest.put({
      key: p.job.key,
      templateId: p.template.id,
      templateVersion: p.template.version,
      unit: p.job.unit,
      ...(p.job.leader !== undefined ? { leader: p.job.leader } : {}),
      row: p.job.row,
      inputHash: p.inputHash,
      ...(fontsHash !== undefined ? { fontsHash } : {}),
      files,
      writtenAt: new Date().toISOString(),
    });
    this.written += 1;
    const paths = targets.map((t) => t.path);
    this.files.push(...paths);
    this.input.progress.emit({ type: 'done', job: p.job, files: paths, skipped: false });
    this.input.manifest.schedule();
  }

  /** Whether the run is cancelled now (read afresh after an await; an abort can arrive at any time). */
  private isCancelled(): boolean {
    return this.cancelled;
  }
}

/** Removes temporary files (already renamed or never written ones are no error). */
async function removeTemps(files: readonly { temp: string }[]): Promise<void> {
  await Promise.all(files.map((f) => rm(f.temp, { force: true }).catch(() => undefined)));
}
