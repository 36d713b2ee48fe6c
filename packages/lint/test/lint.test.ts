import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatLint, lintText } from '@qingdan/lint';

const seed = readFileSync(fileURLToPath(new URL('../../../seeds/000_6191e73f1c3e00fc.txt', import.meta.url)), 'utf8');

describe('lintText on the sample text', () => {
  const found = lintText(seed, { year: 2023 });
  const byRule = (id: string): string[] => found.filter((m) => m.rule === id).map((m) => `${m.where} ${m.message}`);

  it('finds the leftover XX', () => {
    expect(byRule('no-placeholder')).toHaveLength(13);
    expect(byRule('no-placeholder')[0]).toBe('第 39 行 出现残留占位符“XX”，应填写实际内容');
  });
  it('finds the doubled comma of clause 15 and the half-width commas', () => {
    expect(byRule('no-doubled-punctuation')).toEqual(['第 59 行 出现重复的标点“，，”，应为“，”']);
    expect(byRule('no-halfwidth-punctuation')).toEqual([
      '第 27 行 出现半角标点「,」，应为全角「，」',
      '第 41 行 出现半角标点「,」，应为全角「，」',
      '第 50 行 出现半角标点「,」，应为全角「，」',
      '第 62 行 出现半角标点「,」，应为全角「，」',
    ]);
  });
  it('finds the unbalanced quote around 五大行动', () => {
    expect(byRule('balanced-pairs')).toEqual([
      '第 22 行 双引号「“」没有对应的「”」',
      '第 22 行 出现半角引号「\'」，应为全角引号「“”」或「‘’」',
      '第 22 行 出现半角引号「"」，应为全角引号「“”」或「‘’」',
    ]);
  });
  it('finds two provinces in one compilation', () => {
    expect(byRule('mixed-places')).toEqual([
      '第 11 行 同一份清单出现了多个省级地名（内蒙古、贵州）：“内蒙古”可能是从别处范文带来的，应为本地的名称',
      '第 60 行 同一份清单出现了多个省级地名（内蒙古、贵州）：“贵州”可能是从别处范文带来的，应为本地的名称',
    ]);
  });
  it('reports a year other than the list’s', () => {
    expect(lintText('2023年度清单', { year: 2025 }).map((m) => m.message)).toEqual(['出现年份“2023年”，清单年度是 2025 年']);
    expect(lintText('2025年度清单', { year: 2025 })).toEqual([]);
  });
});

describe('lintText on clean text', () => {
  it('finds nothing in well-formed text', () => {
    expect(lintText('第一，认真落实“第一议题”制度，全年不少于12次（含专题研讨）。《条例》规定：“不得‘打招呼’”。')).toEqual([]);
  });
  it('formats findings as lines', () => {
    expect(formatLint(lintText('分管XX科，，'))).toEqual([
      '[错误] 第 1 行：出现残留占位符“XX”，应填写实际内容（…分管XX科，，…） no-placeholder',
      '[错误] 第 1 行：出现重复的标点“，，”，应为“，”（…分管XX科，，…） no-doubled-punctuation',
    ]);
  });
});
