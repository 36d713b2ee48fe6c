/**
 * XLSX rosters, read with exceljs's streaming reader. Which worksheet: the one `sheet` names; else
 * the only visible worksheet with content; else, among several, the one named 花名册; else an error
 * listing them. A hidden worksheet is never read unless named (one with content that is not read
 * is a warning). Every cell is taken as displayed: numbers and dates through their number format
 * (numfmt, the ECMA-376 format codes Excel uses), formulas by their cached result, rich text
 * joined. A formula without a cached result, or an error value (#N/A …), is a located error naming
 * the cell (`Sheet!B7`). A merged range reads as its top-left cell with the other cells empty, so
 * unit cells merged down a unit's rows take their meaning from the unit fill-down of `readGrid`;
 * a leader cell merged over several rows counts for its first row only.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import * as numfmt from 'numfmt';
import { QingdanError } from '@qingdan/model';
import type { Reporter } from './raw.js';
import type { Grid } from './table.js';

/** The sheet a roster is read from by default when a workbook has several (see the module comment). */
export const DEFAULT_SHEET = '花名册';

/** One worksheet as read: its name, visibility and cells. */
interface Sheet {
  name: string;
  hidden: boolean;
  grid: Grid;
  /** True when some cell has content (or cannot be read). */
  used: boolean;
}

/**
 * Reads the bytes of an XLSX workbook into rows of displayed cell text, from the worksheet chosen
 * as the module comment says.
 *
 * @param options - `sheet`: the worksheet to read (its name as on its tab; the CLI's `--sheet`)
 * @returns the grid and the name of the worksheet it comes from
 * @throws {QingdanError} `ROSTER_INVALID` when the bytes are not a readable XLSX workbook, it has
 *   no worksheet or only empty ones, `sheet` names none of its worksheets (they are listed), or
 *   no worksheet is named and the choice is ambiguous (several visible worksheets with content,
 *   none named 花名册; or content only in hidden worksheets)
 */
export async function xlsxGrid(bytes: Uint8Array, file: string, report: Reporter, options: { sheet?: string } = {}): Promise<{ grid: Grid; sheet: string }> {
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new QingdanError('ROSTER_INVALID', `花名册 ${file} 是旧版 Excel 文件（.xls）或加密的工作簿：请在 Excel 中“另存为” .xlsx（不设密码）后再读取。`);
  }
  const sheets = await readSheets(bytes, file);
  if (sheets.length === 0) throw new QingdanError('ROSTER_INVALID', `花名册 ${file} 中没有工作表：请在工作簿中填写花名册。`);
  const list = (xs: readonly Sheet[]): string => xs.map((x) => `「${x.name}」${x.hidden ? '（隐藏）' : ''}${x.used ? '' : '（空）'}`).join('、');
  const chosen = options.sheet !== undefined ? named(sheets, options.sheet, file, list) : pick(sheets, file, list);
  for (const other of sheets) {
    if (other !== chosen && other.hidden && other.used) {
      report.warning(
        undefined,
        `工作表「${other.name}」是隐藏的，其中有内容，但没有读取（读取的是「${chosen.name}」）：如其中也是花名册的一部分，请在 Excel/WPS 中取消隐藏并并入「${chosen.name}」，或用 --sheet ${other.name} 单独读取。`,
      );
    }
  }
  return { grid: chosen.grid, sheet: chosen.name };
}

/** The worksheet named `name` (as on its tab; surrounding spaces and full-width forms do not matter). */
function named(sheets: readonly Sheet[], name: string, file: string, list: (xs: readonly Sheet[]) => string): Sheet {
  const norm = (s: string): string => s.normalize('NFKC').trim();
  const found = sheets.find((x) => x.name === name) ?? sheets.find((x) => norm(x.name) === norm(name));
  if (found) return found;
  throw new QingdanError('ROSTER_INVALID', `花名册 ${file} 中没有名为「${name}」的工作表：工作簿中的工作表有${list(sheets)}，请改用其中之一的名称。`);
}

/** The worksheet to read when none is named (see the module comment). */
function pick(sheets: readonly Sheet[], file: string, list: (xs: readonly Sheet[]) => string): Sheet {
  const visible = sheets.filter((x) => !x.hidden && x.used);
  if (visible.length === 1) return visible[0] as Sheet;
  if (visible.length > 1) {
    const roster = visible.find((x) => x.name.trim() === DEFAULT_SHEET);
    if (roster) return roster;
    throw new QingdanError(
      'ROSTER_INVALID',
      `花名册 ${file} 有 ${visible.length} 个有内容的工作表（${list(visible)}），不知道读取哪一个：请把花名册所在的工作表命名为「${DEFAULT_SHEET}」，或用 --sheet 名称 指定（如 --sheet ${visible[0]?.name ?? DEFAULT_SHEET}）。`,
    );
  }
  const hidden = sheets.filter((x) => x.hidden && x.used);
  if (hidden.length > 0) {
    throw new QingdanError(
      'ROSTER_INVALID',
      `花名册 ${file} 中可见的工作表都是空的；有内容的工作表${hidden.map((x) => `「${x.name}」`).join('、')}是隐藏的，不会自动读取：请在 Excel/WPS 中右击工作表标签、选“取消隐藏”后保存，或用 --sheet 名称 指定（如 --sheet ${hidden[0]?.name ?? ''}）。`,
    );
  }
  throw new QingdanError('ROSTER_INVALID', `花名册 ${file} 的工作表（${list(sheets)}）都是空的：请在工作表中填写花名册，第 1 行是列名（完整的列见 examples/roster.xlsx）。`);
}

/**
 * Every worksheet of the workbook, in tab order: read with the streaming reader, else (see
 * {@link streamSheets}) with exceljs's whole-workbook loader.
 *
 * @throws {QingdanError} `ROSTER_INVALID` when neither can read the bytes
 */
async function readSheets(bytes: Uint8Array, file: string): Promise<Sheet[]> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const streamed = await streamSheets(buffer).catch(() => undefined);
  if (streamed) return streamed;
  try {
    return await loadSheets(buffer);
  } catch (error) {
    throw new QingdanError(
      'ROSTER_INVALID',
      `花名册 ${file} 无法按 Excel 工作簿（.xlsx）读取（${(error as Error).message}）：请确认文件完好，并在 Excel 中“另存为” .xlsx 后再试。`,
      { cause: error },
    );
  }
}

/**
 * The worksheets through exceljs's streaming reader: `Workbook.xlsx.load` checks every merged
 * range against all others (quadratic: 6 s for 1000 leaders with merged unit cells); this reads
 * such a sheet in 0.2 s. The streaming reader learns names and visibility from `xl/workbook.xml`;
 * when that part is stored after the worksheets (exceljs's own writer does) and the reader has not
 * reached it in time, it fails or leaves them unknown; likewise a worksheet read before the shared
 * strings holds their indexes, not their text. Such a reading is not used.
 *
 * @returns the worksheets, or undefined when a worksheet was read before its name and visibility
 *   were known (a hidden worksheet must never pass for a visible one)
 */
async function streamSheets(buffer: Buffer): Promise<Sheet[] | undefined> {
  const out: { id: number; sheet: Sheet }[] = [];
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buffer]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  for await (const ws of reader) {
    // exceljs's typings omit the streaming worksheet's `id`, `name` and `state` (read from workbook.xml).
    const meta = ws as unknown as { id?: number | string; name?: string; state?: string };
    if (meta.name === undefined) return undefined;
    const grid: Grid = { source: 'xlsx', rows: [], faults: new Map() };
    let used = false;
    for await (const row of ws as AsyncIterable<ExcelJS.Row>) {
      // A shared string read before `xl/sharedStrings.xml` comes as its index: not a text to use.
      if (row.values && (row.values as unknown[]).some((v) => typeof v === 'object' && v !== null && 'sharedString' in v)) return undefined;
      used = addRow(grid, row, meta.name) || used;
    }
    out.push({ id: Number(meta.id), sheet: { name: meta.name, hidden: isHidden(meta.state), grid, used } });
  }
  const order = (reader as unknown as { model?: { sheets?: { id: number }[] } }).model?.sheets ?? [];
  const rank = (id: number): number => order.findIndex((x) => Number(x.id) === id);
  if (out.some((x) => rank(x.id) < 0)) return undefined;
  return out.sort((a, b) => rank(a.id) - rank(b.id)).map((x) => x.sheet);
}

/** The worksheets through exceljs's whole-workbook loader (tab order); merged cells other than the top-left one read as empty, as when streaming. */
async function loadSheets(buffer: Buffer): Promise<Sheet[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook.worksheets.map((ws) => {
    const grid: Grid = { source: 'xlsx', rows: [], faults: new Map() };
    let used = false;
    ws.eachRow((row) => {
      used = addRow(grid, row, ws.name) || used;
    });
    return { name: ws.name, hidden: isHidden(ws.state), grid, used };
  });
}

/** `hidden` and `veryHidden` (only a macro can show it); a visible worksheet often has no `state` at all. */
function isHidden(state: string | undefined): boolean {
  return state === 'hidden' || state === 'veryHidden';
}

/**
 * Adds a row's displayed text (and its unreadable cells) to `grid`.
 * @returns true when some cell has content or cannot be read
 */
function addRow(grid: Grid, row: ExcelJS.Row, sheet: string): boolean {
  const cells: string[] = [];
  let used = false;
  for (let c = 1; c <= row.cellCount; c += 1) {
    const one = row.getCell(c);
    const cell = one.type === ExcelJS.ValueType.Merge ? { text: '' } : displayed(one, sheet);
    if (cell.fault !== undefined) grid.faults?.set(`${row.number}:${c - 1}`, cell.fault);
    if (cell.fault !== undefined || cell.text.trim() !== '') used = true;
    cells.push(cell.text);
  }
  grid.rows.push({ row: row.number, cells });
  return used;
}

/** Milliseconds from the Unix epoch to the spreadsheet epoch (1899-12-30), for date serials. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** How a cell is named in Excel: `花名册!B7`, or `'My sheet'!B7` when the name needs quotes. */
function cellName(sheet: string, address: string): string {
  return /^[\p{L}\p{N}_.]+$/u.test(sheet) ? `${sheet}!${address}` : `'${sheet.replace(/'/gu, "''")}'!${address}`;
}

/**
 * A cell's text as Excel displays it, or why it cannot be read: a formula without a cached result
 * (a file written by a program and never opened in Excel/WPS), or an error value.
 */
function displayed(cell: ExcelJS.Cell, sheet: string): { text: string; fault?: string } {
  let value: unknown = cell.value;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    if ('formula' in value || 'sharedFormula' in value) {
      const f = value as { formula?: string; sharedFormula?: string; result?: unknown };
      const formula = f.formula || f.sharedFormula ? `（=${f.formula || f.sharedFormula}）` : '';
      if (f.result === undefined) {
        return {
          text: '',
          fault: `单元格 ${cellName(sheet, cell.address)} 是公式${formula}，但文件中没有保存它的计算结果（由程序生成、没有在 Excel 中打开保存过的文件常见）：请在 Excel 或 WPS 中打开这个文件并保存，再重新读取。`,
        };
      }
      // The streaming reader gives an error result (#REF! …) as NaN.
      if (typeof f.result === 'number' && Number.isNaN(f.result)) {
        return { text: '', fault: `单元格 ${cellName(sheet, cell.address)} 的公式${formula}算出的是错误值：请在 Excel 或 WPS 中改正这个公式或它引用的单元格，保存后再读取。` };
      }
      value = f.result;
    }
    if (value && typeof value === 'object' && 'error' in value) {
      return {
        text: '',
        fault: `单元格 ${cellName(sheet, cell.address)} 显示的是错误值 ${String((value as { error: unknown }).error)}：请在 Excel 或 WPS 中改正这一格（或它的公式引用的单元格），保存后再读取。`,
      };
    }
  }
  const format = cell.numFmt || 'General';
  if (value instanceof Date) {
    // exceljs gives dates as UTC instants of the serial's wall-clock time.
    const serial = (value.getTime() - EXCEL_EPOCH_MS) / 86_400_000;
    return { text: numfmt.format(numfmt.isDateFormat(format) ? format : 'yyyy-mm-dd', serial) };
  }
  if (typeof value === 'number') return { text: numfmt.format(format, value) };
  if (typeof value === 'boolean') return { text: value ? '是' : '否' };
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: value };
  return { text: cell.text ?? '' };
}
