/**
 * The interview driven by scripted answers: the prompts module is replaced (style example 11),
 * the real templates and the real engine are used.
 */
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { exampleAnswers, normalizeAnswers, resolve, documentLines } from '@qingdan/engine';
import { loadTemplates } from '@qingdan/template-files';
import type { Answers, Template } from '@qingdan/model';
import * as prompts from '../src/prompts.js';
import { checkValue, runInterview, summaryLines, variablesOf } from '../src/interview.js';

vi.mock('../src/prompts.js', () => ({
  askText: vi.fn(),
  askConfirm: vi.fn(),
  askSelect: vi.fn(),
  askCheckbox: vi.fn(),
}));

const templates = loadTemplates(join(import.meta.dirname, '../../../templates'));
const taskList = templates.get('task-list') as Template;
const respList = templates.get('responsibility-list') as Template;

/** What a user copying the sample text would type for a prompt without a default. */
function exampleText(message: string): string {
  const v = [...taskList.variables, ...respList.variables]
    .sort((a, b) => b.label.length - a.label.length)
    .find((x) => message.startsWith(x.label));
  if (!v) return '';
  return Array.isArray(v.example) ? v.example.join('、') : String(v.example);
}

type Call = { kind: 'text' | 'confirm' | 'select' | 'checkbox'; message: string; default?: unknown };

/**
 * Scripts the prompts: `byLabel` maps a variable label to what the user types (a string for text
 * prompts, a boolean for confirm, a list of lines for list prompts); every other variable gets
 * its default (Enter), or the sample text's value when it has none. Records every call.
 */
function script(options: { choose: string[]; byLabel: Record<string, string | boolean | string[]>; leaders: number }): Call[] {
  const calls: Call[] = [];
  const pendingLines = new Map<string, string[]>();
  let leadersLeft = options.leaders;
  const labelOf = (message: string): string | undefined =>
    Object.keys(options.byLabel)
      .sort((a, b) => b.length - a.length)
      .find((l) => message.startsWith(l));
  vi.mocked(prompts.askCheckbox).mockImplementation(async (q) => {
    calls.push({ kind: 'checkbox', message: q.message });
    return q.choices.filter((c) => options.choose.includes(c.value)).map((c) => c.value) as never;
  });
  vi.mocked(prompts.askText).mockImplementation(async (q) => {
    calls.push({ kind: 'text', message: q.message, default: q.default });
    // follow-up items of a list prompt: "分管科室：第 2 项（直接回车结束）"
    const follow = /^(.+)：第 \d+ 项/u.exec(q.message);
    if (follow?.[1]) return pendingLines.get(follow[1])?.shift() ?? '';
    const label = labelOf(q.message);
    const given = label === undefined ? undefined : options.byLabel[label];
    let typed: string;
    if (Array.isArray(given)) {
      pendingLines.set(label as string, given.slice(1));
      typed = given[0] ?? '';
    } else typed = typeof given === 'string' ? given : (q.default ?? exampleText(q.message));
    const ok = q.validate ? q.validate(typed) : true;
    if (ok !== true) throw new Error(`脚本答案被拒绝：${q.message} ← ${typed}：${ok}`);
    return typed;
  });
  vi.mocked(prompts.askConfirm).mockImplementation(async (q) => {
    calls.push({ kind: 'confirm', message: q.message, default: q.default });
    if (q.message === '再添加一位班子成员？') {
      leadersLeft -= 1;
      return leadersLeft > 0;
    }
    const label = labelOf(q.message);
    const given = label === undefined ? undefined : options.byLabel[label];
    return typeof given === 'boolean' ? given : (q.default ?? true);
  });
  vi.mocked(prompts.askSelect).mockImplementation(async (q) => {
    calls.push({ kind: 'select', message: q.message, default: q.default });
    return (q.default ?? q.choices[0]?.value) as never;
  });
  return calls;
}

const print = (): void => undefined;

describe('interview (scripted)', () => {
  beforeEach(() => vi.clearAllMocks());

  it('asks every declared variable once, unit values once and leader values per leader, and its answers resolve', async () => {
    const calls = script({
      choose: ['task-list', 'responsibility-list'],
      leaders: 2,
      byLabel: {
        年度: '2024',
        单位名称: '区发展和改革局',
        上级党委: '区委',
        是否民族地区: false,
        班子成员姓名: '张三同志',
        // first leader: one line split by 、, then one more item, then Enter
        分管科室: ['办公室、财务科', '规划科', ''],
      },
    });
    const result = await runInterview({ templates, print });

    expect([...result.templates].sort()).toEqual(['responsibility-list', 'task-list']);
    expect(result.unit.year).toBe(2024);
    expect(result.unit.unit_name).toBe('区发展和改革局');
    expect(result.unit.ethnic_region).toBe(false);
    // shared keys of both templates are asked once
    for (const label of ['年度', '单位名称', '上级党委', '辖区（全区／全市）']) {
      expect(calls.filter((c) => c.message.startsWith(label)).length, label).toBe(1);
    }
    // every unit variable of both templates was asked
    const unitKeys = new Set([...taskList.variables, ...respList.variables].filter((v) => v.scope === 'unit').map((v) => v.key));
    expect(Object.keys(result.unit).sort()).toEqual([...unitKeys].sort());
    // two leaders, the list split and collected item by item
    expect(result.leaders).toHaveLength(2);
    expect(result.leaders[0]?.divisions).toEqual(['办公室', '财务科', '规划科']);
    expect(result.leaders[0]?.leader_name).toBe('张三同志');
    // number defaults come from the declaration, typed as numbers
    expect(result.unit.study_per_year).toBe(12);

    const doc = resolve(respList, { ...result.unit, ...result.leaders[0] }, { allowUnknown: true });
    expect(documentLines(doc).join('\n')).toContain('张三同志根据局党组工作分工，分管办公室、财务科、规划科');
    expect(doc.title.join('')).toContain('2024年');
    const task = resolve(taskList, result.unit, { allowUnknown: true });
    expect(task.fileName).toBe('2024年度区发展和改革局落实全面从严治党重点任务清单');
  });

  it('asks no leader questions when only the task list is chosen', async () => {
    const calls = script({ choose: ['task-list'], leaders: 1, byLabel: { 年度: '2025', 单位名称: '市财政局' } });
    const result = await runInterview({ templates, print });
    expect(result.templates).toEqual(['task-list']);
    expect(result.leaders).toEqual([]);
    expect(calls.some((c) => c.message.startsWith('班子成员姓名'))).toBe(false);
    expect(calls.some((c) => c.message === '再添加一位班子成员？')).toBe(false);
    // responsibility-list-only unit variables are not asked
    expect(calls.some((c) => c.message.startsWith('弘扬的地方精神'))).toBe(false);
  });

  it('offers a previous answers file’s values as defaults, leader by leader', async () => {
    const previous = {
      templates: ['responsibility-list'],
      unit: { ...exampleAnswers(respList), year: 2023, unit_name: '区教育局' } as Answers,
      leaders: [
        { leader_name: '李四同志', divisions: ['人事科', '督导室'] },
        { leader_name: '王五同志', divisions: ['基建科'] },
      ],
    };
    for (const k of ['leader_name', 'divisions']) delete previous.unit[k];
    const calls = script({ choose: ['responsibility-list'], leaders: 2, byLabel: { 年度: '2024' } });
    const result = await runInterview({ templates, print, previous });
    expect(calls.find((c) => c.message.startsWith('单位名称'))?.default).toBe('区教育局');
    expect(calls.find((c) => c.message.startsWith('年度'))?.default).toBe('2023');
    expect(calls.filter((c) => c.message.startsWith('分管科室（')).map((c) => c.default)).toEqual(['人事科、督导室', '基建科']);
    // "再添加一位？" defaults to yes while the previous file has more leaders
    expect(calls.filter((c) => c.message === '再添加一位班子成员？').map((c) => c.default)).toEqual([true, false]);
    expect(result.unit.year).toBe(2024);
    expect(result.leaders.map((l) => l.leader_name)).toEqual(['李四同志', '王五同志']);
    expect(result.leaders[0]?.divisions).toEqual(['人事科', '督导室']);
  });

  it('checks each answer as the engine does, with Chinese messages', () => {
    const year = variablesOf([respList], 'unit').find((d) => d.variable.key === 'year');
    const lectures = variablesOf([respList], 'unit').find((d) => d.variable.key === 'lectures_per_year');
    if (!year || !lectures) throw new Error('templates changed: year / lectures_per_year missing');
    expect(checkValue(year, '2024')).toEqual({ ok: true, value: 2024 });
    const bad = checkValue(year, '明年');
    expect(bad.ok).toBe(false);
    expect(bad.ok === false && bad.message).toContain('「年度」（year）应为数字');
    const low = checkValue(lectures, '0');
    expect(low.ok === false && low.message).toContain('不能小于 1');
    // the engine's normalisation, as for a roster: full-width digits read, a bidi control refused
    expect(checkValue(year, '２０２４')).toEqual({ ok: true, value: 2024 });
    const unit = variablesOf([respList], 'unit').find((d) => d.variable.key === 'unit_name');
    const bidi = unit && checkValue(unit, '区\u202E局');
    expect(bidi?.ok === false && bidi.message).toContain('「单位名称」（unit_name）中有双向文字控制字符：第 2 个字符处的 U+202E RLO（从右到左强制）');
  });

  it('orders questions: year, unit name, then the rest; leader name, divisions, then the rest', () => {
    const unit = variablesOf([taskList, respList], 'unit').map((d) => d.variable.key);
    expect(unit.slice(0, 2)).toEqual(['year', 'unit_name']);
    const leader = variablesOf([taskList, respList], 'leader').map((d) => d.variable.key);
    expect(leader.slice(0, 2)).toEqual(['leader_name', 'divisions']);
  });

  it('summarises what will be produced and every value with its label', () => {
    const unit = normalizeAnswers(respList, exampleAnswers(respList)).answers;
    const lines = summaryLines(
      { templates: ['task-list', 'responsibility-list'], unit: { ...unit, year: 2024 }, leaders: [{ leader_name: '张三同志', divisions: ['办公室', '财务科'] }] },
      templates,
    );
    expect(lines).toContain('将生成：重点任务清单 1 份，领导责任清单 1 份');
    expect(lines).toContain('  年度：2024');
    expect(lines).toContain('  分管科室：办公室、财务科');
    expect(lines).toContain('第 1 位班子成员：');
  });
});
