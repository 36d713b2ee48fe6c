/**
 * The answers file: what the interview saves is what `generate --answers` reads, and its problems
 * are reported all at once, in Chinese, with file and leader.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleAnswers } from '@qingdan/engine';
import { loadTemplates } from '@qingdan/template-files';
import { QingdanError, type Template } from '@qingdan/model';
import { answersYaml, parseAnswersFile } from '../src/answers-file.js';
import { rosterFromAnswers } from '../src/jobs.js';

const templates = loadTemplates(join(import.meta.dirname, '../../../templates'));
const both = [...templates.values()];
const resp = templates.get('responsibility-list') as Template;
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Unit values of both templates, from the sample text, with a real year and unit. */
function unitValues(): Record<string, string | number | boolean | string[]> {
  const all = { ...exampleAnswers(templates.get('task-list') as Template), ...exampleAnswers(resp) };
  for (const v of resp.variables) if (v.scope === 'leader') delete all[v.key];
  return { ...all, year: 2024, unit_name: '区发展和改革局' };
}

function errorOf(fn: () => unknown): QingdanError {
  try {
    fn();
  } catch (error) {
    if (error instanceof QingdanError) return error;
    throw error;
  }
  throw new Error('expected a QingdanError');
}

describe('answers file', () => {
  it('round-trips: saved YAML reads back to the same values, labels as comments', () => {
    const data = {
      templates: ['task-list', 'responsibility-list'],
      unit: unitValues(),
      leaders: [
        { leader_name: '张三同志', divisions: ['办公室', '财务科'] },
        { leader_name: '李四同志', divisions: ['规划科'] },
      ],
    };
    const yaml = answersYaml(data, both);
    expect(yaml).toMatch(/^units:\n {2}- # 年度\n {4}year: 2024\n/mu);
    expect(yaml).toMatch(/# 单位名称\n {4}unit_name: 区发展和改革局\n/u);
    expect(yaml).toMatch(/# 班子成员姓名\n\s+leader_name: 张三同志/u);
    expect(yaml).toContain('# 再次生成：qingdan generate --answers <本文件>\n');
    const back = parseAnswersFile(enc(yaml), 'answers.yaml');
    expect(back.unit).toEqual(data.unit);
    expect(back.leaders).toEqual(data.leaders);
    expect(back.hash).toMatch(/^[0-9a-f]{64}$/u);
  });

  it('names the chosen lists in the header when not all were chosen', () => {
    const yaml = answersYaml({ templates: ['responsibility-list'], unit: unitValues(), leaders: [{ leader_name: '张三同志', divisions: ['办公室'] }] }, both);
    expect(yaml).toContain('# 再次生成：qingdan generate --answers <本文件> --template responsibility-list\n');
  });

  it('builds a one-unit roster: unit row 1, leaders in file order, values typed', () => {
    const file = parseAnswersFile(enc(answersYaml({ templates: [], unit: { ...unitValues(), year: '2024' }, leaders: [{ leader_name: '张三同志', divisions: '办公室、财务科' }] }, both)), 'a.yaml');
    const roster = rosterFromAnswers(file, both);
    expect(roster.units).toHaveLength(1);
    expect(roster.units[0]?.name).toBe('区发展和改革局');
    expect(roster.units[0]?.answers.year).toBe(2024);
    expect(roster.units[0]?.leaders.map((l) => [l.row, l.name, l.answers.divisions])).toEqual([[1, '张三同志', ['办公室', '财务科']]]);
    expect(roster.issues).toEqual([]);
  });

  it('reads the one-unit roster shape with Chinese labels as keys', () => {
    const text = ['年度: 2024', '单位:', '  - 单位名称: 区教育局', '    上级党委: 区委', '    班子成员:', '      - 班子成员姓名: 王五同志', '        分管科室: [人事科]', ''].join('\n');
    const file = parseAnswersFile(enc(text), 'roster1.yaml');
    const base = unitValues();
    delete base.unit_name;
    delete base.superior;
    delete base.year;
    const roster = rosterFromAnswers({ ...file, unit: { ...base, ...file.unit } }, [resp], both);
    expect(roster.units[0]?.name).toBe('区教育局');
    expect(roster.units[0]?.answers.superior).toBe('区委');
    expect(roster.units[0]?.leaders[0]?.answers).toMatchObject({ leader_name: '王五同志', divisions: ['人事科'] });
  });

  it('takes a flat file with one leader’s values at the top level', () => {
    const file = parseAnswersFile(enc(answersYaml({ templates: [], unit: { ...unitValues(), leader_name: '赵六同志', divisions: ['督查室'] }, leaders: [] }, both)), 'flat.yaml');
    const roster = rosterFromAnswers(file, [resp], both);
    expect(roster.units[0]?.leaders.map((l) => l.name)).toEqual(['赵六同志']);
    expect(roster.units[0]?.answers).not.toHaveProperty('leader_name');
  });

  it('reports every problem at once: unknown key, bad year, a leader without divisions, a unit key under a leader', () => {
    const unit = { ...unitValues(), year: '明年', unit_nmae: '错拼' };
    const yaml = answersYaml({ templates: [], unit, leaders: [{ leader_name: '张三同志', divisions: ['办公室'] }, { leader_name: '李四同志', superior: '区委' }] }, both);
    const err = errorOf(() => rosterFromAnswers(parseAnswersFile(enc(yaml), 'bad.yaml'), both));
    expect(err.code).toBe('ANSWERS_INVALID');
    const messages = err.issues.map((i) => i.message);
    expect(messages.some((m) => m.includes('没有变量 unit_nmae'))).toBe(true);
    expect(messages.some((m) => m.includes('「年度」（year）应为数字'))).toBe(true);
    expect(messages.some((m) => m.includes('第 2 位班子成员') && m.includes('分管科室'))).toBe(true);
    expect(messages.some((m) => m.includes('第 2 位班子成员') && m.includes('superior 是单位的变量'))).toBe(true);
    // the bad year is reported once, not once per template and leader
    expect(messages.filter((m) => m.includes('「年度」')).length).toBe(1);
    expect(err.issues.every((i) => i.where?.file === 'bad.yaml')).toBe(true);
  });

  it('refuses a division supervised by two leaders, as the roster does', () => {
    const yaml = answersYaml({ templates: [], unit: unitValues(), leaders: [{ leader_name: '张三同志', divisions: ['办公室'] }, { leader_name: '李四同志', divisions: ['财务科', '办公室'] }] }, both);
    const err = errorOf(() => rosterFromAnswers(parseAnswersFile(enc(yaml), 'dup.yaml'), both));
    expect(err.issues.map((i) => i.message)).toEqual(['dup.yaml 第 2 位班子成员：科室「办公室」已由第 1 位班子成员分管，一个科室只由一位班子成员分管，请删去其一。']);
  });

  it('says where the YAML is broken', () => {
    const err = errorOf(() => parseAnswersFile(enc('year: 2024\nleaders:\n  - leader_name: 张三\n   divisions: [a\n'), 'broken.yaml'));
    expect(err.code).toBe('ANSWERS_INVALID');
    expect(err.issues[0]?.message).toMatch(/^broken\.yaml 第 \d+ 行/u);
  });

  it('asks for leaders when a responsibility list is wanted without any', () => {
    const err = errorOf(() => rosterFromAnswers(parseAnswersFile(enc(answersYaml({ templates: [], unit: unitValues(), leaders: [] }, both)), 'a.yaml'), [resp], both));
    expect(err.message).toContain('要生成领导责任清单，但没有班子成员');
  });
});
