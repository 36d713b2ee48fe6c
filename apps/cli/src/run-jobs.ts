/**
 * Running a roster's documents through `@qingdan/batch` with progress, Ctrl+C / SIGTERM handling
 * and the closing summary; shared by `generate`, `batch` and `interview`.
 */
import { relative } from 'node:path';
import { runBatch, type BatchSummary, type PlanRoster } from '@qingdan/batch';
import { formatLint } from '@qingdan/lint';
import type { Issue, LintFinding, Template } from '@qingdan/model';
import { ExitCode, type ExitCode as Code } from './exit.js';
import { println, type Io } from './io.js';
import type { OutputSettings } from './options.js';
import { createProgress, jobLabel } from './progress.js';

/** Options of {@link runJobs}. */
export interface RunJobsOptions {
  io: Io;
  /** The units and leaders to produce documents for; `hash` (SHA-256 of its file) goes into the manifest. */
  roster: PlanRoster & { hash: string };
  /** The templates to produce, in order. */
  templates: readonly Template[];
  /** Every template loaded (the roster was read with them): proofreading finds the unit's province among them. */
  allTemplates?: readonly Template[];
  /** Formats, workers, output folder, fonts (see `parseOutput`). */
  output: OutputSettings;
  /** Print the JSON summary instead of the text one. */
  json: boolean;
  /** Problems found before the run (roster rows left out); they make the exit code 1. */
  inputIssues?: readonly Issue[];
  /** Warnings about the input (values changed while read); printed, and recorded in the manifest. */
  inputWarnings?: readonly Issue[];
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
  warnings: Issue[];
  notices: string[];
  /** Proofreading findings per document (see `@qingdan/lint`); they do not change the exit code. */
  findings: { key: string; unit: string; leader?: string; findings: LintFinding[] }[];
  files: { written: string[]; skipped: string[] };
  manifest: string | null;
  durationMs: number;
  [extra: string]: unknown;
}

/** Prints roster or answers problems, one per line, each naming file, row and column. */
export function printIssues(io: Io, title: string, issues: readonly Issue[]): void {
  if (issues.length === 0) return;
  println(io.stderr, title);
  for (const issue of issues) println(io.stderr, `  - ${issue.message}`);
}

function textSummary(io: Io, summary: BatchSummary, options: RunJobsOptions, templates: ReadonlyMap<string, Template>): void {
  const rel = (f: string): string => relative(io.cwd, f) || f;
  const { counts } = summary;
  println(io.stdout);
  printIssues(io, `输入有 ${options.inputWarnings?.length ?? 0} 处改动（已自动处理，请核对）：`, options.inputWarnings ?? []);
  if (summary.failed.length > 0) {
    println(io.stderr, `以下 ${summary.failed.length} 份清单未能完整生成：`);
    for (const f of summary.failed) println(io.stderr, `  - ${jobLabel(f.job)}（${templates.get(f.job.templateId)?.name ?? f.job.templateId}，第 ${f.job.row} 行）：${f.message}`);
  }
  if (summary.findings.length > 0) {
    const count = summary.findings.reduce((n, l) => n + l.findings.length, 0);
    println(io.stderr, `校对提示：${summary.findings.length} 份清单有 ${count} 处可能需要改正（文档已生成，请核对后修改花名册或答案再生成）：`);
    for (const l of summary.findings) for (const line of formatLint(l.findings)) println(io.stderr, `  - ${jobLabel(l.job)}：${line}`);
  }
  for (const n of summary.notices) println(io.stderr, `注意：${n}`);
  const head = summary.cancelled ? '已取消' : '完成';
  const skippedNote = counts.skipped > 0 ? '（输入未变化，文件保持不变）' : '';
  println(io.stdout, `${head}：共 ${counts.total} 份，写入 ${counts.written} 份，跳过 ${counts.skipped} 份${skippedNote}，失败 ${counts.failed} 份，用时 ${(summary.durationMs / 1000).toFixed(1)} 秒。`);
  if ((options.inputIssues?.length ?? 0) > 0) println(io.stdout, `另有 ${options.inputIssues?.length ?? 0} 处输入问题（见上），相应的行未生成。`);
  const files = [...summary.files.written.map((f) => ({ f, note: '' })), ...summary.files.skipped.map((f) => ({ f, note: '（未变化）' }))].sort((a, b) =>
    a.f.localeCompare(b.f, 'zh-CN'),
  );
  if (files.length > 0) {
    println(io.stdout, `清单文件（${rel(options.output.outDir) || '.'}）：`);
    for (const { f, note } of files) println(io.stdout, `  ${rel(f)}${note}`);
  }
  println(io.stdout, `清单记录：${rel(summary.manifestPath)}`);
}

/**
 * Runs the roster's documents (`runBatch`), draws progress on stderr, prints the summary (text on
 * stdout, or one JSON object with `json`), and returns the exit code: 0 only when every document
 * was written or skipped and is listed in the manifest, and the input had no problem; 1 when a
 * document failed or input rows were left out; 130 on Ctrl+C, 143 on SIGTERM.
 *
 * A signal aborts the batch: files already written are complete (each is written to a temporary
 * name and renamed) and the manifest lists exactly those.
 */
export async function runJobs(options: RunJobsOptions): Promise<Code> {
  const { io, output } = options;
  const templates = new Map(options.templates.map((t) => [t.id, t]));
  const progress = createProgress(io, { quiet: options.json && !io.stderr.isTTY });
  const controller = new AbortController();
  let stoppedBy: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    stoppedBy ??= signal;
    controller.abort();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let summary: BatchSummary;
  try {
    summary = await runBatch({
      roster: options.roster,
      templates: options.templates,
      ...(options.allTemplates ? { roleTemplates: options.allTemplates } : {}),
      outDir: output.outDir,
      formats: output.formats,
      ...(output.concurrency !== undefined ? { concurrency: output.concurrency } : {}),
      ...(output.fonts !== undefined ? { fonts: output.fonts } : {}),
      ...(output.force ? { force: true } : {}),
      rosterHash: options.roster.hash,
      warnings: (options.inputWarnings ?? []).map((w) => w.message),
      onEvent: (e) => progress.onEvent(e),
      signal: controller.signal,
    });
  } finally {
    progress.stop();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
  const issues = [...(options.inputIssues ?? [])];
  const exitCode: Code = summary.cancelled
    ? stoppedBy === 'SIGTERM'
      ? ExitCode.TERMINATED
      : ExitCode.CANCELLED
    : !summary.complete || issues.length > 0
      ? ExitCode.SOME_FAILED
      : ExitCode.OK;
  if (options.json) {
    const json: JsonSummary = {
      ...options.extra,
      ok: exitCode === ExitCode.OK,
      exitCode,
      cancelled: summary.cancelled,
      total: summary.counts.total,
      written: summary.counts.written,
      skipped: summary.counts.skipped,
      failed: summary.failed.map((f) => ({
        key: f.job.key,
        templateId: f.job.templateId,
        unit: f.job.unit,
        ...(f.job.leader ? { leader: f.job.leader } : {}),
        row: f.job.row,
        message: f.message,
      })),
      issues,
      warnings: [...(options.inputWarnings ?? [])],
      notices: summary.notices,
      findings: summary.findings.map((l) => ({ key: l.job.key, unit: l.job.unit, ...(l.job.leader ? { leader: l.job.leader } : {}), findings: l.findings })),
      files: summary.files,
      manifest: summary.manifestPath,
      durationMs: Math.round(summary.durationMs),
    };
    println(io.stdout, JSON.stringify(json, null, 2));
  } else {
    textSummary(io, summary, options, templates);
    if (summary.cancelled) println(io.stderr, '已取消：已写入的文件完整，并已记入清单记录；再次运行会补齐其余的。');
  }
  return exitCode;
}
