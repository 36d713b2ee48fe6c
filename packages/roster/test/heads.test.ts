/**
 * The roster check “exactly one 主要负责人 per unit unless the roster says otherwise”: roles come
 * from 职务 (or 责任类别, when given), the number from 「主要负责人人数」.
 */
import { describe, expect, it } from 'vitest';
import { parseRoster } from '@qingdan/roster';
import { col, csvText, grid, labels, leaderRow, messages, templates, utf8, type Cells } from './fixtures.js';

const read = (rows: Cells[], header?: string[]) =>
  parseRoster({ bytes: utf8(csvText(grid(rows, header))), fileName: 'roster.csv' }, templates);
const kept = (r: Awaited<ReturnType<typeof read>>) => r.units.map((u) => `${u.name}: ${u.leaders.map((l) => l.name).join('，')}`);

const leader = (name: string, position: string, divisions: string, more: Cells = {}) => leaderRow('区统计局', name, divisions, { 职务: position, ...more });

describe('主要负责人 per unit', () => {
  it('a unit with one 主要负责人 (by 职务) passes, without issue or warning', async () => {
    expect(labels).toContain('职务');
    const r = await read([leader('何丽娟同志', '党组书记、局长', '办公室'), leader('马俊峰同志', '党组成员、副局长', '普查中心')]);
    expect(r.issues).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(kept(r)).toEqual(['区统计局: 何丽娟同志，马俊峰同志']);
  });

  it('two 主要负责人: both reported at their 职务 cell and left out, the others kept', async () => {
    const r = await read([
      leader('何丽娟同志', '党组书记', '办公室'),
      leader('马俊峰同志', '局长', '普查中心'),
      leader('林春梅同志', '党组成员、副局长', '社会经济调查科'),
    ]);
    expect(kept(r)).toEqual(['区统计局: 林春梅同志']);
    expect(r.issues.map((i) => i.where)).toEqual([
      { file: 'roster.csv', row: 2, column: col('职务'), field: '职务', variable: 'position' },
      { file: 'roster.csv', row: 3, column: col('职务'), field: '职务', variable: 'position' },
    ]);
    expect(messages(r)[0]).toBe(
      `roster.csv 第 2 行 ${col('职务')} 列（职务）：单位「区统计局」有 2 位主要负责人（第 2 行「何丽娟同志」、第 3 行「马俊峰同志」），而一个单位只有一位主要负责人（党组（党委）书记，第一责任人）：请改正「职务」或「责任类别」（党政分设时局长写作“党组副书记、局长”，或把「责任类别」选为“班子成员”）；如确有 2 位，请在「主要负责人人数」中填 2（已跳过此人）。`,
    );
  });

  it('党政分设 written as 党组副书记、局长, or a 局长 whose 责任类别 is 班子成员: one 主要负责人', async () => {
    const split = await read([leader('何丽娟同志', '党组书记', '办公室'), leader('马俊峰同志', '党组副书记、局长', '普查中心')]);
    expect(split.issues).toEqual([]);
    const given = await read([leader('何丽娟同志', '党组书记', '办公室'), leader('马俊峰同志', '局长', '普查中心', { 责任类别: '班子成员' })]);
    expect(given.issues).toEqual([]);
    expect(kept(given)).toEqual(['区统计局: 何丽娟同志，马俊峰同志']);
  });

  it('no 主要负责人: one issue at the first leader’s 职务, every leader kept', async () => {
    const r = await read([leader('马俊峰同志', '党组成员、副局长', '普查中心'), leader('林春梅同志', '纪检组长', '机关纪委')]);
    expect(kept(r)).toEqual(['区统计局: 马俊峰同志，林春梅同志']);
    expect(messages(r)).toEqual([
      `roster.csv 第 2 行 ${col('职务')} 列（职务）：单位「区统计局」没有主要负责人，应有 1 位：请填写主要负责人的「职务」（如“党组书记、局长”），或把其「责任类别」选为“主要负责人”；主要负责人空缺或不在本花名册中时，请在「主要负责人人数」中填 0。`,
    ]);
  });

  it('a 主要负责人 skipped for another error still counts: one issue (his), not a second one for the unit', async () => {
    const r = await read([leader('何丽娟同志', '党组书记、局长', ''), leader('马俊峰同志', '党组成员、副局长', '普查中心')]);
    expect(kept(r)).toEqual(['区统计局: 马俊峰同志']);
    expect(r.issues.map((i) => [i.where?.row, i.where?.field])).toEqual([[2, '分管科室']]);
  });

  it('「主要负责人人数」 says otherwise: 0 with none, 2 with two', async () => {
    const none = await read([leader('马俊峰同志', '副局长', '普查中心', { 主要负责人人数: '0' })]);
    expect(none.issues).toEqual([]);
    const two = await read([leader('何丽娟同志', '党组书记', '办公室', { 主要负责人人数: '2' }), leader('马俊峰同志', '局长', '普查中心')]);
    expect(two.issues).toEqual([]);
    expect(kept(two)).toEqual(['区统计局: 何丽娟同志，马俊峰同志']);
    const zero = await read([leader('何丽娟同志', '党组书记', '办公室', { 主要负责人人数: '0' })]);
    expect(messages(zero)).toEqual([expect.stringContaining('单位「区统计局」有 1 位主要负责人（第 2 行「何丽娟同志」），与「主要负责人人数」填的 0 不符')]);
  });

  it('a roster without 职务 and 责任类别 (written before them): a warning, not an error', async () => {
    const header = labels.filter((l) => l !== '职务' && l !== '责任类别');
    const r = await read([leaderRow('区统计局', '何丽娟同志', '办公室'), leaderRow('区统计局', '马俊峰同志', '普查中心')], header);
    expect(r.issues).toEqual([]);
    expect(kept(r)).toEqual(['区统计局: 何丽娟同志，马俊峰同志']);
    expect(r.warnings.map((w) => w.message)).toEqual([
      'roster.csv 第 2 行（职务）：单位「区统计局」的班子成员都没有填写「职务」或「责任类别」：都按“班子成员”生成重要领导责任清单，主要负责人不会得到第一责任人责任清单。请填写各人的「职务」（如“党组书记、局长”“党组成员、副局长”）。',
    ]);
  });

  it('in YAML, points at the line of the 职务', async () => {
    const yaml = [
      '年度: 2025',
      ...Object.entries(leaderRow('', '', '')).filter(([k, v]) => v !== '' && k !== '年度').map(([k, v]) => `${k}: ${JSON.stringify(v)}`),
      '单位:',
      '  - 单位名称: 区统计局',
      '    班子成员:',
      '      - 班子成员姓名: 何丽娟同志',
      '        职务: 党组书记',
      '        分管科室: [办公室]',
      '      - 班子成员姓名: 马俊峰同志',
      '        职务: 局长',
      '        分管科室: [普查中心]',
      '',
    ].join('\n');
    const r = await parseRoster({ bytes: utf8(yaml), fileName: 'roster.yaml' }, templates);
    const line = (text: string) => yaml.split('\n').findIndex((l) => l.includes(text)) + 1;
    expect(r.issues.map((i) => [i.where?.row, i.where?.field])).toEqual([
      [line('职务: 党组书记'), '职务'],
      [line('职务: 局长'), '职务'],
    ]);
  });
});
