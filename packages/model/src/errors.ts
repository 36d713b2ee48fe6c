/**
 * Errors with stable codes. Packages throw them; only the CLI maps them to exit codes and `--json`.
 */

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
 * where (`path`: file, row, column, field, clause id … whichever apply).
 */
export interface Issue {
  /** Human-readable, in Chinese: what is wrong and how to fix it. */
  message: string;
  /** Where: e.g. `{ variable: 'leader_name', label: '班子成员姓名' }` or `{ file, row, column }`. */
  where?: Record<string, string | number>;
}

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
