/**
 * `runBatch`: resolve every job, skip the unchanged ones, render the rest in a pool of worker
 * threads, write each file atomically, keep `manifest.json` true at every moment.
 */
import { lintDocument, type LintMessage } from '@qingdan/lint';
import { mkdir, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, resolve as resolvePath } from 'node:path';
import { resolve } from '@qingdan/engine';
import { QingdanError, type Template } from '@qingdan/model';
import type { FontReport } from '@qingdan/render-pdf';
import { canonicalJson, sha256, sha256File } from './hash.js';
import {
  MANIFEST_FILE,
  MANIFEST_SCHEMA,
  lockOutDir,
  readManifest,
  removeStaleTemps,
  writeAtomic,
  writeManifest,
  type Manifest,
  type ManifestFile,
  type ManifestOutput,
} from './manifest.js';
import type { BatchJob } from './plan.js';
import { CancelledError, inProcessExecutor, WorkerDiedError, workerExecutor, type Executor } from './pool.js';
import type { Format, RenderedJob, RendererSetup } from './render-job.js';
import { collisionKey, numberedName, safeFileName } from './safe-name.js';
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

interface Planned {
  job: BatchJob;
  template: Template;
  inputHash: string;
  /** Relative paths with `/`, one per format. */
  files: { format: Format; path: string }[];
}

const FORMATS: readonly Format[] = ['docx', 'pdf'];
/** Smallest interval between two manifest writes while documents are being written (ms). */
const MANIFEST_INTERVAL_MS = 300;
/** Files hashed at the same time when checking skipped documents. */
const VERIFY_PARALLEL = 8;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function fileMatches(absolute: string, f: ManifestFile): Promise<boolean> {
  try {
    const s = await stat(absolute);
    if (!s.isFile() || s.size !== f.bytes) return false;
    return (await sha256File(absolute)) === f.sha256;
  } catch {
    return false;
  }
}

async function filesPresent(outDir: string, o: ManifestOutput): Promise<boolean> {
  for (const f of o.files) {
    try {
      const s = await stat(join(outDir, f.path));
      if (!s.isFile() || s.size !== f.bytes) return false;
    } catch {
      return false;
    }
  }
  return true;
}

async function inBatches<T>(items: readonly T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

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
 * - `manifest.json` (see {@link Manifest}) is rewritten atomically, at most every 300 ms while
 *   documents are written and once at the end; it lists a document only once its files are
 *   complete, and drops a document before its files are overwritten. A batch killed at any point
 *   leaves a manifest that is true about every file it lists, and a re-run completes the rest.
 * - A document is skipped (event `done` with `skipped: true`) when the manifest has it with the
 *   same input hash (template id, version and content; answers; formats; versions of the engine,
 *   renderers and their libraries), the same PDF fonts (role → file) and the same paths, and each
 *   file still has the listed size and SHA-256.
 * - Rendering runs in `concurrency` worker threads (each compiles the templates and parses the
 *   fonts once); the main thread writes the files as results arrive, so memory does not grow with
 *   the number of jobs.
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

async function runLocked(options: RunBatchOptions, formats: Format[], concurrency: number, outDir: string, started: number): Promise<BatchSummary> {
  const manifestPath = join(outDir, MANIFEST_FILE);
  const abs = (rel: string): string => join(outDir, ...rel.split('/'));
  await removeStaleTemps(outDir);
  const old = await readManifest(outDir);
  const wantPdf = formats.includes('pdf');
  /** The PDF fonts of this run: known once a renderer is set up, or earlier when the skip check needs them. */
  let fonts: FontReport | null = null;
  const fontsHashOf = (report: FontReport | null): string | undefined => (report ? sha256(canonicalJson(report)) : undefined);
  const renderers = rendererVersions(formats);

  const emit = (e: BatchEvent): void => options.onEvent?.(e);
  const failed: BatchSummary['failed'] = [];
  const fail = (job: BatchJob, message: string): void => {
    failed.push({ job, message });
    emit({ type: 'failed', job, message });
  };
  emit({ type: 'start', total: options.jobs.length });

  // The manifest's entries: what is true on disk right now.
  const entries = new Map<string, ManifestOutput>();
  const claimed = new Map<string, string>(); // collision key of a path → job key that owns it
  const jobKeys = new Set(options.jobs.map((j) => j.key));
  const oldByKey = new Map((old?.outputs ?? []).map((o) => [o.key, o]));
  for (const o of old?.outputs ?? []) {
    if (jobKeys.has(o.key) || !(await filesPresent(outDir, o))) continue;
    entries.set(o.key, o);
    for (const f of o.files) claimed.set(collisionKey(f.path), o.key);
  }

  // 1. Resolve every job (in the main thread, in job order, so collision numbers are stable).
  const templateHashes = new Map<string, string>();
  const planned: Planned[] = [];
  for (const job of options.jobs) {
    const template = options.templates.get(job.templateId);
    if (!template) {
      fail(job, `没有 id 为 ${job.templateId} 的模板。请检查模板文件夹${options.templatesDir ? `（${options.templatesDir}）` : ''}。`);
      continue;
    }
    let doc;
    try {
      doc = resolve(template, job.answers, { allowUnknown: true });
    } catch (error) {
      fail(job, messageOf(error));
      continue;
    }
    const findings = lintDocument(doc);
    if (findings.length > 0) emit({ type: 'lint', job, messages: findings });
    const dir = `${safeFileName(doc.meta.year !== undefined ? String(doc.meta.year) : '未注明年度')}/${safeFileName(doc.meta.unit ?? job.unit)}`;
    const base = safeFileName(doc.fileName);
    let name = base;
    const taken = (n: string): boolean => formats.some((f) => claimed.has(collisionKey(`${dir}/${n}.${f}`)));
    for (let n = 2; taken(name); n++) name = numberedName(base, n);
    for (const f of formats) claimed.set(collisionKey(`${dir}/${name}.${f}`), job.key);
    let templateHash = templateHashes.get(template.id);
    if (!templateHash) {
      templateHash = sha256(canonicalJson(template));
      templateHashes.set(template.id, templateHash);
    }
    const inputHash = sha256(
      canonicalJson({ templateId: template.id, templateVersion: template.version, templateHash, answers: job.answers, formats, renderers }),
    );
    planned.push({ job, template, inputHash, files: formats.map((format) => ({ format, path: `${dir}/${name}.${format}` })) });
  }

  // 2. Skip documents whose inputs, fonts, paths and files are unchanged.
  const toRender: Planned[] = [];
  const skippedFiles = new Map<string, string[]>();
  const candidates = planned.filter((p) => {
    const o = oldByKey.get(p.job.key);
    return (
      o !== undefined &&
      o.inputHash === p.inputHash &&
      o.files.length === p.files.length &&
      p.files.every((f) => o.files.some((g) => g.format === f.format && g.path === f.path))
    );
  });
  if (wantPdf && candidates.length > 0) {
    // Only a re-run needs the fonts before rendering; a first run learns them from its renderers,
    // so the main thread does not parse the fonts a worker parses anyway.
    const { fontReport } = await import('@qingdan/render-pdf');
    fonts = fontReport(options.fonts !== undefined ? { fonts: options.fonts } : {});
  }
  const currentFontsHash = fontsHashOf(fonts);
  await inBatches(candidates, VERIFY_PARALLEL, async (p) => {
    const o = oldByKey.get(p.job.key) as ManifestOutput;
    if (o.fontsHash !== currentFontsHash) return;
    if ((await Promise.all(o.files.map((f) => fileMatches(abs(f.path), f)))).every(Boolean)) {
      entries.set(p.job.key, { ...o, row: p.job.row });
      skippedFiles.set(p.job.key, p.files.map((f) => abs(f.path)));
    }
  });
  let skipped = 0;
  const files: string[] = [];
  for (const p of planned) {
    const s = skippedFiles.get(p.job.key);
    if (s) {
      skipped += 1;
      files.push(...s);
      emit({ type: 'done', job: p.job, files: s, skipped: true });
    } else toRender.push(p);
  }
  // A failed job keeps its previous files in the manifest unless another job now owns their paths.
  for (const { job } of failed) {
    const o = oldByKey.get(job.key);
    if (!o || entries.has(job.key) || !(await filesPresent(outDir, o))) continue;
    if (o.files.some((f) => (claimed.get(collisionKey(f.path)) ?? job.key) !== job.key)) continue;
    entries.set(job.key, o);
  }

  // The manifest as it stands; written now so that documents about to be overwritten are no longer listed.
  const templatesInfo = (): Manifest['templates'] => {
    const out: Manifest['templates'] = {};
    for (const o of entries.values()) {
      const t = options.templates.get(o.templateId);
      const hash = templateHashes.get(o.templateId);
      if (t && hash && t.version === o.templateVersion) out[o.templateId] = { name: t.name, version: t.version, hash };
      else if (old?.templates[o.templateId]) out[o.templateId] = old.templates[o.templateId] as Manifest['templates'][string];
    }
    return out;
  };
  const manifest = (): Manifest => ({
    schema: MANIFEST_SCHEMA,
    updatedAt: new Date().toISOString(),
    roster: options.rosterHash ? { hash: options.rosterHash } : null,
    templates: templatesInfo(),
    renderers,
    fonts: fonts ?? old?.fonts ?? null,
    outputs: [...entries.values()],
  });
  let manifestChain: Promise<void> = Promise.resolve();
  let manifestError: unknown;
  let lastManifest = 0;
  let timer: NodeJS.Timeout | undefined;
  const flushManifest = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    manifestChain = manifestChain.then(async () => {
      lastManifest = performance.now();
      try {
        await writeManifest(outDir, manifest());
      } catch (error) {
        manifestError ??= error;
      }
    });
    return manifestChain;
  };
  const scheduleManifest = (): void => {
    if (timer) return;
    const wait = Math.max(0, lastManifest + MANIFEST_INTERVAL_MS - performance.now());
    timer = setTimeout(() => void flushManifest(), wait);
  };
  await flushManifest();
  if (manifestError) {
    throw new QingdanError('IO_FAILED', `无法写入 ${manifestPath}：${messageOf(manifestError)}。请检查输出文件夹的写权限和剩余空间。`, { cause: manifestError });
  }

  // 3. Render the rest in the pool; the main thread writes the files and the manifest.
  let written = 0;
  let cancelled = options.signal?.aborted ?? false;
  const madeDirs = new Set<string>();
  const writeOutputs = async (p: Planned, r: RenderedJob, fontsHash: string | undefined): Promise<void> => {
    const dir = p.files[0]?.path.split('/').slice(0, -1).join('/') ?? '';
    if (!madeDirs.has(dir)) {
      await mkdir(abs(dir), { recursive: true });
      madeDirs.add(dir);
    }
    const out: ManifestFile[] = [];
    for (const f of p.files) {
      const bytes = r[f.format];
      if (!bytes) throw new Error(`渲染结果缺少 ${f.format}`);
      await writeAtomic(abs(f.path), bytes);
      out.push({ format: f.format, path: f.path, sha256: sha256(bytes), bytes: bytes.byteLength });
    }
    const entry: ManifestOutput = {
      key: p.job.key,
      templateId: p.template.id,
      templateVersion: p.template.version,
      unit: p.job.unit,
      ...(p.job.leader !== undefined ? { leader: p.job.leader } : {}),
      row: p.job.row,
      inputHash: p.inputHash,
      ...(fontsHash !== undefined ? { fontsHash } : {}),
      files: out,
      writtenAt: new Date().toISOString(),
    };
    entries.set(p.job.key, entry);
    written += 1;
    const paths = out.map((f) => abs(f.path));
    files.push(...paths);
    emit({ type: 'done', job: p.job, files: paths, skipped: false });
    scheduleManifest();
  };

  const executors: Executor[] = [];
  const onAbort = (): void => {
    cancelled = true;
    for (const ex of executors) void ex.close();
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const size = Math.min(concurrency, toRender.length);
    if (size > 0 && !cancelled) {
      const setup: RendererSetup = {
        templates: [...new Map(toRender.map((p) => [p.template.id, p.template])).values()],
        formats,
        fonts: options.fonts,
      };
      const made = await Promise.allSettled(Array.from({ length: size }, () => (size === 1 ? inProcessExecutor(setup) : workerExecutor(setup))));
      for (const m of made) if (m.status === 'fulfilled') executors.push(m.value);
      const bad = made.find((m): m is PromiseRejectedResult => m.status === 'rejected');
      if (bad) throw bad.reason;
      if (cancelled) onAbort();
      fonts ??= executors[0]?.fonts ?? null;
      let next = 0;
      const lane = async (ex: Executor): Promise<void> => {
        const fontsHash = fontsHashOf(ex.fonts);
        let writing: Promise<void> = Promise.resolve();
        while (!cancelled && next < toRender.length) {
          const p = toRender[next++] as Planned;
          let r: RenderedJob;
          try {
            try {
              r = await ex.run(p.template.id, p.job.answers);
            } catch (error) {
              // A worker that died (not a render error) is replaced; the job gets one more try.
              if (!(error instanceof WorkerDiedError) || cancelled) throw error;
              r = await ex.run(p.template.id, p.job.answers);
            }
          } catch (error) {
            if (error instanceof CancelledError || cancelled) break;
            await writing;
            fail(p.job, messageOf(error));
            continue;
          }
          await writing; // at most one write in flight per lane: memory stays bounded
          writing = writeOutputs(p, r, fontsHash).catch((error: unknown) => {
            fail(p.job, `写入文件失败：${messageOf(error)}。请检查输出文件夹的写权限和剩余空间。`);
          });
        }
        await writing;
      };
      await Promise.all(executors.map(lane));
    }
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await Promise.all(executors.map((ex) => ex.close()));
    await flushManifest();
  }
  if (manifestError) {
    throw new QingdanError('IO_FAILED', `无法写入 ${manifestPath}：${messageOf(manifestError)}。请检查输出文件夹的写权限和剩余空间。`, { cause: manifestError });
  }
  return {
    written,
    skipped,
    failed,
    files,
    durationMs: performance.now() - started,
    manifestPath,
    cancelled,
  };
}
