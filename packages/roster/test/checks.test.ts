import { describe, expect, it } from 'vitest';
import { parseRoster } from '@qingdan/roster';
import { BASE, csvText, grid, labels, leaderRow, messages, templates, utf8, type Cells } from './fixtures.js';

const read = (rows: Cells[], header?: string[]) =>
  parseRoster({ bytes: utf8(csvText(grid(rows, header))), fileName: 'roster.csv' }, templates);

const names = (r: Awaited<ReturnType<typeof read>>) => r.units.map((u) => `${u.name}: ${u.leaders.map((l) => `${l.row} ${l.name}`).join('，')}`);

describe('roster checks', () => {
  it('three bad rows among good ones: all three reported with row and column, the good rows kept, a repeated name left out on both rows', async () => {
    const r = await read([
      leaderRow('区统计局', '何丽娟同志', '办公室、综合统计科'),
      leaderRow('区统计局', '马俊峰同志', ''),
      leaderRow('区统计局', '林春梅同志', '办公室'),
      leaderRow('区教育局', '刘晓燕同志', '组织人事科'),
      leaderRow('区教育局', '刘晓燕同志', '基础教育科'),
      leaderRow('区教育局', '赵国强同志', '计划财务科'),
    ]);
    // 刘晓燕同志 twice in 区教育局: which row is right cannot be told, so neither is issued (one issue names both rows)
    expect(names(r)).toEqual(['区统计局: 2 何丽娟同志', '区教育局: 7 赵国强同志']);
    expect(r.issues.map((i) => [i.where?.row, i.where?.column, i.where?.field])).toEqual([
      [3, 'C', '分管科室'],
      [4, 'C', '分管科室'],
      [6, 'B', '班子成员姓名'],
    ]);
    expect(messages(r)).toMatchInlineSnapshot(`
      [
        "roster.csv 第 3 行 C 列（分管科室）：班子成员「马俊峰同志」没有填写「分管科室」：请填写其分管的科室，用“、”分隔，如“办公室、财务科”（已跳过此人）。",
        "roster.csv 第 4 行 C 列（分管科室）：单位「区统计局」的科室「办公室」已由第 2 行的「何丽娟同志」分管，不能同时由「林春梅同志」分管：一个科室只由一位班子成员分管，请从其中一行删去（已跳过此人）。",
        "roster.csv 第 6 行 B 列（班子成员姓名）：单位「区教育局」的班子成员「刘晓燕同志」在第 5 行 B 列已经出现过：同一单位每位班子成员只写一次。无法判断哪一行是对的，这两行都未生成：请删去重复的一行；如确为同名的两个人，请在姓名中加以区分（如“张伟（副局长）”）。",
      ]
    `);
  });

  it('a unit without leaders', async () => {
    const r = await read([{ ...BASE, 单位名称: '区审计局' }, leaderRow('区统计局', '何丽娟同志', '办公室')]);
    expect(names(r)).toEqual(['区统计局: 3 何丽娟同志']);
    expect(r.issues.map((i) => i.where)).toEqual([{ file: 'roster.csv', row: 2, column: 'B', field: '班子成员姓名', variable: 'leader_name' }]);
    expect(messages(r)).toMatchInlineSnapshot(`
      [
        "roster.csv 第 2 行 B 列（班子成员姓名）：单位「区审计局」没有班子成员：请为它添加班子成员（每人一行，填写「班子成员姓名」和「分管科室」），否则无法生成领导责任清单。",
      ]
    `);
  });

  it('a leader row without a name, and a first row without a unit name', async () => {
    const r = await read([
      { ...leaderRow('', '何丽娟同志', '办公室') },
      leaderRow('区统计局', '', '综合统计科'),
      leaderRow('区统计局', '马俊峰同志', '普查中心'),
    ]);
    expect(names(r)).toEqual(['区统计局: 4 马俊峰同志']);
    expect(messages(r)).toMatchInlineSnapshot(`
      [
        "roster.csv 第 2 行 A 列（单位名称）：没有填写「单位名称」：请填写单位全称，如“区发展和改革局”。",
        "roster.csv 第 3 行 B 列（班子成员姓名）：这一行填了班子成员的内容，但没有填写「班子成员姓名」：请补上姓名（写法如“张三同志”），或删去这一行。",
      ]
    `);
  });

  it('values of the wrong type or out of range, named by cell', async () => {
    const r = await read([
      leaderRow('区统计局', '何丽娟同志', '办公室', { 年度: '二〇二五', 是否民族地区: '也许', '达标党支部比例（%）': '150' }),
      leaderRow('区教育局', '刘晓燕同志', '办公室', { 年度: '2025年', '达标党支部比例（%）': '70%' }),
    ]);
    expect(names(r)).toEqual(['区教育局: 3 刘晓燕同志']);
    expect(r.units[0]!.answers).toMatchObject({ year: 2025, branch_target_percent: 70 });
    expect(r.issues.map((i) => `${i.where?.row}${i.where?.column}`)).toEqual(['2D', '2W', '2AI']);
    expect(messages(r)).toMatchInlineSnapshot(`
      [
        "roster.csv 第 2 行 D 列（年度）：「年度」（year）应为数字，收到 "二〇二五"。",
        "roster.csv 第 2 行 W 列（是否民族地区）：「是否民族地区」（ethnic_region）应填“是”或“否”，收到 "也许"。",
        "roster.csv 第 2 行 AI 列（达标党支部比例（%））：「达标党支部比例（%）」（branch_target_percent）不能大于 100，收到 150。",
      ]
    `);
  });

  it('a required value left empty on every row of a unit', async () => {
    const r = await read([leaderRow('区统计局', '何丽娟同志', '办公室', { 上级党委: '' }), leaderRow('区教育局', '刘晓燕同志', '办公室')]);
    expect(names(r)).toEqual(['区教育局: 3 刘晓燕同志']);
    expect(messages(r)).toMatchInlineSnapshot(`
      [
        "roster.csv 第 2 行 F 列（上级党委）：缺少必填项「上级党委」（superior）：本单位所在地的上级党委，如“区委”“市委”。",
      ]
    `);
  });

  it('two different values for one unit field', async () => {
    const r = await read([
      leaderRow('区统计局', '何丽娟同志', '办公室'),
      leaderRow('区统计局', '马俊峰同志', '普查中心', { 年度: '2026' }),
      leaderRow('区教育局', '刘晓燕同志', '办公室'),
    ]);
    expect(names(r)).toEqual(['区教育局: 4 刘晓燕同志']);
    expect(messages(r)).toMatchInlineSnapshot(`
      [
        "roster.csv 第 3 行 D 列（年度）：同一单位的「年度」前后不一致：第 2 行是“2025”，本行是“2026”。同一单位各行应填写相同的值（也可只在该单位的第一行填写），请改为一致。",
      ]
    `);
  });

  it('header problems: unknown (typo) columns, a notes column that is not read, a duplicate column, a missing required column, data under no header', async () => {
    const header = [...labels.filter((l) => l !== '机关工委').map((l) => (l === '是否窗口单位' ? '是否窗口单住' : l)), '分管科室', '', '籍贯', '备注'];
    const row = { ...leaderRow('区统计局', '何丽娟同志', '办公室'), 籍贯: '浙江', 备注: '新任' };
    const g = grid([row], header);
    g[1]![header.length - 3] = '无表头的内容';
    const r = await parseRoster({ bytes: utf8(csvText(g)), fileName: 'roster.csv' }, templates);
    expect(r.units).toEqual([]); // 机关工委 is required: no unit can be issued without it
    expect(r.issues.map((i) => i.where?.column ?? '-')).toEqual(['-', 'AC', 'AP', 'AQ', 'AR']);
    expect(messages(r)).toMatchInlineSnapshot(`
      [
        "roster.csv 第 1 行：缺少「机关工委」列（organ_work_committee）：请在第 1 行添加这一列表头，并为每个单位填写（负责述职评议的机关工作委员会，如“市直机关工委”）。",
        "roster.csv 第 1 行 AC 列（是否窗口单住）：表头「是否窗口单住」不是模板中的任何一项，这一列的内容不会被使用：是不是「是否窗口单位」？请改为模板中的列名（完整的列见 examples/roster.csv）；只作备忘的列请把表头改为「备注」，或删去这一列。",
        "roster.csv 第 1 行 AP 列（分管科室）：「分管科室」与 C 列重复，这一列的内容不会被使用：请删去其中一列。",
        "roster.csv 第 1 行 AQ 列：这一列没有表头，但第 2 行等处有内容：请在第 1 行填写列名，或删去这一列。",
        "roster.csv 第 1 行 AR 列（籍贯）：表头「籍贯」不是模板中的任何一项，这一列的内容不会被使用：请改为模板中的列名（完整的列见 examples/roster.csv）；只作备忘的列请把表头改为「备注」，或删去这一列。",
      ]
    `);
  });

  it('a sheet without a recognisable header', async () => {
    const r = await parseRoster({ bytes: utf8('姓名,科室\r\n张三,办公室\r\n'), fileName: 'roster.csv' }, templates);
    expect(r.units).toEqual([]);
    expect(messages(r)).toMatchInlineSnapshot(`
      [
        "roster.csv：没有找到表头行：第 1 行应是列名，每列一个，如「单位名称」「班子成员姓名」「分管科室」「年度」…（完整的列见 examples/roster.csv）。",
      ]
    `);
  });
});
