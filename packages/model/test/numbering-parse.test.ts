import { describe, expect, it } from 'vitest';
import { matchNumber, parseChineseNumeral } from '@qingdan/model';

describe('parseChineseNumeral', () => {
  it.each([
    ['一', 1], ['十', 10], ['十一', 11], ['二十', 20], ['二十二', 22], ['一百', 100], ['一百零一', 101], ['两', 2],
  ])('%s → %i', (s, n) => expect(parseChineseNumeral(s)).toBe(n));
  it.each(['', '二三', '零', '百百'])('rejects %j', (s) => expect(parseChineseNumeral(s)).toBeUndefined());
});

describe('matchNumber', () => {
  it.each([
    ['一、党组重点工作', 'cn-comma', 1, '一、', false, '党组重点工作'],
    ['十一、作风建设', 'cn-comma', 11, '十一、', false, '作风建设'],
    ['第一，党组要认真贯彻', 'cn-ordinal', 1, '第一，', false, '党组要认真贯彻'],
    ['第十二，加强领导', 'cn-ordinal', 12, '第十二，', false, '加强领导'],
    ['（一）总体要求', 'cn-paren', 1, '（一）', false, '总体要求'],
    ['(三)半角括号', 'cn-paren', 3, '(三)', true, '半角括号'],
    ['1.深刻领悟', 'arabic-dot', 1, '1.', false, '深刻领悟'],
    ['22.模范遵守', 'arabic-dot', 22, '22.', false, '模范遵守'],
    ['（1）具体事项', 'arabic-paren', 1, '（1）', false, '具体事项'],
    // malformed variants
    ['1、顿号', 'arabic-dot', 1, '1、', true, '顿号'],
    ['2．全角点', 'arabic-dot', 2, '2．', true, '全角点'],
    ['３．全角数字', 'arabic-dot', 3, '３．', true, '全角数字'],
    ['4，逗号', 'arabic-dot', 4, '4，', true, '逗号'],
    ['5. 带空格', 'arabic-dot', 5, '5.', false, '带空格'],
    ['二.点号', 'cn-comma', 2, '二.', true, '点号'],
    ['三，逗号', 'cn-comma', 3, '三，', true, '逗号'],
    ['第二、顿号', 'cn-ordinal', 2, '第二、', true, '顿号'],
    ['(2)半角', 'arabic-paren', 2, '(2)', true, '半角'],
  ])('%s', (line, style, value, raw, malformed, rest) => {
    expect(matchNumber(line)).toEqual({ style, value, raw, malformed, rest });
  });

  it.each([
    '2023年度落实全面从严治党重点任务清单',
    '1.5倍的增长',
    '第一议题制度',
    '十分重要的工作',
    '一是加强学习',
    '（以下简称“两个示范点”）',
    '（一）',
    '60%以上党支部',
    '党组（党委）重点工作',
  ])('is not numbered text: %s', (line) => expect(matchNumber(line)).toBeUndefined());
});
