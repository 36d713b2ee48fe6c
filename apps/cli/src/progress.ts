/**
 * Progress of a batch: a bar with the counts and the current leader on a terminal (cli-progress),
 * one plain line per document otherwise (logs, CI, pipes). It only draws: the counts are the
 * batch's own, carried by each event.
 */
import { createRequire } from 'node:module';
import { relative } from 'node:path';
import type cliProgress from 'cli-progress';
import type { BatchEvent, JobRef } from '@qingdan/batch';
import { println, type Io } from './io.js';

/** Who a document is for, as the user reads it: "张三同志（区发展和改革局）" or "区发展和改革局". */
export function jobLabel(job: JobRef): string {
  return job.leader ? `${job.leader}（${job.unit}）` : job.unit;
}

/** A reporter: feed it the batch's events, then `stop()` before printing anything else. */
export interface ProgressReporter {
  onEvent(event: BatchEvent): void;
  stop(): void;
}

/**
 * Creates the reporter for `io.stderr`: a bar when it is a terminal, plain lines otherwise.
 *
 * @param io - where to draw
 * @param options - `quiet`: print nothing (used by `--json` when stderr is not a terminal)
 */
export function createProgress(io: Io, options: { quiet?: boolean } = {}): ProgressReporter {
  const rel = (f: string): string => relative(io.cwd, f) || f;
  let bar: cliProgress.SingleBar | undefined;
  const useBar = !options.quiet && io.stderr.isTTY && io.stderr.stream !== undefined;
  return {
    onEvent(event) {
      const { counts } = event;
      const payload = (current: string): Record<string, string | number> => ({ written: counts.written, skipped: counts.skipped, failed: counts.failed, current });
      if (event.type === 'start') {
        if (useBar) {
          // Loaded only when a bar is drawn: a run without a terminal starts faster without it.
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
          bar.start(counts.total, 0, payload('开始…'));
        } else if (!options.quiet) {
          println(io.stderr, `共 ${counts.total} 份清单待处理。`);
        }
        return;
      }
      const done = counts.written + counts.skipped + counts.failed;
      if (bar) {
        bar.update(done, payload(jobLabel(event.job)));
        return;
      }
      if (options.quiet) return;
      const step = `[${done}/${counts.total}]`;
      if (event.type === 'failed') println(io.stderr, `${step} 失败：${jobLabel(event.job)}：${event.message}`);
      else if (event.skipped) println(io.stderr, `${step} 未变化，已跳过：${event.files.map(rel).join('、')}`);
      else println(io.stderr, `${step} 已生成：${event.files.map(rel).join('、')}`);
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}
