import { describe, expect, it } from 'vitest';
import { Template } from '@qingdan/model';
import { cleanLines } from '../src/clean.js';
import { importText } from '../src/import.js';
import { parseSeed } from '../src/structure.js';

/** A made-up sample with four levels, malformed numbers, placeholders of every kind and a closing. */
const NESTED = [
  '某某县2024年度××局党建工作重点任务清单',
  '为落实全面从严治党主体责任，制定本清单。',
  '一、加强政治建设',
  '（一）坚定拥护“两个确立”',
  '1.深刻领悟“两个确立”的决定性意义。',
  '2、贯彻落实○○决策部署：',
  '（1）每季度研究1次；',
  '(2)每年报告____次。',
  '（二）严肃党内政治生活',
  '3．认真开好民主生活会。',
  '二.加强作风建设',
  '（一）整治形式主义',
  '1.坚决整治（单位名称）的形式主义。',
  '本部分由办公室牵头。',
  '中共XX局党组',
  '2024年X月X日',
].join('\n');

describe('parseSeed', () => {
  it('keeps four levels: 一、 sections, （一） items, 1. and （1） joined into their item', () => {
    const { documents, unplaced } = parseSeed(cleanLines(NESTED).lines);
    expect(unplaced).toEqual([]);
    const [doc] = documents;
    expect(doc?.levels).toEqual(['cn-comma', 'cn-paren', 'arabic-dot', 'arabic-paren']);
    expect(doc?.year).toBe(2024);
    expect(doc?.preamble).toEqual(['为落实全面从严治党主体责任，制定本清单。']);
    expect(doc?.sections.map((s) => [s.number?.raw, s.title, s.items.length])).toEqual([
      ['一、', '加强政治建设', 2],
      ['二.', '加强作风建设', 1],
    ]);
    expect(doc?.sections[0]?.items[0]?.text).toBe(
      '坚定拥护“两个确立”\n1.深刻领悟“两个确立”的决定性意义。\n2、贯彻落实○○决策部署：\n（1）每季度研究1次；\n(2)每年报告____次。',
    );
    expect(doc?.sections[0]?.items[1]?.text).toBe('严肃党内政治生活\n3．认真开好民主生活会。');
    // after the last section's last item: the closing, not a note
    expect(doc?.sections[1]?.notes).toEqual([]);
    expect(doc?.closing).toEqual(['本部分由办公室牵头。', '中共XX局党组', '2024年X月X日']);
    expect(doc?.clauses).toBe('per-section');
    expect(doc?.warnings).toEqual([
      '编号有 4 级（cn-comma → cn-paren → arabic-dot → arabic-paren），第三级及以下并入上一级条目的文字，以换行分开',
      '第 11 行：编号“二.”的标点不规范，模板按标准样式编号',
    ]);
  });

  it('puts unnumbered lines between two items into the first, and after the last item into notes', () => {
    const text = ['测试清单', '一、第一部分', '1.第一条。', '第一条的第二段。', '2.第二条。', '本部分说明。', '二、第二部分', '3.第三条。'].join('\n');
    const [doc] = parseSeed(cleanLines(text).lines).documents;
    expect(doc?.sections[0]?.items.map((i) => i.text)).toEqual(['第一条。\n第一条的第二段。', '第二条。']);
    expect(doc?.sections[0]?.notes).toEqual(['本部分说明。']);
    expect(doc?.clauses).toBe('continuous');
  });

  it('reports gaps in the numbering and lines before the first title', () => {
    const text = ['网站导航', '测试清单', '一、第一部分', '1.第一条。', '3.第三条。', '三、第三部分', '4.第四条。'].join('\n');
    const { documents, unplaced } = parseSeed(cleanLines(text).lines);
    expect(unplaced).toEqual([{ line: 1, text: '网站导航', reason: '在第一份清单的标题之前，不属于任何一份清单' }]);
    expect(documents[0]?.warnings).toEqual([
      '第 5 行：编号“3.”不连续，按顺序应为第 2 个；模板已按顺序重新编号',
      '第 6 行：编号“三、”不连续，按顺序应为第 2 个；模板已按顺序重新编号',
      '第 7 行：编号“4.”不连续，按顺序应为第 3 个；模板已按顺序重新编号',
    ]);
  });

  it('joins a title broken over two lines at the start of the text', () => {
    const { documents, unplaced } = parseSeed(cleanLines('2024年度落实全面从严治党\n重点任务清单\n一、部分\n1.条目。').lines);
    expect(unplaced).toEqual([]);
    expect(documents[0]?.titleLines).toEqual(['2024年度落实全面从严治党', '重点任务清单']);
    expect(documents[0]?.title).toBe('2024年度落实全面从严治党重点任务清单');
    const t = importText('2024年度落实全面从严治党\n重点任务清单\n一、部分\n1.条目。', 'x').templates[0];
    expect([t?.title, t?.fileName]).toEqual([['{{year}}年度落实全面从严治党', '重点任务清单'], '{{year}}年度落实全面从严治党重点任务清单']);
  });

  it('warns that a year in Chinese numerals stays in the title as text', () => {
    const [doc] = parseSeed(cleanLines('二〇二三年度学习清单\n一、部分\n1.条目。').lines).documents;
    expect(doc?.year).toBeUndefined();
    expect(doc?.warnings).toEqual(['标题中的年份是中文数字（二〇二三年），没有改成年度变量 year，请手工处理']);
  });

  it('with one level of numbering, puts the items in one section named after the title', () => {
    const [doc] = parseSeed(cleanLines('学习清单\n1.学习党章。\n2.学习准则。').lines).documents;
    expect(doc?.sections.map((s) => [s.title, s.items.length])).toEqual([['学习清单', 2]]);
  });
});

describe('importText', () => {
  it('makes a valid template with variables for the year and each placeholder', () => {
    const { templates, report } = importText(NESTED, 'nested.txt');
    expect(templates).toHaveLength(1);
    const t = Template.parse(templates[0]);
    expect(t.id).toBe('task-list-2024');
    expect(t.title).toBe('{{placeholder_1}}县{{year}}年度{{placeholder_2}}局党建工作重点任务清单');
    expect(t.numbering).toEqual({ section: 'cn-comma', clause: 'cn-paren', clauses: 'per-section' });
    expect(t.variables.map((v) => [v.key, v.example])).toEqual([
      ['year', 2024],
      ['placeholder_1', '某某'],
      ['placeholder_2', '××'],
      ['placeholder_3', '○○'],
      ['placeholder_4', '____'],
      ['placeholder_5', '（单位名称）'],
      ['placeholder_6', 'XX'],
      ['placeholder_7', 'X'],
      ['placeholder_8', 'X'],
    ]);
    expect(t.closing).toEqual(['本部分由办公室牵头。', '中共{{placeholder_6}}局党组', '2024年{{placeholder_7}}月{{placeholder_8}}日']);
    expect(report.documents[0]?.placeholders.find((p) => p.key === 'placeholder_5')?.occurrences).toEqual([
      { where: '二.第 1 条', context: '…治形式主义 1.坚决整治【（单位名称）】的形式主义。' },
    ]);
  });

  it('splits a compilation and keeps template ids unique', () => {
    const doc = (unit: string): string => `2024年度${unit}重点任务清单\n一、部分\n1.条目。`;
    const { templates, report } = importText(`2024年度重点任务清单汇编\n（3篇）\n${doc('甲局')}\n（二）\n${doc('乙局')}\n${doc('丙局')}`, 'x');
    expect(templates.map((t) => t.id)).toEqual(['task-list-2024', 'task-list-2024-2', 'task-list-2024-3']);
    expect(report.documents.map((d) => [d.title, d.line])).toEqual([
      ['2024年度甲局重点任务清单', 3],
      ['2024年度乙局重点任务清单', 7],
      ['2024年度丙局重点任务清单', 10],
    ]);
    expect(report.header).toEqual({ line: 1, text: '2024年度重点任务清单汇编' });
  });

  it('splits a lead sentence off when most items open with a short one', () => {
    const text = ['任务清单', '一、部分', '第一，加强学习。每月学习一次。', '第二，加强管理。每季度检查一次。', '第三，加强监督。每年报告一次。'].join('\n');
    const t = importText(text, 'x').templates[0];
    expect(t?.sections[0]?.clauses?.map((c) => [c.lead, c.text])).toEqual([
      ['加强学习。', '每月学习一次。'],
      ['加强管理。', '每季度检查一次。'],
      ['加强监督。', '每年报告一次。'],
    ]);
  });

  it('gives a sample without year or placeholders one variable, its title', () => {
    const t = Template.parse(importText('学习清单\n一、部分\n1.学习党章。', 'x').templates[0]);
    expect(t.variables.map((v) => [v.key, v.example])).toEqual([['title_text', '学习清单']]);
    expect([t.title, t.fileName]).toEqual(['{{title_text}}', '{{title_text}}']);
    expect(t.sections[0]?.clauses?.map((c) => c.text)).toEqual(['学习党章。']);
  });

  it('refuses text without numbering, saying what was expected and found', () => {
    expect(() => importText('一段没有编号的文字。\n又一段。', 'prose.txt')).toThrow(/认不出清单结构：期望一个含“清单”的标题.*实际 2 行文字中没有一行以编号开头/su);
  });
});
