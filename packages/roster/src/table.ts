/**
 * CSV and XLSX rosters: one row a leader, the header row giving the columns (a variable's label or
 * key). Unit-scope cells describe the leader's unit; rows are grouped into units by the unit name.
 *
 * Fill-down (documented in the README): a row whose unit-name cell is empty belongs to the unit of
 * the row above (as an XLSX merged cell does — exceljs reads every cell of a merged range as the
 * master's value), and an empty unit-scope cell takes the value given on an earlier row of the same
 * unit. Two different values for one unit field are an error. A column headed 备注 or 说明 is
 * for people and is not read.
 *
 * Nothing is dropped without a word: a row with unit values but no leader values is an error
 * (each row is a leader) unless its unit has no leader at all (then the check for a unit without
 * leaders reports it once); a unit whose rows are not together is read as one unit with a
 * warning; in a CSV file a line break inside a cell splits a list (with a warning) and is an
 * error anywhere else (it usually comes from an unpaired quote that swallowed the next line).
 */
import { normalizeHeader, type ColumnIndex, type RosterColumn } from './columns.js';
import { splitList } from '@qingdan/engine';
import { columnLetter, type Place, type RawLeader, type RawRoster, type RawUnit, type Reporter } from './raw.js';

/** A sheet as text: each row's cells as displayed, with its spreadsheet row number. */
export interface Grid {
  /** `csv`: a line break inside a cell is suspect (see {@link readGrid}); `xlsx`: it is Alt+Enter. */
  source: 'csv' | 'xlsx';
  rows: { row: number; cells: string[] }[];
  /**
   * Cells whose value cannot be read (a formula without a cached result, an error value), by
   * `row:index` (spreadsheet row, 0-based cell index): the message saying why and what to do.
   */
  faults?: Map<string, string>;
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
    const fault = grid.faults?.get(`${header.row}:${i}`);
    if (fault !== undefined) {
      report.issue({ row: header.row, column: letter }, fault);
      byPosition.push(undefined);
      continue;
    }
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
  const leaderCol = index.role('leader');
  const divisionsCol = index.role('divisions');
  const unitPos = unitCol ? positionOf.get(unitCol.key) : undefined;
  const units = new Map<string, RawUnit>();
  const order: RawUnit[] = [];
  /** Rows of each unit that hold unit values only (reported once it is known whether the unit has leaders). */
  const bare = new Map<RawUnit, number[]>();
  let current: RawUnit | undefined;
  const placeAt = (row: number, i: number): Place => ({ row, column: columnLetter(i + 1), field: (header.cells[i] ?? '').trim() });
  for (const r of dataRows) {
    // A row counts when a column that is read has content (a note in 备注 alone is for people).
    if (!byPosition.some((column, i) => column !== undefined && ((r.cells[i] ?? '').trim() !== '' || grid.faults?.has(`${r.row}:${i}`)))) continue;
    const unitName = unitPos === undefined ? '' : (r.cells[unitPos] ?? '').trim();
    let unit = unitName !== '' ? units.get(unitName) : current;
    if (unit && unitName !== '' && current !== undefined && unit !== current && unitPos !== undefined) {
      report.warning(
        placeAt(r.row, unitPos),
        `单位「${unitName}」的行不相连：第 ${unit.place.row} 行起已有这个单位，中间隔着其他单位的行；已按同一个单位读取。如确为两个不同的单位，请写全称加以区分。`,
        { variable: unitCol?.key ?? '' },
      );
    }
    if (!unit) {
      unit = { place: { row: r.row }, fields: new Map(), leaders: [], broken: false, reported: new Set() };
      if (unitName !== '') units.set(unitName, unit);
      order.push(unit);
    }
    current = unit;
    const owner = unit;
    const leader: RawLeader = { place: { row: r.row }, fields: new Map(), reported: new Set() };
    let leaderValues = false;
    byPosition.forEach((column, i) => {
      if (!column) return;
      const place = placeAt(r.row, i);
      const fault = grid.faults?.get(`${r.row}:${i}`);
      const target = column.scope === 'leader' ? leader : owner;
      if (column.scope === 'leader') leaderValues ||= fault !== undefined || (r.cells[i] ?? '').trim() !== '';
      if (fault !== undefined) {
        report.issue(place, fault, { variable: column.key });
        target.broken = true;
        target.reported?.add(column.key);
        return;
      }
      const text = (r.cells[i] ?? '').trim() === '' ? '' : (r.cells[i] ?? '');
      if (text === '') return;
      if (grid.source === 'csv' && /[\r\n]/u.test(text.trim())) {
        if (column.type === 'list') {
          report.warning(
            place,
            `单元格中有换行，已按换行把它分为 ${splitList(text).length} 项（${splitList(text).join('、')}）：如这不是有意的分项，请检查这一格及前后的英文双引号 " 是否配对。`,
            { variable: column.key },
          );
        } else {
          report.issue(
            place,
            `单元格中有换行：「${column.label}」不能分行（只有「${divisionsCol?.label ?? '分管科室'}」这样的列表项可以用换行分项）。CSV 中这样的换行也常因英文双引号 " 没有配对、把下一行并进了这一格：请删去换行，或检查引号。`,
            { variable: column.key },
          );
          target.broken = true;
          target.reported?.add(column.key);
          return;
        }
      }
      if (column.scope === 'leader') {
        leader.fields.set(column.key, { value: text, place });
        return;
      }
      const before = owner.fields.get(column.key);
      if (!before) {
        owner.fields.set(column.key, { value: text, place });
      } else if (String(before.value).trim() !== text.trim()) {
        owner.broken = true;
        report.issue(
          place,
          `同一单位的「${column.label}」前后不一致：第 ${before.place.row} 行是“${String(before.value).trim()}”，本行是“${text.trim()}”。同一单位各行应填写相同的值（也可只在该单位的第一行填写），请改为一致。`,
          { variable: column.key },
        );
      }
    });
    if (leaderValues) owner.leaders.push(leader);
    else if (leaderCol) bare.set(owner, [...(bare.get(owner) ?? []), r.row]);
  }
  for (const [unit, rows] of bare) {
    if (unit.leaders.length === 0 || !leaderCol) continue;
    const leaderPos = positionOf.get(leaderCol.key);
    const needed = [leaderCol, divisionsCol].filter((c) => c !== undefined).map((c) => `「${c.label}」`).join('和');
    for (const row of rows) {
      report.issue(
        leaderPos === undefined ? { row } : placeAt(row, leaderPos),
        `这一行只有单位的项，没有填写${needed}：花名册每行是一位班子成员，请补上这位班子成员；如果这一行多余，请删去（单位的各项写在该单位任一位班子成员的行上即可）。`,
        { variable: leaderCol.key },
      );
    }
  }
  if (order.length === 0) {
    report.issue(
      { row: header.row },
      `第 ${header.row} 行的表头下面没有任何单位或班子成员：花名册每行是一位班子成员及其单位，请从第 ${header.row + 1} 行起填写（写法见 examples/roster.csv）。`,
    );
  }
  return { units: order, missingColumns, columnOf };
}
