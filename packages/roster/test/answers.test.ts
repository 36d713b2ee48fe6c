/**
 * The answers file (`qingdan interview` saves it, `qingdan generate --answers` reads it): read by
 * the roster's YAML reader and checked by the roster's one validation, so its problems come all at
 * once, located by line and column, worded as for a roster file.
 */
import { describe, expect, it } from 'vitest';
import { exampleAnswers } from '@qingdan/engine';
import { AnswersFile, QingdanError, Roster, type Template } from '@qingdan/model';
import { parseAnswersFile, parseRoster, rosterFromAnswers } from '@qingdan/roster';
import { templates as both, utf8 } from './fixtures.js';

const resp = both.find((t) => t.id === 'responsibility-list') as Template;
const task = both.find((t) => t.id === 'task-list') as Template;
const parse = (text: string, file = 'answers.yaml') => AnswersFile.parse(parseAnswersFile(utf8(text), file, both));
const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

const leaderKeys = new Set(both.flatMap((t) => t.variables.filter((v) => v.scope === 'leader').map((v) => v.key)));

/** Unit values of both templates as YAML lines (variable keys), from the sample text, with a real year and unit. */
function unitLines(indent: string, over: Record<string, string> = {}): string {
  const all: Record<string, unknown> = { ...exampleAnswers(task), ...exampleAnswers(resp), year: 2024, unit_name: '区发展和改革局', ...over };
  for (const k of leaderKeys) delete all[k];
  return Object.entries(all)
    .map(([k, v]) => `${indent}${k}: ${Array.isArray(v) ? `[${v.join(', ')}]` : JSON.stringify(v)}`)
    .join('\n');
}

function thrown(fn: () => unknown): QingdanError {
  try {
    fn();
  } catch (error) {
    if (error instanceof QingdanError) return error;
    throw error;
  }
  throw new Error('expected a QingdanError');
}

const GOOD = `units:\n  -\n${unitLines('    ')}\n    leaders:\n      - leader_name: 张三同志\n        position: 党组书记、局长\n        divisions: 办公室、财务科\n      - leader_name: 李四同志\n        position: 党组成员、副局长\n        divisions: [规划科]\n`;

describe('answers file', () => {
  it('builds a one-unit roster: rows are the file lines, values typed, the model schema holds', () => {
    const roster = Roster.parse(rosterFromAnswers(parse(GOOD), both));
    expect(roster.units).toHaveLength(1);
    const unit = roster.units[0]!;
    expect(unit.name).toBe('区发展和改革局');
    expect(unit.answers.year).toBe(2024);
    expect(unit.leaders.map((l) => [l.row, l.name, l.answers.divisions])).toEqual([
      [lineOf(GOOD, '张三同志'), '张三同志', ['办公室', '财务科']],
      [lineOf(GOOD, '李四同志'), '李四同志', ['规划科']],
    ]);
    expect(roster.issues).toEqual([]);
    expect(roster.warnings).toEqual([]);
  });

  it('reads Chinese labels, 单位/班子成员, shared values at the top, and templates:', () => {
    const text = ['templates: [responsibility-list]', '年度: 2024', '单位:', '  - 单位名称: 区教育局', '    上级党委: 区委', '    班子成员:', '      - 班子成员姓名: 王五同志', '        分管科室: [人事科]', ''].join('\n');
    const file = parse(text, 'roster1.yaml');
    expect(file.templates).toEqual(['responsibility-list']);
    expect(file.unit).toEqual({ year: 2024, unit_name: '区教育局', superior: '区委' });
    expect(file.where.fields.superior).toEqual({ row: 5, column: 11, field: '上级党委' });
    // the rest of the unit's values added as a program would: located at the unit
    const base = parse(`${unitLines('')}\n`).unit;
    const roster = rosterFromAnswers({ ...file, unit: { ...base, ...file.unit } }, [resp], both);
    expect(roster.units[0]?.name).toBe('区教育局');
    expect(roster.units[0]?.answers.superior).toBe('区委');
    expect(roster.units[0]?.leaders[0]?.answers).toEqual({ leader_name: '王五同志', divisions: ['人事科'] });
  });

  it('takes a flat file with one leader’s values at the top level', () => {
    const text = `${unitLines('')}\nleader_name: 赵六同志\nposition: 党组书记、局长\ndivisions: [督查室]\n`;
    const file = parse(text, 'flat.yaml');
    expect(file.leaders).toEqual([{ leader_name: '赵六同志', position: '党组书记、局长', divisions: ['督查室'] }]);
    const roster = rosterFromAnswers(file, [resp], both);
    expect(roster.units[0]?.leaders.map((l) => [l.row, l.name])).toEqual([[lineOf(text, '赵六同志'), '赵六同志']]);
    expect(roster.units[0]?.answers).not.toHaveProperty('leader_name');
  });

  it('reports every problem at once, located: an unknown key with the nearest one, a bad year (once), a leader without divisions, a unit key under a leader', () => {
    const text = `units:\n  -\n${unitLines('    ', { year: '明年' })}\n    unit_nmae: 错拼\n    leaders:\n      - leader_name: 张三同志\n        divisions: [办公室]\n      - leader_name: 李四同志\n        superior: 区委\n`;
    const err = thrown(() => rosterFromAnswers(parse(text, 'bad.yaml'), both));
    expect(err.code).toBe('ANSWERS_INVALID');
    expect(err.message.split('\n')[0]).toBe('答案文件 bad.yaml 有 4 处问题，未生成任何文件：');
    expect(err.issues.map((i) => i.message)).toEqual([
      `bad.yaml 第 ${lineOf(text, 'year:')} 行第 11 列（year）：「年度」（year）应为数字，收到 "明年"。`,
      `bad.yaml 第 ${lineOf(text, 'unit_nmae')} 行第 5 列（unit_nmae）：「unit_nmae」不是模板中的任何一项，它的内容不会被使用（已跳过本单位）：是不是「unit_name」？请改为模板中的名称（见 examples/roster.yaml），或删去这一行。`,
      `bad.yaml 第 ${lineOf(text, '李四同志')} 行第 9 列（分管科室）：班子成员「李四同志」没有填写「分管科室」：请填写其分管的科室，用“、”分隔，如“办公室、财务科”（已跳过此人）。`,
      `bad.yaml 第 ${lineOf(text, 'superior: 区委')} 行第 9 列（superior）：「上级党委」是整个单位的项，不能写在班子成员下（已跳过此人）：请把它移到所属单位（或顶层）。`,
    ]);
    expect(err.issues.every((i) => i.where?.file === 'bad.yaml')).toBe(true);
  });

  it('refuses a division supervised by two leaders, worded as for a roster file', async () => {
    const text = GOOD.replace('divisions: [规划科]', 'divisions: [规划科, 办公室]');
    const err = thrown(() => rosterFromAnswers(parse(text, 'dup.yaml'), both));
    const message = `单位「区发展和改革局」的科室「办公室」已由第 ${lineOf(text, '张三同志')} 行的「张三同志」分管，不能同时由「李四同志」分管：一个科室只由一位班子成员分管，请从其中一行删去（已跳过此人）。`;
    expect(err.issues.map((i) => i.message)).toEqual([`dup.yaml 第 ${lineOf(text, '规划科, 办公室')} 行第 20 列（divisions）：${message}`]);
    // one validation: the same file read as a roster gives the same words
    const roster = await parseRoster({ bytes: utf8(text), fileName: 'dup.yaml' }, both);
    expect(roster.issues.map((i) => i.message)).toEqual(err.issues.map((i) => i.message));
  });

  it('says where the YAML is broken (line and column)', () => {
    const err = thrown(() => parseAnswersFile(utf8('year: 2024\nleaders:\n  - leader_name: 张三\n   divisions: [a\n'), 'broken.yaml', both));
    expect(err.code).toBe('ANSWERS_INVALID');
    expect(err.issues[0]?.message).toMatch(/^broken\.yaml 第 \d+ 行第 \d+ 列：YAML 格式错误/u);
  });

  it('asks for leaders when a responsibility list is wanted without any; a task list alone needs none', () => {
    const text = `units:\n  -\n${unitLines('    ')}\n`;
    const err = thrown(() => rosterFromAnswers(parse(text), [resp], both));
    expect(err.issues.map((i) => i.message)).toEqual([
      'answers.yaml 第 3 行第 5 列：单位「区发展和改革局」没有班子成员：请为它添加班子成员（每人一行，填写「班子成员姓名」和「分管科室」），否则无法生成领导责任清单。',
    ]);
    expect(rosterFromAnswers(parse(text), [task], both).units.map((u) => u.name)).toEqual(['区发展和改革局']);
  });

  it('refuses more than one unit, pointing to batch --roster', () => {
    const err = thrown(() => parse(`units:\n  - unit_name: 甲\n  - unit_name: 乙\n`, 'two.yaml'));
    expect(err.message).toBe('答案文件 two.yaml 第 1 行的 units 下有 2 个单位，答案文件只能有一个；多个单位请用 qingdan batch --roster two.yaml。');
  });

  it('refuses a bidi control in an answer, located; removes a control character with a warning', () => {
    const text = GOOD.replace('leader_name: 李四同志', 'leader_name: "李\\u202E四同志"').replace('unit_name: "区发展和改革局"', 'unit_name: "区发展\\u0007和改革局"');
    const err = thrown(() => rosterFromAnswers(parse(text), both));
    expect(err.issues.map((i) => i.message)).toEqual([
      `answers.yaml 第 ${lineOf(text, '李\\u202E')} 行第 22 列（leader_name）：「班子成员姓名」（leader_name）中有双向文字控制字符：第 2 个字符处的 U+202E RLO（从右到左强制）。这种字符看不见，却会颠倒前后文字的显示顺序，公文中不能使用：请删去（多半随复制粘贴带入，可删除这一项后重新输入）。`,
    ]);
    const ok = rosterFromAnswers(parse(GOOD.replace('unit_name: "区发展和改革局"', 'unit_name: "区发展\\u0007和改革局"')), both);
    expect(ok.units[0]?.name).toBe('区发展和改革局');
    expect(ok.warnings.map((w) => w.message)).toEqual([
      `answers.yaml 第 ${lineOf(GOOD, 'unit_name')} 行第 16 列（unit_name）：「单位名称」（unit_name）中有文档不允许的控制字符 U+0007，已删除。`,
    ]);
  });
});
