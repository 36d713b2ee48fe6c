import { describe, expect, it } from 'vitest';
import { compose, gbt9704 } from '@qingdan/layout';
import { documentLines, exampleAnswers, resolve } from '@qingdan/engine';
import { loadTemplate } from '@qingdan/template-files';
import type { ResolvedDocument } from '@qingdan/model';
import * as api from '@qingdan/render-html';
import { escapeHtml, htmlStyles, layoutPages, pagesFromComposition, renderHtml } from '@qingdan/render-html';

const template = loadTemplate(new URL('../../../templates/responsibility-list/template.yaml', import.meta.url).pathname);
const doc = resolve(template, { ...exampleAnswers(template), year: 2024, leader_name: '张三同志', divisions: ['办公室', '财务科'] });

const lineText = (l: { runs: { text: string }[] }): string => l.runs.map((r) => r.text).join('');

describe('public API', () => {
  it('exports these names', () => {
    expect(Object.keys(api).sort()).toEqual(
      ['FONT_STACKS', 'escapeHtml', 'htmlStyles', 'layoutPages', 'nodeToHtml', 'pageNode', 'pageNumberText', 'pagesFromComposition', 'pagesNode', 'renderHtml', 'renderHtmlDocument'],
    );
  });
});

describe('pagesFromComposition', () => {
  it('gives each line its runs (the bold lead its own), indent in cells and whether it is stretched', () => {
    const clause: ResolvedDocument = { ...doc, blocks: [{ kind: 'clause', number: '3.', lead: '加强学习。', text: '正文'.repeat(20) }] };
    const pages = pagesFromComposition(compose(clause));
    const [first, second] = pages[0]!.lines.slice(2);
    expect(first).toMatchObject({ runs: [{ text: '3.' }, { text: '加强学习。', bold: true }, { text: '正文'.repeat(10) }], indent: 2, last: false, role: 'body', block: 0 });
    expect(second).toMatchObject({ indent: 0, last: true });
    expect(pages[0]!.lines[1]).toMatchObject({ blank: true, runs: [] });
  });
  it('draws the lines of the composition it is given, not its own', () => {
    const composition = compose(doc);
    const moved = { ...composition, pages: [{ number: 1, lines: composition.pages[1]!.lines }] };
    expect(layoutPages(doc, { composition: moved })).toEqual(pagesFromComposition(moved));
    expect(layoutPages(doc, { composition: moved })[0]!.lines.map(lineText)).toEqual(pagesFromComposition(composition)[1]!.lines.map(lineText));
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
    expect(() => layoutPages(bad)).toThrow(expect.objectContaining({ code: 'RENDER_FAILED' }));
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

describe('marks the composition set at half width', () => {
  it('draws them in spans that take the blank half away', () => {
    const tight: ResolvedDocument = { ...doc, blocks: [{ kind: 'paragraph', text: `${'一'.repeat(8)}，${'二'.repeat(17)}，${'三'.repeat(10)}` }] };
    const line = layoutPages(tight)[0]!.lines[2]!;
    expect(line.runs.filter((r) => r.half)).toEqual([{ text: '，', half: 'after' }, { text: '，', half: 'after' }]);
    expect(renderHtml(tight)).toContain(`${'二'.repeat(17)}<span class="qd-half-after">，</span></div>`);
    expect(htmlStyles()).toContain('.qd-half-after { letter-spacing: calc(-0.207pt - 0.5em); }');
  });
});
