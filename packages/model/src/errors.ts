/**
 * Errors with stable codes. Packages throw them; only the CLI maps them to exit codes and `--json`.
 */
import { z } from 'zod';

/** A stable error code; the CLI and the web app switch on it, never on the message. */
export type QingdanErrorCode =
  | 'TEMPLATE_INVALID'
  | 'TEMPLATE_UNKNOWN_VARIABLE'
  | 'TEMPLATE_SYNTAX'
  | 'ANSWERS_INVALID'
  | 'RENDER_FAILED'
  | 'FONT_MISSING_GLYPH'
  | 'FONT_NOT_FOUND'
  | 'ROSTER_INVALID'
  | 'IMPORT_FAILED'
  | 'IO_FAILED';

/**
 * One problem found in user input: what is wrong (`message`, in Chinese, saying how to fix it) and
 * where (`where`: file, row, column, field, clause id … whichever apply). Rosters and answers
 * files give `where: { file, row, column?, field?, variable? }` (see `RosterPlace`).
 *
 * @example { message: 'roster.csv 第 5 行 C 列（分管科室）：…', where: { file: 'roster.csv', row: 5, column: 'C', field: '分管科室' } }
 */
export const Issue = z.object({
  /** Human-readable, in Chinese: what is wrong and how to fix it. */
  message: z.string().min(1),
  /** Where: e.g. `{ variable: 'leader_name', label: '班子成员姓名' }` or `{ file, row, column }`. */
  where: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
/** See {@link Issue}. */
export type Issue = z.infer<typeof Issue>;

/**
 * The project's error: a stable `code`, a Chinese message, and every `issues` found in one pass.
 *
 * @example
 * throw new QingdanError('ANSWERS_INVALID', '答案有 2 处问题', { issues });
 */
export class QingdanError extends Error {
  override readonly name = 'QingdanError';
  readonly code: QingdanErrorCode;
  readonly issues: readonly Issue[];

  constructor(code: QingdanErrorCode, message: string, options: { issues?: Issue[]; cause?: unknown } = {}) {
    const lines = (options.issues ?? []).map((i) => `  - ${i.message}`);
    super(lines.length > 0 ? `${message}\n${lines.join('\n')}` : message, { cause: options.cause });
    this.code = code;
    this.issues = options.issues ?? [];
  }
}
