/**
 * The whole roster in one download: `POST /api/batch` receives a roster, produces every document
 * with `@qingdan/batch`'s `runBatch` into a temporary folder of ours — the very code path of
 * `qingdan batch`, so the folder holds exactly what the CLI writes, `manifest.json` included —
 * and streams that folder as a zip (yazl reads one file at a time from disk: memory stays small
 * whatever the size of the batch). The folder is removed once the zip is sent, when the batch is
 * cancelled, when nobody fetches it in time, and when the server stops.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { planOutline, runBatch, type BatchCounts, type BatchSummary } from '@qingdan/batch';
import { FORMATS, QingdanError, type Format, type Issue, type Template } from '@qingdan/model';
import { compareCodeUnits, safeFileName } from '@qingdan/store';
import { pickTemplates } from '@qingdan/template-files';
import { contentDisposition, HttpError, SECURITY_HEADERS } from './http.js';
import type { Services } from './services.js';
import { receiveRoster } from './upload.js';

/** What the batch part of the server needs. */
export interface BatchSettings {
  /** Every template, by id (the roster's columns are their variables). */
  templates: ReadonlyMap<string, Template>;
  /** The roster reader (`@qingdan/roster`'s `parseRoster`). */
  parseRoster: Services['parseRoster'];
  /** Font files or folders for the PDF, as the CLI's `--fonts`. */
  fonts?: string | string[] | undefined;
  /** Documents rendered at the same time (worker threads). */
  concurrency: number;
  /** Largest roster file, in bytes. */
  maxUploadBytes: number;
  /** How long a finished batch waits to be downloaded, in ms. */
  keepMs: number;
}

/** A batch's state as the page polls it (`GET /api/batch/<id>`). */
export interface BatchStatus {
  id: string;
  /** `running` while documents are made; `done` when the zip can be fetched; `failed` when the batch could not run. */
  state: 'running' | 'done' | 'failed';
  counts: BatchCounts;
  /** The roster file's name as uploaded, its units and leaders, and the rows left out. */
  roster: { file: string; units: number; leaders: number; issues: number };
  formats: Format[];
  templates: string[];
  /** Documents not made (or made in part), with the reason in Chinese. */
  failed: { key: string; templateId: string; unit: string; leader?: string; row: number; message: string }[];
  /** Chinese notices of the run. */
  notices: string[];
  /** Why the batch could not run (state `failed`). */
  error?: { code: string; message: string; issues: Issue[] };
}

interface Job {
  id: string;
  /** Our temporary folder: the upload, then `out/` with the documents. */
  dir: string;
  outDir: string;
  fileName: string;
  status: BatchStatus;
  controller: AbortController;
  /** Settles when the batch ends (never rejects). */
  finished: Promise<void>;
  timer?: NodeJS.Timeout;
  /** Set once the zip is being sent: the folder is removed when it is sent. */
  sending: boolean;
}

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'on', '是']);

/**
 * `format` field: `docx`, `pdf` or both (`docx,pdf`, the default); `、` `，` and spaces also separate.
 * @throws {HttpError} 400 `BAD_FORMAT` naming what was given
 */
export function parseFormats(text: string | undefined): Format[] {
  if (text === undefined || text.trim() === '') return [...FORMATS];
  const items = text.toLowerCase().split(/[,，、\s]+/u).filter(Boolean);
  const bad = items.filter((f) => !(FORMATS as readonly string[]).includes(f));
  if (bad.length > 0 || items.length === 0) throw new HttpError(400, 'BAD_FORMAT', `format 只能是 docx、pdf 或 docx,pdf，收到「${text}」。`);
  return FORMATS.filter((f) => items.includes(f));
}

/** Every regular file under `root`, as `/`-separated paths relative to it, sorted by code units. */
async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(root.length + 1).split(/[\\/]/).join('/'));
  return files.sort(compareCodeUnits);
}

/** The jobs of one server: at most one running at a time (the machine's cores go to rendering). */
export class BatchJobs {
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly settings: BatchSettings) {}

  /** The batch running now, if any. */
  private running(): Job | undefined {
    return [...this.jobs.values()].find((j) => j.status.state === 'running');
  }

  /**
   * Receives a roster upload, reads the roster and starts its batch.
   *
   * @throws {HttpError} what `receiveRoster` throws; 400 `BAD_FORMAT` / `TEMPLATE_INVALID` for the
   *   `format` and `template` fields; 422 `ROSTER_INVALID` with every located problem when the
   *   roster cannot be read or has rows with errors (unless `partial`), `ROSTER_EMPTY` when it
   *   has no unit to produce; 429 `BATCH_BUSY` while another batch runs
   */
  async start(req: IncomingMessage): Promise<BatchStatus> {
    const busy = this.running();
    if (busy) {
      req.resume();
      const c = busy.status.counts;
      throw new HttpError(429, 'BATCH_BUSY', `正在生成另一批清单（已完成 ${c.written + c.skipped + c.failed} / ${c.total} 份），请等它完成后再试。`);
    }
    const dir = await mkdtemp(join(tmpdir(), 'qingdan-web-batch-'));
    try {
      return await this.prepare(req, dir);
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
  }

  private async prepare(req: IncomingMessage, dir: string): Promise<BatchStatus> {
    const { settings } = this;
    const upload = await receiveRoster(req, dir, settings.maxUploadBytes);
    const formats = parseFormats(upload.fields.format);
    let templates: Template[];
    try {
      const ids = upload.fields.template?.split(/[,，、\s]+/u).filter(Boolean);
      templates = pickTemplates(settings.templates, ids);
    } catch (error) {
      if (error instanceof QingdanError) throw new HttpError(400, error.code, error.message);
      throw error;
    }
    const partial = TRUE_WORDS.has((upload.fields.partial ?? '').trim().toLowerCase());
    const bytes = await readFile(upload.path);
    // The upload is not needed once read.
    await rm(upload.path, { force: true });
    const roster = await settings.parseRoster({ bytes: new Uint8Array(bytes), fileName: upload.fileName }, [...settings.templates.values()]);
    if (roster.issues.length > 0 && (!partial || roster.units.length === 0)) {
      throw new HttpError(
        422,
        'ROSTER_INVALID',
        `花名册「${upload.fileName}」有 ${roster.issues.length} 处问题，请改正后重新上传${roster.units.length > 0 ? '（或加上字段 partial=1，只生成没有问题的行）' : ''}：`,
        roster.issues,
      );
    }
    const total = planOutline(roster, templates).length;
    if (total === 0) {
      throw new HttpError(422, 'ROSTER_EMPTY', `花名册「${upload.fileName}」中没有可以生成的清单：请至少填写一个单位${templates.some((t) => t.issuedPer === 'leader') ? '及其班子成员' : ''}。`);
    }
    const id = randomUUID();
    const outDir = join(dir, 'out');
    const status: BatchStatus = {
      id,
      state: 'running',
      counts: { total, written: 0, skipped: 0, failed: 0 },
      roster: { file: upload.fileName, units: roster.units.length, leaders: roster.units.reduce((n, u) => n + u.leaders.length, 0), issues: roster.issues.length },
      formats,
      templates: templates.map((t) => t.id),
      failed: [],
      notices: [],
    };
    const controller = new AbortController();
    const job: Job = { id, dir, outDir, fileName: upload.fileName, status, controller, finished: Promise.resolve(), sending: false };
    job.finished = runBatch({
      roster,
      templates,
      outDir,
      formats,
      concurrency: settings.concurrency,
      ...(settings.fonts !== undefined ? { fonts: settings.fonts } : {}),
      rosterHash: roster.hash,
      warnings: roster.warnings.map((w) => w.message),
      onEvent: (e) => {
        status.counts = e.counts;
      },
      signal: controller.signal,
    }).then(
      (summary: BatchSummary) => {
        status.counts = summary.counts;
        status.failed = summary.failed.map((f) => ({ ...f.job, message: f.message }));
        status.notices = summary.notices;
        if (summary.cancelled) {
          status.state = 'failed';
          status.error = { code: 'CANCELLED', message: '已取消。', issues: [] };
        } else status.state = 'done';
      },
      (error: unknown) => {
        status.state = 'failed';
        if (!(error instanceof QingdanError)) console.error(error);
        status.error =
          error instanceof QingdanError
            ? { code: error.code, message: error.message, issues: [...error.issues] }
            : { code: 'INTERNAL', message: '生成失败：服务器内部错误，请查看启动预览的终端窗口中的报错信息。', issues: [] };
      },
    );
    // A batch nobody fetches is removed after a while (its folder may be large).
    void job.finished.then(() => {
      if (!this.jobs.has(id)) return;
      job.timer = setTimeout(() => void this.remove(id), settings.keepMs);
      job.timer.unref();
    });
    this.jobs.set(id, job);
    return status;
  }

  /** The status of a batch. @throws {HttpError} 404 when there is no such batch (or it was removed) */
  status(id: string): BatchStatus {
    return this.job(id).status;
  }

  private job(id: string): Job {
    const job = this.jobs.get(id);
    if (!job) throw new HttpError(404, 'BATCH_NOT_FOUND', '找不到这批清单：可能已下载过、已取消或已过期，请重新上传花名册。');
    return job;
  }

  /** Waits for a batch to end. */
  async wait(id: string): Promise<BatchStatus> {
    const job = this.job(id);
    await job.finished;
    return job.status;
  }

  /** Stops a batch (the documents in flight are finished) and removes its folder. */
  async remove(id: string): Promise<void> {
    const job = this.jobs.get(id);
    if (!job) return;
    this.jobs.delete(id);
    clearTimeout(job.timer);
    job.controller.abort();
    await job.finished;
    await rm(job.dir, { recursive: true, force: true });
  }

  /**
   * Sends a finished batch as a zip of its output folder (every DOCX and PDF in `<年度>/<单位>/`,
   * and `manifest.json`), then removes the batch. Streamed: one file at a time from disk.
   *
   * @param extraHeaders - added to the reply (counts for `curl -i`)
   * @throws {HttpError} 409 `BATCH_RUNNING` while it runs; the batch's own error when it failed
   */
  async sendZip(id: string, res: ServerResponse, extraHeaders: Record<string, string> = {}): Promise<void> {
    const job = this.job(id);
    const { status } = job;
    if (status.state === 'running') {
      const c = status.counts;
      throw new HttpError(409, 'BATCH_RUNNING', `还在生成中（已完成 ${c.written + c.skipped + c.failed} / ${c.total} 份），请稍候。`);
    }
    if (status.state === 'failed') {
      await this.remove(id);
      const e = status.error ?? { code: 'INTERNAL', message: '生成失败。', issues: [] };
      throw new HttpError(e.code === 'CANCELLED' ? 409 : 500, e.code, e.message, e.issues);
    }
    if (job.sending) throw new HttpError(409, 'BATCH_SENDING', '这批清单正在下载中。');
    job.sending = true;
    clearTimeout(job.timer);
    try {
      const files = await listFiles(job.outDir);
      const zip = new yazl.ZipFile();
      for (const rel of files) {
        // DOCX files are zips already and PDF streams are compressed: stored as they are.
        zip.addFile(join(job.outDir, rel), rel, { compress: rel.endsWith('.json') });
      }
      zip.end();
      const stem = basename(job.fileName, extname(job.fileName));
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': 'application/zip',
        'Content-Disposition': contentDisposition(`${safeFileName(`${stem}-清单`)}.zip`),
        'Cache-Control': 'no-store',
        'X-Qingdan-Documents': String(status.counts.total),
        'X-Qingdan-Written': String(status.counts.written + status.counts.skipped),
        'X-Qingdan-Failed': String(status.counts.failed),
        ...extraHeaders,
      });
      await pipeline(zip.outputStream, res);
    } finally {
      await this.remove(id);
    }
  }

  /** Stops every batch and removes every folder (the server is closing). */
  async closeAll(): Promise<void> {
    await Promise.all([...this.jobs.keys()].map((id) => this.remove(id)));
  }
}
