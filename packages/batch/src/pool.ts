/**
 * Executors that render jobs: a worker thread each (the pool), or the calling thread.
 *
 * Which worker script runs: when this module runs as built JavaScript (`dist/pool.js`, the normal
 * case: the CLI, `npm test` after `turbo run build`), the worker is `dist/worker.js` next to it.
 * When it runs from the TypeScript sources (vitest with the `source` condition, `tsx`), there is
 * no `worker.js`; the worker is then started from a two-line bootstrap that registers tsx's
 * loader in the worker thread and imports `src/worker.ts`, with `--conditions=source` so the
 * workspace packages resolve to their sources too. Either way the worker runs the same code as
 * the in-process executor, so tests from source exercise the real pool.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setImmediate as setImmediatePromise } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import type { FileOutcome, FileTarget, FromWorker, ResolvedDocument, ToWorker } from '@qingdan/model';
import type { FontReport } from '@qingdan/render-pdf';
import { deserializeError } from './errors.js';
import type { RendererSetup } from './render.js';

/**
 * Young-generation size of a worker's V8 heap (MB). A document allocates ≈ 11 MB; a larger young
 * generation runs fewer young collections per document and promotes fewer of its objects, for
 * more memory (figures in bench/README.md).
 */
export const WORKER_YOUNG_GENERATION_MB = 16;

/**
 * Old-generation limit of a worker's V8 heap (MB). A worker never comes near it (its live heap is
 * ≈ 30 MB); it is set because V8 sizes the room it leaves the old generation before a full
 * collection by this limit, and a worker's heap settles about half as high with it (bench/README.md).
 */
export const WORKER_OLD_GENERATION_MB = 1024;

/** Renders one job at a time. */
export interface Executor {
  /**
   * Renders the document and writes its files (see `writeJob`). Resolves with one outcome per
   * target. Rejects only when the job could not run at all: {@link CancelledError} (closed) or
   * {@link WorkerDiedError}. Temporary files of such a job may exist: the caller removes them.
   */
  run(doc: ResolvedDocument, targets: FileTarget[]): Promise<FileOutcome[]>;
  /** Which font file serves each PDF role in this executor (`null` when no PDF is made). */
  readonly fonts: FontReport | null;
  /** Stops the executor: a worker's job in flight is rejected with {@link CancelledError}; the calling thread's renderer cannot be interrupted and returns the document it was writing (its files are complete). */
  close(): Promise<void>;
}

/** The worker thread died (crashed, ran out of memory) while rendering a job; the job may be tried again. */
export class WorkerDiedError extends Error {}

/** The executor was closed (batch cancelled) while a job was in flight. */
export class CancelledError extends Error {
  constructor() {
    super('已取消');
  }
}

/** Runs jobs in the calling thread (used for `concurrency: 1`: no worker start-up cost). */
export async function inProcessExecutor(setup: RendererSetup): Promise<Executor> {
  // Imported here, not at the top: when rendering runs in workers the main thread never loads the
  // renderers, their libraries and the fonts (tens of MB each).
  const { createJobRenderer, writeJob } = await import('./render.js');
  const renderer = await createJobRenderer(setup);
  let closed = false;
  return {
    fonts: renderer.fonts,
    async run(doc, targets) {
      if (closed) throw new CancelledError();
      const r = await writeJob(renderer, doc, targets);
      // Rendering and writing here continue through promises only: give the event loop a turn
      // after each document, or timers (the manifest's throttled writes), signals (Ctrl+C) and
      // I/O would wait for the end of the batch. A document written when the executor is closed
      // meanwhile is still returned: its files are complete and get listed.
      await setImmediatePromise();
      return r;
    },
    async close() {
      closed = true;
    },
  };
}

function workerScript(): { file: URL | string; eval: boolean; execArgv?: string[] } {
  if (import.meta.url.endsWith('.js')) return { file: new URL('./worker.js', import.meta.url), eval: false };
  // tsx's ESM API (`tsx/esm/api`, import condition), located through its package.json.
  const tsxDir = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const tsxApi = pathToFileURL(join(tsxDir, 'dist', 'esm', 'api', 'index.mjs')).href;
  const entry = new URL('./worker.ts', import.meta.url).href;
  const code = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); }).catch((e) => { throw e; });`;
  return { file: code, eval: true, execArgv: ['--conditions=source'] };
}

/**
 * Font files shared by the workers of one batch (keyed by the batch's set-up object): the first
 * worker reads them into `SharedArrayBuffer`s and hands them over when ready; workers started at
 * the same time wait for that before setting up, then parse the same bytes (no copy). Two workers
 * then hold one copy of the fonts (≈ 57 MB for the bundled ones) instead of two.
 */
interface FontShare {
  bytes?: ReadonlyMap<string, Uint8Array>;
  /** Set while one worker reads the fonts; resolved when it is ready or has failed. */
  loading?: Promise<void>;
  done?: () => void;
}
const fontShares = new WeakMap<RendererSetup, FontShare>();

/** Answers a worker's `font-bytes?`: the shared bytes, or `null` (it reads the files and shares them). */
async function fontBytesFor(setup: RendererSetup): Promise<ReadonlyMap<string, Uint8Array> | null> {
  let share = fontShares.get(setup);
  if (!share) fontShares.set(setup, (share = {}));
  while (!share.bytes && share.loading) await share.loading;
  if (share.bytes) return share.bytes;
  const s = share;
  s.loading = new Promise<void>((resolveLoading) => {
    s.done = () => {
      s.loading = undefined;
      s.done = undefined;
      resolveLoading();
    };
  });
  return null;
}

/** A worker that read the fonts is ready (`bytes`) or failed (`undefined`): waiting workers go on. */
function fontsRead(setup: RendererSetup, bytes: ReadonlyMap<string, Uint8Array> | undefined): void {
  const share = fontShares.get(setup);
  if (!share) return;
  if (bytes && bytes.size > 0 && !share.bytes) share.bytes = bytes;
  share.done?.();
}

/**
 * Starts one worker thread and waits until it has set up its renderer (templates compiled, PDF
 * renderer created). A worker that dies (e.g. out of memory) fails its job in flight and is
 * started again for the next job.
 *
 * @throws the worker's set-up error (e.g. QingdanError `FONT_NOT_FOUND`)
 */
export async function workerExecutor(setup: RendererSetup): Promise<Executor> {
  let worker: Worker | undefined;
  let pending: { id: number; resolve: (r: FileOutcome[]) => void; reject: (e: Error) => void } | undefined;
  let nextId = 1;
  let closed = false;

  let fonts: FontReport | null = null;
  const start = (): Promise<Worker> =>
    new Promise<Worker>((resolveStart, rejectStart) => {
      const script = workerScript();
      const w = new Worker(script.file, {
        eval: script.eval,
        workerData: setup,
        resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB, maxOldGenerationSizeMb: WORKER_OLD_GENERATION_MB },
        ...(script.execArgv ? { execArgv: script.execArgv } : {}),
      });
      let ready = false;
      let readsFonts = false;
      w.on('message', (m: FromWorker) => {
        if (m.type === 'font-bytes?') {
          void fontBytesFor(setup).then((bytes) => {
            readsFonts = bytes === null;
            const answer: ToWorker = { type: 'font-bytes', bytes };
            w.postMessage(answer);
          });
        } else if (m.type === 'ready') {
          ready = true;
          // The worker's renderer made this report (render-pdf's FontReport); the message schema only says role → file.
          fonts = m.fonts as FontReport | null;
          if (readsFonts) fontsRead(setup, m.fontBytes);
          resolveStart(w);
        } else if (m.type === 'init-failed') {
          if (readsFonts) fontsRead(setup, undefined);
          rejectStart(deserializeError(m.error));
          void w.terminate();
        } else if (m.type === 'result' && pending && m.id === pending.id) {
          const p = pending;
          pending = undefined;
          p.resolve(m.files);
        }
      });
      const die = (error: Error): void => {
        if (readsFonts && !ready) fontsRead(setup, undefined);
        if (worker === w) worker = undefined;
        if (!ready) rejectStart(error);
        if (pending) {
          const p = pending;
          pending = undefined;
          p.reject(closed ? new CancelledError() : error);
        }
      };
      w.on('error', (e) => die(new WorkerDiedError(`工作线程出错：${e.message}`)));
      w.on('exit', (code) => die(new WorkerDiedError(`工作线程意外退出（退出码 ${code}）`)));
    });

  worker = await start();
  return {
    get fonts() {
      return fonts;
    },
    async run(doc, targets) {
      if (closed) throw new CancelledError();
      worker ??= await start();
      const w = worker;
      return await new Promise<FileOutcome[]>((resolveRun, rejectRun) => {
        const id = nextId++;
        pending = { id, resolve: resolveRun, reject: rejectRun };
        const message: ToWorker = { type: 'job', id, doc, targets };
        w.postMessage(message);
      });
    },
    async close() {
      closed = true;
      const w = worker;
      worker = undefined;
      if (w) await w.terminate();
    },
  };
}
