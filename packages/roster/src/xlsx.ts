/**
 * XLSX rosters, read with exceljs: the first worksheet whose first rows hold a recognised header
 * (else the first worksheet). Every cell is taken as displayed: numbers and dates through their
 * number format (numfmt, the ECMA-376 format codes Excel uses), formulas by their cached result,
 * rich text joined; the cells of a merged range all read as the range's top-left cell.
 */
import ExcelJS from 'exceljs';
import * as numfmt from 'numfmt';
import { QingdanError } from '@qingdan/model';
import type { ColumnIndex } from './columns.js';
import type { Grid } from './table.js';

/**
 * Reads the bytes of an XLSX workbook into rows of displayed cell text.
 *
 * @throws {QingdanError} `ROSTER_INVALID` when the bytes are not a readable XLSX workbook or it has no worksheet
 */
export async function xlsxGrid(bytes: Uint8Array, file: string, index: ColumnIndex): Promise<Grid> {
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new QingdanError('ROSTER_INVALID', `花名册 ${file} 是旧版 Excel 文件（.xls）或加密的工作簿：请在 Excel 中“另存为” .xlsx（不设密码）后再读取。`);
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (error) {
    throw new QingdanError(
      'ROSTER_INVALID',
      `花名册 ${file} 无法按 Excel 工作簿（.xlsx）读取（${(error as Error).message}）：请确认文件完好，并在 Excel 中“另存为” .xlsx 后再试。`,
      { cause: error },
    );
  }
  const grids = workbook.worksheets.map(sheetGrid);
  if (grids.length === 0) throw new QingdanError('ROSTER_INVALID', `花名册 ${file} 中没有工作表：请在第一个工作表中填写花名册。`);
  const anchors = new Set([index.role('unit')?.key, index.role('leader')?.key].filter(Boolean));
  const hasHeader = (g: Grid): boolean =>
    g.rows.slice(0, 10).some((r) => r.cells.some((c) => anchors.has(index.find(c)?.key)));
  return grids.find(hasHeader) ?? (grids[0] as Grid);
}

function sheetGrid(sheet: ExcelJS.Worksheet): Grid {
  const rows: Grid['rows'] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c += 1) cells.push(displayed(row.getCell(c)));
    rows.push({ row: rowNumber, cells });
  });
  return { rows };
}

/** Milliseconds from the Unix epoch to the spreadsheet epoch (1899-12-30), for date serials. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** A cell's text as Excel displays it. */
function displayed(cell: ExcelJS.Cell): string {
  let value: unknown = cell.value;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    if ('result' in value) value = (value as { result?: unknown }).result;
    else if ('formula' in value || 'sharedFormula' in value) value = undefined;
  }
  const format = cell.numFmt || 'General';
  if (value instanceof Date) {
    // exceljs gives dates as UTC instants of the serial's wall-clock time.
    const serial = (value.getTime() - EXCEL_EPOCH_MS) / 86_400_000;
    return numfmt.format(numfmt.isDateFormat(format) ? format : 'yyyy-mm-dd', serial);
  }
  if (typeof value === 'number') return numfmt.format(format, value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  return cell.text ?? '';
}
