/**
 * XLSX faults (issue 17 point 5): hidden worksheets are never read silently, several visible
 * worksheets need a name (the `sheet` option, or a worksheet named 花名册), and a cell whose value
 * is not in the file (a formula never calculated, an error value) is an error naming the cell.
 * Workbooks are made here with exceljs, the library the roster reads them with.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { QingdanError, Roster } from '@qingdan/model';
import { parseRoster } from '@qingdan/roster';
import { grid, HEAD, labels, leaderRow, MEMBER, messages, templates, type Cells } from './fixtures.js';

/** Adds a worksheet holding the header and `rows` (cells by label). */
function addSheet(wb: ExcelJS.Workbook, name: string, rows: Cells[], state: 'visible' | 'hidden' = 'visible'): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { state });
  grid(rows).forEach((cells, i) => {
    ws.getRow(i + 1).values = cells.map((c) => (c === '' ? null : c));
  });
  return ws;
}

const parse = async (wb: ExcelJS.Workbook, sheet?: string) =>
  Roster.parse(
    await parseRoster({ bytes: new Uint8Array(await wb.xlsx.writeBuffer()), fileName: '花名册.xlsx' }, templates, sheet !== undefined ? { sheet } : {}),
  );
const refusal = async (wb: ExcelJS.Workbook, sheet?: string): Promise<QingdanError> => {
  const e = await parse(wb, sheet).then(
    () => undefined,
    (x: unknown) => x,
  );
  if (!(e instanceof QingdanError)) throw new Error(`expected a QingdanError, got ${String(e)}`);
  return e;
};
const leaders = (r: Roster): string[] => r.units.flatMap((u) => u.leaders.map((l) => `${u.name}/${l.name}(${l.row})`));

describe('XLSX: which worksheet', () => {
  it('a hidden first worksheet is not read: the visible one is, and the hidden one is named in a warning', async () => {
    const wb = new ExcelJS.Workbook();
    addSheet(wb, '去年', [leaderRow('区统计局', '王去年同志', '办公室')], 'hidden');
    addSheet(wb, '名单', [leaderRow('区统计局', '何丽娟同志', '办公室', HEAD), leaderRow('区统计局', '马俊峰同志', '普查中心', MEMBER)]);
    const r = await parse(wb);
    expect(r.sheet).toBe('名单');
    expect(r.issues).toEqual([]);
    expect(leaders(r)).toEqual(['区统计局/何丽娟同志(2)', '区统计局/马俊峰同志(3)']);
    expect(r.warnings.map((w) => w.message)).toEqual([
      '花名册.xlsx：工作表「去年」是隐藏的，其中有内容，但没有读取（读取的是「名单」）：如其中也是花名册的一部分，请在 Excel/WPS 中取消隐藏并并入「名单」，或用 --sheet 去年 单独读取。',
    ]);
  });

  it('content only in a hidden worksheet: refused, naming it and how to read it', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1');
    addSheet(wb, '名单', [leaderRow('区统计局', '何丽娟同志', '办公室')], 'hidden');
    const err = await refusal(wb);
    expect(err.code).toBe('ROSTER_INVALID');
    expect(err.message).toBe(
      '花名册 花名册.xlsx 中可见的工作表都是空的；有内容的工作表「名单」是隐藏的，不会自动读取：请在 Excel/WPS 中右击工作表标签、选“取消隐藏”后保存，或用 --sheet 名称 指定（如 --sheet 名单）。',
    );
    // … and read when named
    expect(leaders(await parse(wb, '名单'))).toEqual(['区统计局/何丽娟同志(2)']);
  });

  it('several visible worksheets with content and none named 花名册: refused, listing them; the `sheet` option chooses', async () => {
    const wb = new ExcelJS.Workbook();
    addSheet(wb, '统计局', [leaderRow('区统计局', '何丽娟同志', '办公室')]);
    addSheet(wb, '教育局', [leaderRow('区教育局', '刘晓燕同志', '组织人事科')]);
    wb.addWorksheet('Sheet3'); // empty, as old Excel adds: not counted
    const err = await refusal(wb);
    expect(err.message).toBe(
      '花名册 花名册.xlsx 有 2 个有内容的工作表（「统计局」、「教育局」），不知道读取哪一个：请把花名册所在的工作表命名为「花名册」，或用 --sheet 名称 指定（如 --sheet 统计局）。',
    );
    const edu = await parse(wb, '教育局');
    expect(edu.sheet).toBe('教育局');
    expect(leaders(edu)).toEqual(['区教育局/刘晓燕同志(2)']);
    const wrong = await refusal(wb, '审计局');
    expect(wrong.message).toBe('花名册 花名册.xlsx 中没有名为「审计局」的工作表：工作簿中的工作表有「统计局」、「教育局」、「Sheet3」（空），请改用其中之一的名称。');
  });

  it('one visible worksheet with content among empty ones is read without asking', async () => {
    const wb = new ExcelJS.Workbook();
    addSheet(wb, 'Sheet1', [leaderRow('区统计局', '何丽娟同志', '办公室', HEAD)]);
    wb.addWorksheet('Sheet2');
    wb.addWorksheet('Sheet3');
    const r = await parse(wb);
    expect(r.sheet).toBe('Sheet1');
    expect(r.warnings).toEqual([]);
    expect(leaders(r)).toEqual(['区统计局/何丽娟同志(2)']);
  });
});

describe('XLSX: a zip whose workbook part comes after the worksheets', () => {
  it('is read in full (not with unknown sheet names or visibility): the hidden worksheet is still not read', async () => {
    const wb = new ExcelJS.Workbook();
    addSheet(wb, '去年', [leaderRow('区统计局', '王去年同志', '办公室')], 'hidden');
    addSheet(wb, '名单', [leaderRow('区统计局', '何丽娟同志', '办公室', HEAD)]);
    // Re-zip with the relationships and shared strings first and xl/workbook.xml last: the streaming
    // reader then meets the worksheets before it knows their names and visibility.
    const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
    const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir);
    const rank = (n: string): number => (n === 'xl/workbook.xml' ? 3 : n.startsWith('xl/worksheets/') ? 2 : 1);
    const out = new JSZip();
    for (const n of names.sort((a, b) => rank(a) - rank(b))) out.file(n, await zip.file(n)!.async('uint8array'));
    const bytes = await out.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    const r = Roster.parse(await parseRoster({ bytes, fileName: '花名册.xlsx' }, templates));
    expect(r.sheet).toBe('名单');
    expect(leaders(r)).toEqual(['区统计局/何丽娟同志(2)']);
    expect(r.warnings.map((w) => w.message)).toEqual([expect.stringContaining('工作表「去年」是隐藏的，其中有内容，但没有读取')]);
  });
});

describe('XLSX: cells whose value is not in the file', () => {
  it('a formula without a cached value is an error naming the cell (Sheet!B7), saying to open and save it in Excel/WPS', async () => {
    const wb = new ExcelJS.Workbook();
    const rows = ['何丽娟同志', '马俊峰同志', '林春梅同志', '张秀兰同志', '李建华同志', '周明同志'].map((n, i) => leaderRow('区统计局', n, `科室${i + 1}`));
    const ws = addSheet(wb, '名单', rows);
    ws.getCell('B7').value = { formula: 'CONCATENATE("周明","同志")' } as ExcelJS.CellFormulaValue; // never calculated: no <v> in the file
    const r = await parse(wb);
    expect(leaders(r)).toEqual(['何丽娟同志(2)', '马俊峰同志(3)', '林春梅同志(4)', '张秀兰同志(5)', '李建华同志(6)'].map((l) => `区统计局/${l}`));
    expect(r.issues.map((i) => i.where)).toEqual([{ file: '花名册.xlsx', row: 7, column: 'B', field: '班子成员姓名', variable: 'leader_name' }]);
    expect(messages(r)).toEqual([
      '花名册.xlsx 第 7 行 B 列（班子成员姓名）：单元格 名单!B7 是公式（=CONCATENATE("周明","同志")），但文件中没有保存它的计算结果（由程序生成、没有在 Excel 中打开保存过的文件常见）：请在 Excel 或 WPS 中打开这个文件并保存，再重新读取。',
    ]);
  });

  it('a formula in a unit cell without a cached value: the unit is left out with that one error, not “missing”', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = addSheet(wb, '花名册', [leaderRow('区统计局', '何丽娟同志', '办公室'), leaderRow('区教育局', '刘晓燕同志', '办公室')]);
    ws.getCell(2, labels.indexOf('年度') + 1).value = { formula: 'YEAR(TODAY())' } as ExcelJS.CellFormulaValue;
    const r = await parse(wb);
    expect(leaders(r)).toEqual(['区教育局/刘晓燕同志(3)']);
    expect(messages(r)).toEqual([
      '花名册.xlsx 第 2 行 D 列（年度）：单元格 花名册!D2 是公式（=YEAR(TODAY())），但文件中没有保存它的计算结果（由程序生成、没有在 Excel 中打开保存过的文件常见）：请在 Excel 或 WPS 中打开这个文件并保存，再重新读取。',
    ]);
  });

  it('an error value (#N/A) is an error naming the cell, not the text “#N/A”', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = addSheet(wb, '花名册', [leaderRow('区统计局', '何丽娟同志', '办公室'), leaderRow('区统计局', '马俊峰同志', '普查中心')]);
    ws.getCell('C3').value = { error: '#N/A' } as ExcelJS.CellErrorValue;
    const r = await parse(wb);
    expect(leaders(r)).toEqual(['区统计局/何丽娟同志(2)']);
    expect(messages(r)).toEqual([
      '花名册.xlsx 第 3 行 C 列（分管科室）：单元格 花名册!C3 显示的是错误值 #N/A：请在 Excel 或 WPS 中改正这一格（或它的公式引用的单元格），保存后再读取。',
    ]);
  });
});
