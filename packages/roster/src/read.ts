/**
 * `readRoster` / `parseRoster`: a roster file (YAML, CSV or XLSX) → units and leaders with
 * normalised answers, and every problem in one pass.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { QingdanError, type Template } from '@qingdan/model';
import { checkRoster } from './check.js';
import { ColumnIndex } from './columns.js';
import { csvGrid } from './csv.js';
import { Reporter, type RawRoster } from './raw.js';
import { readGrid } from './table.js';
import type { Roster, RosterFormat } from './types.js';
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

/**
 * Reads a roster from bytes, the format chosen by the file name's extension (the web app's upload).
 *
 * Column headers (YAML keys) are the templates' variable labels, or the variable keys. CSV/XLSX:
 * one row a leader, unit columns repeated or filled down (see README “花名册”). Every problem is
 * an issue (Chinese, with `where: { file, row, column, field }`); rows with errors are left out of
 * `units`, good rows are kept.
 *
 * @param input - the file's bytes and its name (for the format and messages)
 * @param templates - the templates a batch will issue; their variables are the columns
 * @returns the roster: `hash` is the SHA-256 (hex) of the bytes
 * @throws {QingdanError} `ROSTER_INVALID` only when the file as a whole cannot be read: unknown
 *   extension, empty, binary, undecodable, invalid YAML or CSV syntax, unreadable XLSX
 * @example const roster = await parseRoster({ bytes, fileName: '花名册.xlsx' }, [taskList, responsibilityList]);
 */
export async function parseRoster(input: { bytes: Uint8Array; fileName: string }, templates: readonly Template[]): Promise<Roster> {
  const { bytes, fileName: file } = input;
  const format = rosterFormat(file);
  const index = new ColumnIndex(templates);
  const report = new Reporter(file);
  let raw: RawRoster;
  if (format === 'yaml') raw = readYaml(bytes, file, index, report);
  else if (format === 'csv') raw = readGrid(csvGrid(bytes, file), index, report);
  else raw = readGrid(await xlsxGrid(bytes, file, index), index, report);
  const units = checkRoster(raw, index, templates, report);
  const byRow = (a: { where?: Record<string, string | number> }, b: { where?: Record<string, string | number> }): number =>
    Number(a.where?.row ?? 0) - Number(b.where?.row ?? 0);
  return {
    file,
    format,
    hash: createHash('sha256').update(bytes).digest('hex'),
    units,
    issues: [...report.issues].sort(byRow),
    warnings: [...report.warnings].sort(byRow),
  };
}

/**
 * Reads a roster file (see {@link parseRoster}).
 *
 * @param path - a `.yaml`/`.yml`, `.csv` or `.xlsx` file
 * @param templates - the templates a batch will issue
 * @throws {QingdanError} `IO_FAILED` when the file cannot be read; otherwise as {@link parseRoster}
 */
export async function readRoster(path: string, templates: readonly Template[]): Promise<Roster> {
  rosterFormat(path);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new QingdanError('IO_FAILED', `无法读取花名册 ${path}：${missing ? '文件不存在，请检查路径' : (error as Error).message}。`, { cause: error });
  }
  return parseRoster({ bytes, fileName: path }, templates);
}
