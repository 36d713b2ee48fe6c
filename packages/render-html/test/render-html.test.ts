import { describe, expect, it } from 'vitest';
import { gbt9704, KINSOKU_NO_END, KINSOKU_NO_START } from '@qingdan/layout';
import { documentLines, exampleAnswers, resolve } from '@qingdan/engine';
import { loadTemplate } from '@qingdan/template-files';
import type { ResolvedDocument } from '@qingdan/model';
import * as api from '@qingdan/render-html';
import { breakLines, escapeHtml, htmlStyles, layoutPages, renderHtml, textWidth } from '@qingdan/render-html';

const template = loadTemplate(new URL('../../../templates/responsibility-list/template.yaml', import.meta.url).pathname);
const doc = resolve(template, { ...exampleAnswers(template), year: 2024, leader_name: '张三同志', divisions: ['办公室', '财务科'] });

const lineText = (l: { runs: { text: string }[] }): string => l.runs.map((r) => r.text).join('');

describe('public API', () => {
  it('exports these names', () => {
    expect(Object.keys(api).sort()).toEqual(
      ['FONT_STACKS', 'breakLines', 'cellsPerLine', 'charWidth', 'escapeHtml', 'htmlStyles', 'layoutPages', 'nodeToHtml', 'pageNode', 'pageNumberText', 'pagesNode', 'renderHtml', 'renderHtmlDocument', 'textWidth'],
    );
  });
});

describe('breakLines', () => {
  it('fills 28 cells a line, 26 after a two-character indent', () => {
    const lines = breakLines([{ text: '一'.repeat(60) }], 28, 2);
    expect(lines.map((l) => [l.indent, l.width, l.last])).toEqual([[2, 26, false], [0, 28, false], [0, 6, true]]);
  });
  it('never starts a line with ，。、 or ” and never ends one with “ (push-out)', () => {
    const text = `${'字'.repeat(28)}，${'字'.repeat(25)}“引号”。${'字'.repeat(24)}（括号）`;
    const lines = breakLines([{ text }], 28, 0);
    for (const l of lines) {
      const t = lineText(l);
      expect(KINSOKU_NO_START.includes(t[0] ?? '')).toBe(false);
      expect(KINSOKU_NO_END.includes(t[t.length - 1] ?? '')).toBe(false);
      expect(l.width).toBeLessThanOrEqual(28);
    }
    expect(lineText(lines[0]!)).toBe('字'.repeat(27));
    expect(lineText(lines[1]!).startsWith('字，')).toBe(true);
    expect(lines.map(lineText).join('')).toBe(text);
  });
  it('keeps a year and a Latin word on one line and counts them as half-width', () => {
    expect(textWidth('2024')).toBe(2);
    const lines = breakLines([{ text: `${'字'.repeat(27)}2024年` }], 28, 0);
    expect(lines.map(lineText)).toEqual(['字'.repeat(27), '2024年']);
  });
  it('breaks at an explicit \\n without justifying, and starts the next line flush left', () => {
    const lines = breakLines([{ text: '第一行\n第二行' }], 28, 2);
    expect(lines.map((l) => [lineText(l), l.indent, l.last])).toEqual([['第一行', 2, true], ['第二行', 0, true]]);
  });
  it('counts grid cells as the PDF does: a Latin letter is ½ cell however narrow, so 56 a line', () => {
    const lines = breakLines([{ text: 'i'.repeat(60) }], 28, 0);
    expect(lines.map((l) => lineText(l).length)).toEqual([56, 4]);
    expect(lines[0]?.width).toBeCloseTo(56 * 0.3, 9);
  });
  it('turns a vertical tab and \\r\\n into explicit breaks, and keeps the bold flag across one', () => {
    const lines = breakLines([{ text: '甲\u000b乙', bold: true }, { text: '\r\n丙' }], 28, 2);
    expect(lines.map((l) => [l.runs, l.indent, l.last])).toEqual([
      [[{ text: '甲', bold: true }], 2, true],
      [[{ text: '乙', bold: true }], 0, true],
      [[{ text: '丙' }], 0, true],
    ]);
  });
  it('gives invisible format characters (variation selectors, word joiner) no width, as the PDF leaves them out', () => {
    const lines = breakLines([{ text: '葛\u{E0100}\u2060'.repeat(30) }], 28, 0);
    expect(lines.map((l) => lineText(l).replace(/[\u{E0100}\u2060]/gu, '').length)).toEqual([28, 2]);
    expect(lines[0]?.width).toBe(28);
  });
  it('keeps the bold lead sentence as its own run', () => {
    const [line] = breakLines([{ text: '3.' }, { text: '加强学习。', bold: true }, { text: '正文' }], 28, 2);
    expect(line?.runs).toEqual([{ text: '3.' }, { text: '加强学习。', bold: true }, { text: '正文' }]);
  });
});

describe('layoutPages', () => {
  const pages = layoutPages(doc);
  it('puts at most 22 lines on a page, title first, then a blank line', () => {
    expect(pages.length).toBeGreaterThanOrEqual(5);
    for (const p of pages) expect(p.lines.length).toBeLessThanOrEqual(gbt9704.grid.linesPerPage);
    for (const p of pages.slice(0, -1)) expect(p.lines.length).toBe(22);
    expect(lineText(pages[0]!.lines[0]!)).toBe('2024年履行全面从严治党重要领导责任清单');
    expect(pages[0]!.lines[1]).toMatchObject({ blank: true });
  });
  it('keeps every character of the document, in order', () => {
    const text = pages.flatMap((p) => p.lines.map(lineText)).join('');
    expect(text).toBe(documentLines(doc).join(''));
  });
  it('starts each block with a two-character indent and numbers clauses 1. … 22.', () => {
    const firsts = pages.flatMap((p) => p.lines).filter((l) => l.indent === 2 && l.role === 'body').map(lineText);
    const numbers = firsts.map((t) => /^(\d+)\./.exec(t)?.[1]).filter(Boolean);
    expect(numbers).toEqual(Array.from({ length: 22 }, (_, i) => String(i + 1)));
    expect(pages.flatMap((p) => p.lines).filter((l) => l.role === 'heading1').map(lineText)[0]?.startsWith('一、坚定拥护')).toBe(true);
  });
  it('breaks the title at 20 characters of 22 pt', () => {
    const long: ResolvedDocument = { ...doc, title: ['甲'.repeat(25)], blocks: [] };
    expect(layoutPages(long)[0]!.lines.slice(0, 2).map(lineText)).toEqual(['甲'.repeat(20), '甲'.repeat(5)]);
  });
  it('throws on a block kind it does not know', () => {
    const bad = { ...doc, blocks: [{ kind: 'table', text: 'x' }] } as unknown as ResolvedDocument;
    expect(() => layoutPages(bad)).toThrow('正文第 1 段的类型「table」未知');
  });
});

describe('renderHtml', () => {
  it('escapes every text: a <script> value shows as text', () => {
    const evil: ResolvedDocument = { ...doc, title: ['<b>标题</b>'], blocks: [{ kind: 'paragraph', text: '<script>alert(1)</script>&"\'' }] };
    const html = renderHtml(evil);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&#39;');
    expect(html).toContain('&lt;b&gt;标题&lt;/b&gt;');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<b>标题');
    expect(escapeHtml('<a href="x">')).toBe('&lt;a href=&quot;x&quot;&gt;');
  });
  it('writes pages with their numbers, odd right and even left', () => {
    const html = renderHtml(doc);
    const n = layoutPages(doc).length;
    expect(html.startsWith(`<div class="qd-pages" data-page-count="${n}">`)).toBe(true);
    expect(html).toContain('<div class="qd-page-number qd-right">— 1 —</div>');
    expect(html).toContain('<div class="qd-page-number qd-left">— 2 —</div>');
    const withLead: ResolvedDocument = { ...doc, blocks: [{ kind: 'clause', number: '1.', lead: '加强学习。', text: '正文' }] };
    expect(renderHtml(withLead)).toContain('<div class="qd-line qd-body qd-indent qd-last" data-block="0">1.<b class="qd-lead">加强学习。</b>正文</div>');
    expect(html).not.toContain('style=');
  });
  it('styles A4 pages with the GB/T 9704 numbers', () => {
    const css = htmlStyles();
    expect(css).toContain('width: 210mm; height: 297mm; padding: 37mm 26mm 35mm 28mm;');
    expect(css).toContain('height: 28.95pt; line-height: 28.95pt;');
    expect(css).toContain('font-size: 16pt; letter-spacing: -0.207pt;');
    expect(css).toContain('font-family: "qd-latin", "仿宋_GB2312"');
    expect(css).toContain('font-size: 22pt; text-align: center;');
    expect(css).not.toMatch(/url\(/);
  });
});
