/**
 * Progress of a batch: a bar with counts and the current leader on a terminal (cli-progress),
 * one plain line per document otherwise (logs, CI, pipes).
 */
import { createRequire } from 'node:module';
import { relative } from 'node:path';
import type cliProgress from 'cli-progress';
import type { BatchEvent, BatchJob } from '@qingdan/batch';
import type { LintMessage } from '@qingdan/lint';
import { println, type Io } from './io.js';

/** Counts kept while a batch runs, and the files seen. */
export interface ProgressState {
  total: number;
  written: number;
  skipped: number;
  failed: number;
  /** Files written in this run. */
  writtenFiles: string[];
  /** Files left as they were because their inputs had not changed. */
  skippedFiles: string[];
  /** Failures in the order they happened. */
  failures: { job: BatchJob; message: string }[];
  /** Proofreading findings per document (the documents are written all the same). */
  lint: { job: BatchJob; messages: LintMessage[] }[];
}

/** Who a job is for, as the user reads it: "张三同志（区发展和改革局）" or "区发展和改革局". */
export function jobLabel(job: BatchJob): string {
  return job.leader ? `${job.leader}（${job.unit}）` : job.unit;
}

/** A reporter: feed it the batch's events, then `stop()` before printing anything else. */
export interface ProgressReporter {
  onEvent(event: BatchEvent): void;
  stop(): void;
  readonly state: ProgressState;
}

/**
 * Creates the reporter for `io.stderr`: a bar when it is a terminal, plain lines otherwise.
 *
 * @param io - where to draw
 * @param options - `quiet`: count only, print nothing (used by `--json` when stderr is not a terminal)
 */
export function createProgress(io: Io, options: { quiet?: boolean } = {}): ProgressReporter {
  const state: ProgressState = { total: 0, written: 0, skipped: 0, failed: 0, writtenFiles: [], skippedFiles: [], failures: [], lint: [] };
  const rel = (f: string): string => relative(io.cwd, f) || f;
  const done = (): number => state.written + state.skipped + state.failed;
  let bar: cliProgress.SingleBar | undefined;
  const useBar = !options.quiet && io.stderr.isTTY && io.stderr.stream !== undefined;
  const payload = (current: string): Record<string, string | number> => ({
    written: state.written,
    skipped: state.skipped,
    failed: state.failed,
    current,
  });
  return {
    state,
    onEvent(event) {
      if (event.type === 'start') {
        state.total = event.total;
        if (useBar) {
          // Loaded only when a bar is drawn (17 files: a run without a terminal, e.g. every
          // `generate` in a script, starts faster without them).
          const { SingleBar, Presets } = createRequire(import.meta.url)('cli-progress') as typeof cliProgress;
          bar = new SingleBar(
            {
              stream: io.stderr.stream,
              format: '{bar} {value}/{total} | 写入 {written} · 跳过 {skipped} · 失败 {failed} | {current}',
              barsize: 24,
              hideCursor: true,
              clearOnComplete: false,
              stopOnComplete: false,
              forceRedraw: true,
            },
            Presets.shades_classic,
          );
          bar.start(event.total, 0, payload('开始…'));
        } else if (!options.quiet) {
          println(io.stderr, `共 ${event.total} 份清单待处理。`);
        }
        return;
      }
      if (event.type === 'lint') {
        state.lint.push({ job: event.job, messages: event.messages });
        return;
      }
      if (event.type === 'done') {
        if (event.skipped) {
          state.skipped += 1;
          state.skippedFiles.push(...event.files);
        } else {
          state.written += 1;
          state.writtenFiles.push(...event.files);
        }
      } else {
        state.failed += 1;
        state.failures.push({ job: event.job, message: event.message });
      }
      const step = `[${done()}/${state.total}]`;
      if (bar) {
        bar.update(done(), payload(jobLabel(event.job)));
      } else if (!options.quiet) {
        if (event.type === 'failed') println(io.stderr, `${step} 失败：${jobLabel(event.job)}：${event.message}`);
        else if (event.skipped) println(io.stderr, `${step} 未变化，已跳过：${event.files.map(rel).join('、')}`);
        else println(io.stderr, `${step} 已生成：${event.files.map(rel).join('、')}`);
      }
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}
