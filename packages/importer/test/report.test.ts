import { describe, expect, it } from 'vitest';
import { importText } from '../src/import.js';
import { formatReport } from '../src/report.js';

const SAMPLE = [
  '学习清单及任务清单',
  '（2篇）',
  '2024年某某局学习清单',
  '一、理论学习',
  '1.每月学习XX次。',
  '2.每季度研讨1次。',
  '二、制度学习',
  '3.学习|党章。',
  '##paidend##',
].join('\n');

describe('formatReport', () => {
  it('lists documents, sections, placeholders, warnings and removed debris in Chinese', () => {
    expect(formatReport(importText(SAMPLE, 'sample.txt').report)).toBe(
      [
        '# 范文导入报告：sample.txt',
        '',
        '读取方式：text；找到 1 份清单。',
        '合集标题（第 1 行，未作为清单）：学习清单及任务清单',
        '',
        '## 2024年某某局学习清单',
        '',
        '- 模板：`task-list-2024`（重点任务清单），标题在第 3 行，年度 2024',
        '- 编号：一、 → 1.；条目编号跨章节连续',
        '- 2 个部分，共 3 条；前言 0 段，结尾 0 段',
        '',
        '| 部分 | 标题 | 条目 | 说明 | 末尾说明 |',
        '|---|---|---|---|---|',
        '| 一、 | 理论学习 | 2 | 0 | 0 |',
        '| 二、 | 制度学习 | 1 | 0 | 0 |',
        '',
        '占位符 2 个（请在模板中改成有意义的变量名）：',
        '',
        '| 变量 | 原文 | 出现 | 上下文 |',
        '|---|---|---|---|',
        '| `placeholder_1` | 某某 | 标题 | 2024年【某某】局学习清单 |',
        '| `placeholder_2` | XX | 一、第 1 条 | 每月学习【XX】次。 |',
        '',
        '## 已删除的网页残留',
        '',
        '- 第 2 行：合集篇数「（2篇）」',
        '- 第 9 行：网站标记「##paidend##」',
        '',
      ].join('\n'),
    );
  });

  it('lists the lines it could not place, and escapes table bars', () => {
    const text = formatReport(importText('页眉文字\n甲清单\n一、部分|一\n1.条目。\n', 'x.txt').report);
    expect(text).toContain('| 一、 | 部分\\|一 | 1 | 0 | 0 |');
    expect(text).toContain('## 未能归位的行\n\n- 第 1 行「页眉文字」：在第一份清单的标题之前，不属于任何一份清单\n');
  });
});
