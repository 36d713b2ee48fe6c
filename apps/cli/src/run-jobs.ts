/**
 * Running planned jobs through `@qingdan/batch` with progress, Ctrl+C handling and the closing
 * summary; shared by `generate`, `batch` and `interview`.
 */
import { formatLint, type LintMessage } from '@qingdan/lint';
import { relative } from 'node:path';
import { planBatch, runBatch, type BatchSummary, type PlanRoster } from '@qingdan/batch';
import type { Issue, Template } from '@qingdan/model';
import { ExitCode, type ExitCode as Code } from './exit.js';
import { println, type Io } from './io.js';
import type { OutputSettings } from './options.js';
import { createProgress, jobLabel, type ProgressState } from './progress.js';

/** An output format. */
export type Format = 'docx' | 'pdf';

/** Options of {@link runJobs}. */
export interface RunJobsOptions {
  io: Io;
  /** The units and leaders to produce documents for; `hash` (sha256 hex of its file) goes into the manifest. */
  roster: PlanRoster & { hash: string };
  /** The templates to produce, in order. */
  templates: readonly Template[];
  templatesDir: string;
  /** Formats, workers, output folder, fonts (see `parseOutput`). */
  output: OutputSettings;
  /** Print the JSON summary instead of the text one. */
  json: boolean;
  /** Problems found before the run (roster rows left out); they make the exit code 1. */
  inputIssues?: readonly Issue[];
  /** Extra fields for the JSON summary (e.g. the roster file). */
  extra?: Record<string, unknown>;
}

/** The `--json` summary of `generate`, `batch` and `interview`. */
export interface JsonSummary {
  ok: boolean;
  exitCode: number;
  cancelled: boolean;
  total: number;
  written: number;
  skipped: number;
  failed: { key: string; templateId: string; unit: string; leader?: string; row: number; message: string }[];
  issues: Issue[];
  /** Proofreading findings per document (see `@qingdan/lint`); they do not change the exit code. */
  lint: { key: string; unit: string; leader?: string; messages: LintMessage[] }[];
  files: { written: string[]; skipped: string[] };
  manifest: string | null;
  durationMs: number;
  [extra: string]: unknown;
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(1);
}

/** Prints roster or answers problems, one per line, each naming file, row and column. */
export function printIssues(io: Io, title: string, issues: readonly Issue[]): void {
  if (issues.length === 0) return;
  println(io.stderr, title);
  for (const issue of issues) println(io.stderr, `  - ${issue.message}`);
}

function textSummary(
  io: Io,
  state: ProgressState,
  summary: BatchSummary | undefined,
  durationMs: number,
  options: RunJobsOptions,
  templates: ReadonlyMap<string, Template>,
  cancelled: boolean,
): void {
  const rel = (f: string): string => relative(io.cwd, f) || f;
  const out = io.stdout;
  println(out);
  if (state.failures.length > 0) {
    println(io.stderr, `以下 ${state.failures.length} 份清单生成失败：`);
    for (const f of state.failures) println(io.stderr, `  - ${jobLabel(f.job)}（${templates.get(f.job.templateId)?.name ?? f.job.templateId}，第 ${f.job.row} 行）：${f.message}`);
  }
  if (state.lint.length > 0) {
    const count = state.lint.reduce((n, l) => n + l.messages.length, 0);
    println(io.stderr, `校对提示：${state.lint.length} 份清单有 ${count} 处可能需要改正（文档已生成，请核对后修改花名册或答案再生成）：`);
    for (const l of state.lint) {
      for (const line of formatLint(l.messages)) println(io.stderr, `  - ${jobLabel(l.job)}：${line}`);
    }
  }
  const head = cancelled ? '已取消' : '完成';
  const skippedNote = state.skipped > 0 ? '（输入未变化，文件保持不变）' : '';
  println(out, `${head}：写入 ${state.written} 份，跳过 ${state.skipped} 份${skippedNote}，失败 ${state.failed} 份，用时 ${seconds(durationMs)} 秒。`);
  if ((options.inputIssues?.length ?? 0) > 0) println(out, `另有 ${options.inputIssues?.length ?? 0} 处输入问题（见上），相应的行未生成。`);
  const files = [...state.writtenFiles.map((f) => ({ f, note: '' })), ...state.skippedFiles.map((f) => ({ f, note: '（未变化）' }))].sort((a, b) =>
    a.f.localeCompare(b.f, 'zh-CN'),
  );
  if (files.length > 0) {
    println(out, `清单文件（${rel(options.output.outDir) || '.'}）：`);
    for (const { f, note } of files) println(out, `  ${rel(f)}${note}`);
  }
  if (summary?.manifestPath) println(out, `清单记录：${rel(summary.manifestPath)}`);
}

/**
 * Plans the roster's jobs (`planBatch`) and runs them, draws progress on stderr, prints the summary (text on stdout, or one JSON object
 * with `json`), and returns the exit code: 0 when everything was written or skipped, 1 when a
 * document failed or input rows were left out, 130 when cancelled with Ctrl+C.
 *
 * Ctrl+C aborts the batch through its `signal`; files already written are complete (the batch
 * writes each to a temporary name and renames it) and the manifest lists only those.
 */
export async function runJobs(options: RunJobsOptions): Promise<Code> {
  const { io, output } = options;
  const templates = new Map(options.templates.map((t) => [t.id, t]));
  const jobs = planBatch(options.roster, templates);
  const progress = createProgress(io, { quiet: options.json && !io.stderr.isTTY });
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.once('SIGINT', onSigint);
  const started = performance.now();
  let summary: BatchSummary | undefined;
  let error: unknown;
  try {
    summary = await runBatch({
      jobs,
      templates,
      templatesDir: options.templatesDir,
      outDir: output.outDir,
      formats: output.formats,
      ...(output.concurrency !== undefined ? { concurrency: output.concurrency } : {}),
      ...(output.fonts !== undefined ? { fonts: output.fonts } : {}),
      rosterHash: options.roster.hash,
      onEvent: (e) => progress.onEvent(e),
      signal: controller.signal,
    });
  } catch (e) {
    error = e;
  } finally {
    progress.stop();
    process.removeListener('SIGINT', onSigint);
  }
  const cancelled = controller.signal.aborted;
  if (error !== undefined && !cancelled) throw error;
  const durationMs = summary?.durationMs ?? performance.now() - started;
  const { state } = progress;
  const issues = [...(options.inputIssues ?? [])];
  const exitCode: Code = cancelled ? ExitCode.CANCELLED : state.failed > 0 || issues.length > 0 ? ExitCode.SOME_FAILED : ExitCode.OK;
  if (options.json) {
    const json: JsonSummary = {
      ...options.extra,
      ok: exitCode === ExitCode.OK,
      exitCode,
      cancelled,
      total: jobs.length,
      written: state.written,
      skipped: state.skipped,
      failed: state.failures.map((f) => ({
        key: f.job.key,
        templateId: f.job.templateId,
        unit: f.job.unit,
        ...(f.job.leader ? { leader: f.job.leader } : {}),
        row: f.job.row,
        message: f.message,
      })),
      issues,
      lint: state.lint.map((l) => ({ key: l.job.key, unit: l.job.unit, ...(l.job.leader ? { leader: l.job.leader } : {}), messages: l.messages })),
      files: { written: state.writtenFiles, skipped: state.skippedFiles },
      manifest: summary?.manifestPath ?? null,
      durationMs: Math.round(durationMs),
    };
    println(io.stdout, JSON.stringify(json, null, 2));
  } else {
    textSummary(io, state, summary, durationMs, options, templates, cancelled);
    if (cancelled) println(io.stderr, '已取消');
  }
  return exitCode;
}
