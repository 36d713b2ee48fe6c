/**
 * CSV rosters: UTF-8 with or without BOM, UTF-16 with BOM, or GB18030 (Chinese Excel's
 * “CSV（逗号分隔）”); comma-, tab- or semicolon-separated (the separator most frequent in the
 * first line). Row n of the sheet is the n-th record, as Excel shows it.
 */
import { parse } from 'csv-parse/sync';
import { QingdanError } from '@qingdan/model';
import { decodeRosterText } from './decode.js';
import type { Grid } from './table.js';

/**
 * Reads the bytes of a CSV file into rows of cells.
 *
 * @throws {QingdanError} `ROSTER_INVALID` when the bytes are not text (see {@link decodeRosterText})
 *   or the CSV cannot be parsed (an unclosed quote), naming the line
 */
export function csvGrid(bytes: Uint8Array, file: string): Grid {
  const { text } = decodeRosterText(bytes, file);
  const firstLine = text.slice(0, text.search(/\r?\n|$/u));
  const delimiter = [',', '\t', ';'].map((d) => ({ d, n: firstLine.split(d).length })).sort((a, b) => b.n - a.n)[0]?.d ?? ',';
  let records: string[][];
  try {
    records = parse(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false }) as string[][];
  } catch (error) {
    // The record that failed is the one after those parsed (an unclosed quote runs to the end of the file).
    const parsed = (error as { records?: number }).records;
    const line = parsed === undefined ? undefined : parsed + 1;
    throw new QingdanError(
      'ROSTER_INVALID',
      `花名册 ${file}${line ? ` 第 ${line} 行起` : ''}无法按 CSV 读取（${(error as Error).message}）：多半是某个单元格的英文双引号 " 没有配对；请在 Excel 中打开并重新“另存为 CSV”，或把单元格中的 " 改为中文引号“”。`,
      { cause: error, issues: [{ message: (error as Error).message, where: { file, ...(line ? { row: line } : {}) } }] },
    );
  }
  return { source: 'csv', rows: records.map((cells, i) => ({ row: i + 1, cells })) };
}
