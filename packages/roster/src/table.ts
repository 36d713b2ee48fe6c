/**
 * CSV and XLSX rosters: one row a leader, the header row giving the columns (a variable's label or
 * key). Unit-scope cells describe the leader's unit; rows are grouped into units by the unit name.
 *
 * Fill-down (documented in the README): a row whose unit-name cell is empty belongs to the unit of
 * the row above (as an XLSX merged cell does — exceljs reads every cell of a merged range as the
 * master's value), and an empty unit-scope cell takes the value given on an earlier row of the same
 * unit. Two different values for one unit field are an error. A column headed 备注 or 说明 is
 * for people and is not read.
 */
import { normalizeHeader, type ColumnIndex, type RosterColumn } from './columns.js';
import { columnLetter, type RawLeader, type RawRoster, type RawUnit, type Reporter } from './raw.js';

/** A sheet as text: each row's cells as displayed, with its spreadsheet row number. */
export interface Grid {
  rows: { row: number; cells: string[] }[];
}

/** Headers of free notes columns, which are not read (and not reported as unknown). */
const NOTE_HEADERS = new Set(['备注', '说明', 'note', 'notes']);

/** How many rows above the header (a title such as “2025年花名册”) are tolerated. */
const HEADER_SEARCH_ROWS = 10;

/**
 * Where the header row is: the first of the top {@link HEADER_SEARCH_ROWS} rows with a cell naming
 * the unit-name or leader-name column.
 *
 * @returns its index in `grid.rows`, or -1 when there is none
 */
export function headerRowIndex(grid: Grid, index: ColumnIndex): number {
  const anchors = [index.role('unit'), index.role('leader')].filter((c): c is RosterColumn => c !== undefined);
  return grid.rows.slice(0, HEADER_SEARCH_ROWS).findIndex((r) => r.cells.some((c) => anchors.some((a) => index.find(c) === a)));
}

/**
 * Turns a sheet into units and leaders, reporting header problems (unknown, duplicate, missing
 * required columns) and conflicting unit values.
 *
 * @param grid - the rows, in order, cells as displayed
 * @param index - the roster columns of the templates
 * @param report - where issues go
 */
export function readGrid(grid: Grid, index: ColumnIndex, report: Reporter): RawRoster {
  const headerAt = headerRowIndex(grid, index);
  const empty: RawRoster = { units: [], missingColumns: new Set(), columnOf: () => undefined };
  if (headerAt < 0) {
    report.issue(
      undefined,
      `没有找到表头行：第 1 行应是列名，每列一个，如${index.columns
        .slice(0, 4)
        .map((c) => `「${c.label}」`)
        .join('')}…（完整的列见 examples/roster.csv）。`,
    );
    return empty;
  }
  const header = grid.rows[headerAt] as Grid['rows'][number];
  const dataRows = grid.rows.slice(headerAt + 1);

  // Header → columns.
  const byPosition: (RosterColumn | undefined)[] = [];
  const positionOf = new Map<string, number>();
  const width = Math.max(header.cells.length, ...dataRows.map((r) => r.cells.length));
  for (let i = 0; i < width; i += 1) {
    const text = (header.cells[i] ?? '').trim();
    const letter = columnLetter(i + 1);
    const place = { row: header.row, column: letter, field: text };
    if (text === '') {
      const used = dataRows.find((r) => (r.cells[i] ?? '').trim() !== '');
      if (used) report.issue({ row: header.row, column: letter }, `这一列没有表头，但第 ${used.row} 行等处有内容：请在第 ${header.row} 行填写列名，或删去这一列。`);
      byPosition.push(undefined);
      continue;
    }
    const column = index.find(text);
    if (!column && NOTE_HEADERS.has(normalizeHeader(text))) {
      byPosition.push(undefined); // a free notes column, for people; not read
      continue;
    }
    if (!column) {
      const hint = index.suggest(text);
      report.issue(
        place,
        `表头「${text}」不是模板中的任何一项，这一列的内容不会被使用：${hint ? `是不是「${hint}」？` : ''}请改为模板中的列名（完整的列见 examples/roster.csv）；只作备忘的列请把表头改为「备注」，或删去这一列。`,
      );
      byPosition.push(undefined);
      continue;
    }
    const first = positionOf.get(column.key);
    if (first !== undefined) {
      report.issue(place, `「${column.label}」与 ${columnLetter(first + 1)} 列重复，这一列的内容不会被使用：请删去其中一列。`);
      byPosition.push(undefined);
      continue;
    }
    positionOf.set(column.key, i);
    byPosition.push(column);
  }
  const missingColumns = new Set<string>();
  const needsLeaders = index.role('leader') !== undefined;
  for (const c of index.columns) {
    if (positionOf.has(c.key) || !(c.required || c.role === 'unit' || (needsLeaders && (c.role === 'leader' || c.role === 'divisions')))) continue;
    missingColumns.add(c.key);
    report.issue(
      { row: header.row },
      `缺少「${c.label}」列（${c.key}）：请在第 ${header.row} 行添加这一列表头，并为每个${c.scope === 'unit' ? '单位' : '班子成员'}填写${c.help ? `（${c.help}）` : ''}。`,
      { field: c.label, variable: c.key },
    );
  }
  const columnOf = (key: string): { column: string; field: string } | undefined => {
    const i = positionOf.get(key);
    return i === undefined ? undefined : { column: columnLetter(i + 1), field: (header.cells[i] ?? '').trim() };
  };

  // Rows → units and leaders.
  const unitCol = index.role('unit');
  const unitPos = unitCol ? positionOf.get(unitCol.key) : undefined;
  const units = new Map<string, RawUnit>();
  const order: RawUnit[] = [];
  let current: RawUnit | undefined;
  for (const r of dataRows) {
    if (r.cells.every((c) => c.trim() === '')) continue;
    const unitName = unitPos === undefined ? '' : (r.cells[unitPos] ?? '').trim();
    let unit = unitName !== '' ? units.get(unitName) : current;
    if (!unit) {
      unit = { place: { row: r.row }, fields: new Map(), leaders: [], broken: false };
      if (unitName !== '') units.set(unitName, unit);
      order.push(unit);
    }
    current = unit;
    const leader: RawLeader = { place: { row: r.row }, fields: new Map() };
    byPosition.forEach((column, i) => {
      const text = (r.cells[i] ?? '').trim() === '' ? '' : (r.cells[i] ?? '');
      if (!column || text === '') return;
      const place = { row: r.row, column: columnLetter(i + 1), field: (header.cells[i] ?? '').trim() };
      if (column.scope === 'leader') {
        leader.fields.set(column.key, { value: text, place });
        return;
      }
      const before = unit.fields.get(column.key);
      if (!before) {
        unit.fields.set(column.key, { value: text, place });
      } else if (String(before.value).trim() !== text.trim()) {
        unit.broken = true;
        report.issue(
          place,
          `同一单位的「${column.label}」前后不一致：第 ${before.place.row} 行是“${String(before.value).trim()}”，本行是“${text.trim()}”。同一单位各行应填写相同的值（也可只在该单位的第一行填写），请改为一致。`,
          { variable: column.key },
        );
      }
    });
    if (leader.fields.size > 0) unit.leaders.push(leader);
  }
  return { units: order, missingColumns, columnOf };
}
