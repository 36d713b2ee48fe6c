/**
 * Exit codes and error printing. The CLI is the only place that maps error codes to exit codes
 * (see style example 4: vitest's errors, changesets' CLI).
 */
import { QingdanError, type QingdanErrorCode } from '@qingdan/model';

/**
 * The exit codes of `qingdan`:
 * - `OK` 0: everything asked for was written (or was unchanged and skipped);
 * - `SOME_FAILED` 1: some documents failed, or some roster rows had errors (the good ones were written);
 * - `USAGE` 2: wrong command line, or an input file that cannot be used at all;
 * - `CANCELLED` 130: the user pressed Ctrl+C (128 + SIGINT, the shell convention);
 * - `TERMINATED` 143: stopped by SIGTERM (128 + 15).
 */
export const ExitCode = { OK: 0, SOME_FAILED: 1, USAGE: 2, CANCELLED: 130, TERMINATED: 143 } as const;
/** One of {@link ExitCode}'s values. */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

const INPUT_ERRORS: ReadonlySet<QingdanErrorCode> = new Set<QingdanErrorCode>([
  'TEMPLATE_INVALID',
  'TEMPLATE_UNKNOWN_VARIABLE',
  'TEMPLATE_SYNTAX',
  'ANSWERS_INVALID',
  'ROSTER_INVALID',
  'IMPORT_FAILED',
  'IO_FAILED',
]);

/** An error the CLI raises itself for a wrong command line (exit 2). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Thrown when the user cancels (Ctrl+C, or declines to go on); exit 130. */
export class CancelledError extends Error {
  override readonly name = 'CancelledError';
  constructor() {
    super('已取消');
  }
}

/** True for inquirer's "prompt closed by Ctrl+C" error and for {@link CancelledError}. */
export function isCancel(error: unknown): boolean {
  return error instanceof CancelledError || (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError'));
}

/**
 * The exit code for an error: input problems (template, answers, roster, unreadable files) → 2;
 * rendering and font problems → 1; cancellation → 130; anything else (a bug) → 1.
 */
export function exitCodeOf(error: unknown): ExitCode {
  if (isCancel(error)) return ExitCode.CANCELLED;
  if (error instanceof UsageError) return ExitCode.USAGE;
  if (error instanceof QingdanError) return INPUT_ERRORS.has(error.code) ? ExitCode.USAGE : ExitCode.SOME_FAILED;
  return ExitCode.SOME_FAILED;
}

/**
 * The error as the user reads it: the message (which lists every issue), with its code in
 * brackets. A stack trace only with `debug` (`--debug` or `QINGDAN_DEBUG=1`).
 */
export function describeError(error: unknown, debug = false): string {
  if (isCancel(error)) return '已取消';
  const stack = (e: unknown): string => {
    if (!debug || !(e instanceof Error)) return '';
    const cause = e.cause instanceof Error ? `\n原因：${e.cause.stack ?? e.cause.message}` : '';
    return `\n${e.stack ?? ''}${cause}`;
  };
  if (error instanceof QingdanError) return `错误 [${error.code}]：${error.message}${stack(error)}`;
  if (error instanceof UsageError) return `用法错误：${error.message}`;
  if (error instanceof Error) {
    return `内部错误：${error.message}\n（这是 qingdan 的缺陷，请报告。${debug ? '' : '加 --debug 或设置 QINGDAN_DEBUG=1 可显示详细信息。'}）${stack(error)}`;
  }
  return `内部错误：${String(error)}`;
}

/** The error as the `--json` output's `error` field. */
export function errorJson(error: unknown): { code: string; message: string; issues: { message: string; where?: Record<string, string | number> }[] } {
  if (error instanceof QingdanError) return { code: error.code, message: error.message, issues: [...error.issues] };
  if (isCancel(error)) return { code: 'CANCELLED', message: '已取消', issues: [] };
  if (error instanceof UsageError) return { code: 'USAGE', message: error.message, issues: [] };
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error), issues: [] };
}
