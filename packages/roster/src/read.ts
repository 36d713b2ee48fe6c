/**
 * `readRoster` / `parseRoster`: a roster file (YAML, CSV or XLSX) → units and leaders with
 * normalised answers, and every problem in one pass.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { QingdanError, type Issue, type Roster, type RosterFormat, type Template } from '@qingdan/model';
import { checkRoster } from './check.js';
import { ColumnIndex } from './columns.js';
import { csvGrid } from './csv.js';
import { Reporter, type RawRoster } from './raw.js';
import { readGrid } from './table.js';
import { xlsxGrid } from './xlsx.js';
import { readYaml } from './yaml.js';

const FORMATS: Record<string, RosterFormat> = { '.yaml': 'yaml', '.yml': 'yaml', '.csv': 'csv', '.xlsx': 'xlsx' };

/**
 * The format of a roster file from its extension (case-insensitive).
 * @throws {QingdanError} `ROSTER_INVALID` for any other extension, saying which are accepted
 */
export function rosterFormat(fileName: string): RosterFormat {
  const ext = extname(fileName).toLowerCase();
  const format = FORMATS[ext];
  if (format) return format;
  const hint = ext === '.xls' ? '旧版 Excel 文件请在 Excel 中“另存为” .xlsx；' : ext === '.txt' || ext === '.tsv' ? '文本表格请改存为 .csv；' : '';
  throw new QingdanError(
    'ROSTER_INVALID',
    `不支持的花名册格式「${ext || '（无扩展名）'}」（${fileName}）：${hint}请使用 .yaml / .yml、.csv 或 .xlsx 文件（示例见 examples/roster.*）。`,
  );
}

/** Options of {@link parseRoster} and {@link readRoster}. */
export interface RosterOptions {
  /**
   * XLSX: the worksheet to read, by the name on its tab (the CLI's `--sheet`). Without it: the only
   * visible worksheet with content, else the one named 花名册, else an error listing them.
   */
  sheet?: string;
}

/**
 * Reads a roster from bytes, the format chosen by the file name's extension (the web app's upload).
 *
 * Column headers (YAML keys) are the templates' variable labels, or the variable keys. CSV/XLSX:
 * one row a leader, unit columns repeated or filled down (see README “花名册”). Every problem is
 * an issue (Chinese, with `where: { file, row, column, field }`, see `RosterPlace`); rows with
 * errors are left out of `units`, good rows are kept; nothing is left out without an issue.
 * Visible normalisations (a control character removed, a line break in a CSV cell read as a list
 * separator, a hidden worksheet not read …) are `warnings`.
 *
 * @param input - the file's bytes and its name (for the format and messages)
 * @param templates - the templates a batch will issue; their variables are the columns
 * @param options - see {@link RosterOptions}
 * @returns the roster (the model's `Roster`): `hash` is the SHA-256 (hex) of the bytes
 * @throws {QingdanError} `ROSTER_INVALID` only when the file as a whole cannot be read: unknown
 *   extension, empty, binary, undecodable, invalid YAML or CSV syntax, a YAML file without a
 *   `单位` list, unreadable XLSX, no worksheet to read or an ambiguous choice of worksheet
 * @example const roster = await parseRoster({ bytes, fileName: '花名册.xlsx' }, [taskList, responsibilityList]);
 */
export async function parseRoster(input: { bytes: Uint8Array; fileName: string }, templates: readonly Template[], options: RosterOptions = {}): Promise<Roster> {
  const { bytes, fileName: file } = input;
  const format = rosterFormat(file);
  const index = new ColumnIndex(templates);
  const report = new Reporter(file);
  let raw: RawRoster;
  let sheet: string | undefined;
  if (format === 'yaml') raw = readYaml(bytes, file, index, report);
  else if (format === 'csv') raw = readGrid(csvGrid(bytes, file), index, report);
  else {
    const xlsx = await xlsxGrid(bytes, file, report, options);
    sheet = xlsx.sheet;
    raw = readGrid(xlsx.grid, index, report);
  }
  const units = checkRoster(raw, index, templates, report);
  return {
    file,
    format,
    ...(sheet !== undefined ? { sheet } : {}),
    hash: createHash('sha256').update(bytes).digest('hex'),
    units,
    issues: byRow(report.issues),
    warnings: byRow(report.warnings),
  };
}

/**
 * Issues in file order: by row, then column (letters A … Z, AA …; YAML column numbers); those
 * about the whole file (no row) first; otherwise in the order found.
 */
export function byRow(issues: readonly Issue[]): Issue[] {
  const column = (i: Issue): [number, string] => {
    const c = i.where?.column;
    return typeof c === 'number' ? [c, ''] : typeof c === 'string' ? [c.length, c] : [0, ''];
  };
  return [...issues].sort((a, b) => {
    const [al, as] = column(a);
    const [bl, bs] = column(b);
    return Number(a.where?.row ?? 0) - Number(b.where?.row ?? 0) || al - bl || as.localeCompare(bs);
  });
}

/**
 * Reads a roster file (see {@link parseRoster}).
 *
 * @param path - a `.yaml`/`.yml`, `.csv` or `.xlsx` file
 * @param templates - the templates a batch will issue
 * @param options - see {@link RosterOptions}
 * @throws {QingdanError} `IO_FAILED` when the file cannot be read; otherwise as {@link parseRoster}
 */
export async function readRoster(path: string, templates: readonly Template[], options: RosterOptions = {}): Promise<Roster> {
  rosterFormat(path);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new QingdanError('IO_FAILED', `无法读取花名册 ${path}：${missing ? '文件不存在，请检查路径' : (error as Error).message}。`, { cause: error });
  }
  return parseRoster({ bytes, fileName: path }, templates, options);
}
