/**
 * Writing a roster as CSV or XLSX in the shape `parseRoster` reads back: one row a leader, every
 * column of the templates (header = the variable's label), unit values repeated on each row (CSV)
 * or in cells merged down the unit's rows (XLSX). Used to generate `examples/roster.csv|.xlsx`
 * from `examples/roster.yaml`, and to hand users an empty roster to fill in.
 */
import ExcelJS from 'exceljs';
import type { Answers, RosterUnit, Template, Value } from '@qingdan/model';
import { rosterColumns, type RosterColumn } from './columns.js';

/** A value as a person types it in a cell: lists joined with “、”, yes/no as 是/否. */
function cellText(value: Value | undefined): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return value.join('、');
  if (typeof value === 'boolean') return value ? '是' : '否';
  return String(value);
}

/** One row per leader (a unit without leaders gets one row), each cell's value by column. */
function rows(units: readonly Pick<RosterUnit, 'answers' | 'leaders'>[], columns: readonly RosterColumn[]): { unit: number; values: (Value | undefined)[] }[] {
  const out: { unit: number; values: (Value | undefined)[] }[] = [];
  units.forEach((u, ui) => {
    const leaders: { answers: Answers }[] = u.leaders.length > 0 ? u.leaders : [{ answers: {} }];
    for (const l of leaders) out.push({ unit: ui, values: columns.map((c) => (c.scope === 'unit' ? u.answers[c.key] : l.answers[c.key])) });
  });
  return out;
}

function csvField(text: string): string {
  return /[",\r\n]/u.test(text) ? `"${text.replace(/"/gu, '""')}"` : text;
}

/**
 * A roster as CSV text (comma-separated, CRLF line ends as Excel writes them, no BOM: encode it
 * with a UTF-8 BOM, or in GB18030, for Excel to open it with the right encoding).
 *
 * @param units - units with answers keyed by variable key (e.g. `Roster.units`, or `[]` for an empty roster)
 * @param templates - the templates whose variables are the columns
 * @example '\uFEFF' + rosterCsv(roster.units, templates) // what examples/roster.csv holds
 */
export function rosterCsv(units: readonly Pick<RosterUnit, 'answers' | 'leaders'>[], templates: readonly Template[]): string {
  const columns = rosterColumns(templates);
  const lines = [columns.map((c) => csvField(c.label)).join(',')];
  for (const r of rows(units, columns)) lines.push(r.values.map((v) => csvField(cellText(v))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * A roster as an XLSX workbook (one sheet “花名册”): header in row 1 (frozen, bold, with each
 * variable's help as a cell note), one row a leader, each unit-scope column merged down the rows
 * of its unit; numbers as numbers, lists joined with “、”, yes/no as 是/否.
 *
 * @param units - as for {@link rosterCsv}
 * @param templates - the templates whose variables are the columns
 * @returns the .xlsx bytes
 */
export async function rosterXlsx(units: readonly Pick<RosterUnit, 'answers' | 'leaders'>[], templates: readonly Template[]): Promise<Uint8Array> {
  const columns = rosterColumns(templates);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'qingdan';
  workbook.created = new Date(Date.UTC(2025, 0, 1));
  workbook.modified = workbook.created;
  const sheet = workbook.addWorksheet('花名册', { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.label, key: c.key, width: Math.min(40, Math.max(10, c.label.length * 2 + 2)) }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  columns.forEach((c, i) => {
    if (c.help) header.getCell(i + 1).note = c.help;
  });
  const data = rows(units, columns);
  data.forEach((r, ri) => {
    const row = sheet.getRow(ri + 2);
    r.values.forEach((v, ci) => {
      row.getCell(ci + 1).value = typeof v === 'number' ? v : cellText(v) || null;
    });
  });
  // Merge each unit-scope column down the unit's rows.
  for (let start = 0; start < data.length; ) {
    let end = start;
    while (end + 1 < data.length && data[end + 1]?.unit === data[start]?.unit) end += 1;
    if (end > start) {
      columns.forEach((c, ci) => {
        if (c.scope === 'unit') sheet.mergeCells(start + 2, ci + 1, end + 2, ci + 1);
      });
    }
    start = end + 1;
  }
  sheet.eachRow((row) => {
    row.alignment = { vertical: 'middle', wrapText: true };
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
