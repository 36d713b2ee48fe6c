import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { QingdanError } from '@qingdan/model';
import { parseRoster, readRoster } from '@qingdan/roster';
import { messages, root, templates, utf8, YAML_SHARED as SHARED, YAML_UNIT as UNIT } from './fixtures.js';

const EXAMPLE = join(root, 'examples', 'roster.yaml');
const parse = (text: string) => parseRoster({ bytes: utf8(text), fileName: 'roster.yaml' }, templates);
/** The 1-based line of the first line of `text` that contains `needle`. */
const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('YAML rosters', () => {
  it('reads the example: 4 units, 14 leaders, shared values at the top, per-unit overrides, line numbers as rows', async () => {
    const r = await readRoster(EXAMPLE, templates);
    const text = readFileSync(EXAMPLE, 'utf8');
    expect(r.issues).toEqual([]);
    expect(r.format).toBe('yaml');
    expect(r.units.map((u) => u.name)).toEqual(['区发展和改革局', '区教育局', '区市场监督管理局', '区统计局']);
    expect(r.units.map((u) => u.leaders.length)).toEqual([4, 3, 4, 3]);
    const [fgw, edu, market, stats] = r.units;
    expect(stats!.row).toBe(lineOf(text, '单位名称: 区统计局'));
    expect(stats!.leaders[2]!.row).toBe(lineOf(text, '林春梅同志'));
    expect(stats!.answers.has_organ_committee).toBe(false);
    expect(market!.answers.window_unit).toBe(true);
    expect(edu!.answers.branch_target_percent).toBe(70);
    expect(fgw!.answers.branch_target_percent).toBe(60);
    expect(fgw!.answers).toMatchObject({ year: 2025, superior: '区委', unit_name: '区发展和改革局', ethnic_region: false });
    expect(fgw!.leaders[0]).toEqual({
      row: lineOf(text, '王建国同志'),
      name: '王建国同志',
      answers: { leader_name: '王建国同志', position: '党组书记、局长', divisions: ['办公室', '规划科'] },
    });
  });

  it('accepts English keys (units, leaders), variable keys, and divisions as one string', async () => {
    const r = await parse(`${SHARED}units:
  - unit_name: 区统计局
${UNIT}    leaders:
      - leader_name: 何丽娟同志
        divisions: 办公室、综合统计科
`);
    expect(r.issues).toEqual([]);
    expect(r.units[0]!.leaders[0]!.answers).toEqual({ leader_name: '何丽娟同志', divisions: ['办公室', '综合统计科'] });
  });

  it('reports misplaced and unknown keys, a unit without leaders and a leader without divisions, by line, and leaves those units out', async () => {
    const text = `${SHARED}分管科室: 办公室
单位:
  - 单位名称: 区统计局
${UNIT}    班子成员姓名: 何丽娟同志
    班子成员:
      - 班子成员姓名: 何丽娟同志
        分管科室: [办公室]
        年度: 2026
      - 班子成员姓名: 马俊峰同志
        分官科室: 普查中心
  - 单位名称: 区审计局
${UNIT}`;
    const r = await parse(text);
    // Every unit has an error: 区统计局 a misplaced key (its leaders are checked all the same), 区审计局 no leaders.
    expect(r.units).toEqual([]);
    expect(r.issues.map((i) => i.where?.row)).toEqual([
      lineOf(text, '分管科室: 办公室'),
      lineOf(text, '    班子成员姓名: 何丽娟同志'),
      lineOf(text, '年度: 2026'),
      lineOf(text, '马俊峰同志'),
      lineOf(text, '分官科室'),
      lineOf(text, '区审计局'),
    ]);
    expect(messages(r)).toMatchInlineSnapshot(`
      [
        "roster.yaml 第 18 行第 1 列（分管科室）：「分管科室」是每位班子成员各自的项，不能写在顶层（各单位共用）：请把它移到“班子成员”下对应的人名下。",
        "roster.yaml 第 24 行第 5 列（班子成员姓名）：「班子成员姓名」是每位班子成员各自的项，不能写在单位一级（已跳过本单位）：请把它移到“班子成员”下对应的人名下。",
        "roster.yaml 第 28 行第 9 列（年度）：「年度」是整个单位的项，不能写在班子成员下（已跳过此人）：请把它移到所属单位（或顶层）。",
        "roster.yaml 第 29 行第 9 列（分管科室）：班子成员「马俊峰同志」没有填写「分管科室」：请填写其分管的科室，用“、”分隔，如“办公室、财务科”（已跳过此人）。",
        "roster.yaml 第 30 行第 9 列（分官科室）：「分官科室」不是模板中的任何一项，它的内容不会被使用（已跳过此人）：是不是「分管科室」？请改为模板中的名称（见 examples/roster.yaml），或删去这一行。",
        "roster.yaml 第 31 行第 5 列：单位「区审计局」没有班子成员：请为它添加班子成员（每人一行，填写「班子成员姓名」和「分管科室」），否则无法生成领导责任清单。",
      ]
    `);
  });

  it('refuses a file that is not valid YAML, or has no 单位 list, as a whole', async () => {
    const bad = (await parse('单位:\n  - 单位名称: 区统计局\n   班子成员: [\n').catch((e: unknown) => e)) as QingdanError;
    expect(bad.code).toBe('ROSTER_INVALID');
    expect(bad.message).toMatch(/^花名册 roster\.yaml 不是有效的 YAML（常见原因：缩进不齐、冒号后缺空格、同一层写了两个相同的键）：\n {2}- roster\.yaml 第 3 行第 1 列：YAML 格式错误/u);
    expect(bad.issues[0]?.where).toEqual({ file: 'roster.yaml', row: 3, column: 1 });
    const shapeless = (await parse('- 区统计局\n- 区教育局\n').catch((e: unknown) => e)) as QingdanError;
    expect(shapeless.code).toBe('ROSTER_INVALID');
    expect(shapeless.message).toContain('再写“单位:”列表');
  });
});
