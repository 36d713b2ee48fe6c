import { describe, expect, it } from 'vitest';
import { cleanLines } from '../src/clean.js';

describe('cleanLines', () => {
  it('cuts glued markers, drops counts, article markers, prompts and blank runs, keeping line numbers', () => {
    const text = ['合集清单及责任清单', '(2篇)', '', '（-）', '标题清单', '##paidbegin##市直机关作为……', '\u3000\u3000', '（二）', '展开全文', '正文\u200b末尾##paidend##', '##paidend##'].join('\r\n');
    const { lines, debris } = cleanLines(text);
    expect(lines).toEqual([
      { line: 1, text: '合集清单及责任清单' },
      { line: 5, text: '标题清单' },
      { line: 6, text: '市直机关作为……' },
      { line: 10, text: '正文末尾' },
    ]);
    expect(debris).toEqual([
      { line: 2, text: '(2篇)', kind: 'count' },
      { line: 4, text: '（-）', kind: 'article-marker' },
      { line: 6, text: '##paidbegin##', kind: 'marker' },
      { line: 8, text: '（二）', kind: 'article-marker' },
      { line: 9, text: '展开全文', kind: 'web-prompt' },
      { line: 10, text: '##paidend##', kind: 'marker' },
      { line: 11, text: '##paidend##', kind: 'marker' },
    ]);
  });

  it('cuts a count glued to the end of a header line', () => {
    expect(cleanLines('2023年度重点任务清单及领导责任清单（2篇）').lines).toEqual([{ line: 1, text: '2023年度重点任务清单及领导责任清单' }]);
  });

  it('keeps a numbered line that starts with a bracket', () => {
    expect(cleanLines('（一）总体要求').lines).toEqual([{ line: 1, text: '（一）总体要求' }]);
  });
});
