import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { QingdanError } from '@qingdan/model';
import { parseRoster, readRoster, rosterCsv, rosterXlsx } from '@qingdan/roster';
import { BASE, columns, labels, root, templates, withoutRows } from './fixtures.js';

const parse = async (workbook: ExcelJS.Workbook | Uint8Array, fileName = '花名册.xlsx') =>
  parseRoster({ bytes: workbook instanceof Uint8Array ? workbook : new Uint8Array(await workbook.xlsx.writeBuffer()), fileName }, templates);

/** Column number (1-based) of a label. */
const col = (label: string): number => labels.indexOf(label) + 1;

describe('XLSX rosters', () => {
  it('reads merged unit cells, a title row, numbers/percentages/dates/formulas as displayed, line breaks in a cell', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('说明').getCell('A1').value = '本工作簿的第二张表是花名册';
    const ws = wb.addWorksheet('花名册');
    ws.getCell(1, 1).value = '2025年区直单位花名册';
    ws.mergeCells(1, 1, 1, 6);
    ws.getRow(2).values = labels;
    const leaders = [
      ['何丽娟同志', '办公室\n综合统计科'],
      ['马俊峰同志', '普查中心、统计执法监督科'],
      ['林春梅同志', '社会经济调查科'],
    ];
    leaders.forEach(([name, divisions], i) => {
      ws.getCell(3 + i, col('班子成员姓名')).value = name!;
      ws.getCell(3 + i, col('分管科室')).value = divisions!;
    });
    for (const [label, value] of Object.entries({ ...BASE, 单位名称: '区统计局' })) ws.getCell(3, col(label)).value = value;
    ws.getCell(3, col('年度')).value = { formula: '2024+1', result: 2025 };
    ws.getCell(3, col('达标党支部比例（%）')).value = 0.6;
    ws.getCell(3, col('达标党支部比例（%）')).numFmt = '0%';
    ws.getCell(3, col('是否设有机关党委')).value = false;
    ws.getCell(3, col('本地专项行动')).value = new Date(Date.UTC(2025, 2, 1));
    ws.getCell(3, col('本地专项行动')).numFmt = 'yyyy"年"m"月"d"日"';
    ws.getCell(3, col('理论中心组全年累计学习次数（不少于）')).value = 12;
    for (const c of columns.filter((x) => x.scope === 'unit')) ws.mergeCells(3, col(c.label), 5, col(c.label));

    const r = await parse(wb);
    expect(r.issues).toEqual([]);
    expect(r.format).toBe('xlsx');
    expect(r.units).toHaveLength(1);
    const unit = r.units[0]!;
    expect(unit.row).toBe(3);
    expect(unit.leaders.map((l) => [l.row, l.name, l.answers.divisions])).toEqual([
      [3, '何丽娟同志', ['办公室', '综合统计科']],
      [4, '马俊峰同志', ['普查中心', '统计执法监督科']],
      [5, '林春梅同志', ['社会经济调查科']],
    ]);
    expect(unit.answers).toMatchObject({
      year: 2025,
      branch_target_percent: 60,
      has_organ_committee: false,
      campaign: '2025年3月1日',
      study_per_year: 12,
      superior: '区委',
    });
  });

  it('names cells by spreadsheet row and column letter', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('花名册');
    ws.getRow(1).values = labels;
    ws.getRow(2).values = labels.map((l) => ({ ...BASE, 单位名称: '区统计局', 班子成员姓名: '何丽娟同志', 分管科室: '办公室' })[l] ?? null);
    ws.getRow(3).values = labels.map((l) => ({ 班子成员姓名: '马俊峰同志' })[l] ?? null);
    const r = await parse(wb);
    expect(r.units.map((u) => u.leaders.map((l) => l.name))).toEqual([['何丽娟同志']]);
    expect(r.issues.map((i) => i.message)).toEqual([
      '花名册.xlsx 第 3 行 C 列（分管科室）：班子成员「马俊峰同志」没有填写「分管科室」：请填写其分管的科室，用“、”分隔，如“办公室、财务科”（已跳过此人）。',
    ]);
  });

  it('refuses bytes that are not a workbook', async () => {
    const err = (await parse(new TextEncoder().encode('单位名称,班子成员姓名\n'), 'roster.xlsx').catch((e: unknown) => e)) as QingdanError;
    expect(err.code).toBe('ROSTER_INVALID');
    expect(err.message).toMatch(/^花名册 roster\.xlsx 无法按 Excel 工作簿（\.xlsx）读取/u);
  });

  it('rosterXlsx merges each unit column down the unit rows, and reads back as written', async () => {
    const yaml = await readRoster(join(root, 'examples', 'roster.yaml'), templates);
    const bytes = await rosterXlsx(yaml.units, templates);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('花名册');
    expect(ws.getCell(3, col('单位名称')).isMerged).toBe(true);
    expect(ws.getCell(3, col('单位名称')).master.address).toBe('A2');
    expect(ws.getCell(3, col('班子成员姓名')).isMerged).toBe(false);
    expect(ws.getCell(6, col('单位名称')).text).toBe('区教育局');
    const back = await parse(bytes);
    expect(back.issues).toEqual([]);
    expect(withoutRows(back.units)).toEqual(withoutRows(yaml.units));
  });

  it('examples/roster.xlsx and roster.csv are what make-examples writes from roster.yaml', async () => {
    const yaml = await readRoster(join(root, 'examples', 'roster.yaml'), templates);
    const xlsx = await readRoster(join(root, 'examples', 'roster.xlsx'), templates);
    expect(xlsx.issues).toEqual([]);
    expect(withoutRows(xlsx.units)).toEqual(withoutRows(yaml.units));
    expect(readFileSync(join(root, 'examples', 'roster.csv'), 'utf8')).toBe(`\uFEFF${rosterCsv(yaml.units, templates)}`);
  });
});
