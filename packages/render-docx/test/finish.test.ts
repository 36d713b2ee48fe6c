/**
 * What render-docx writes that the docx library cannot (finish.ts), and what the composition
 * changed (marks at half width, spread lines), asserted on the XML of the packed file.
 */
import { KINSOKU_NO_END, KINSOKU_NO_START } from '@qingdan/layout';
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { renderDocx } from '../src/index.js';
import { FONT_TABLE, finishFooter, finishSettings, finishStyles } from '../src/finish.js';
import { resolvedDocument, seedResponsibilityList } from './fixture.js';
import { all, attrs, docxParts, first, style } from './parts.js';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const children = (el: Element): string[] => Array.from(el.childNodes).filter((n): n is Element => n.nodeType === 1).map((n) => n.nodeName);

describe('finished parts of the DOCX', async () => {
  const doc = { ...seedResponsibilityList(), meta: { unit: '区发展和改革局' } };
  const parts = await docxParts(await renderDocx(doc));

  it('settings: no compression of their own, and the composition’s 禁则 marks for zh-CN', () => {
    expect(attrs(first(parts.settings, 'w:characterSpacingControl'))).toEqual({ 'w:val': 'doNotCompress' });
    expect(attrs(first(parts.settings, 'w:noLineBreaksBefore'))).toEqual({ 'w:lang': 'zh-CN', 'w:val': KINSOKU_NO_START });
    expect(attrs(first(parts.settings, 'w:noLineBreaksAfter'))).toEqual({ 'w:lang': 'zh-CN', 'w:val': KINSOKU_NO_END });
    // CT_Settings order: these come before w:compat.
    const names = children(parts.settings.documentElement as unknown as Element);
    expect(names.indexOf('w:characterSpacingControl')).toBeLessThan(names.indexOf('w:compat'));
  });

  it('styles: 禁则 on, no hanging marks, no space between Chinese and Latin or digits, in schema order', () => {
    for (const pPr of [first(first(parts.styles, 'w:pPrDefault'), 'w:pPr'), first(style(parts.styles, 'Normal'), 'w:pPr')]) {
      const names = children(pPr);
      expect(names.slice(names.indexOf('w:kinsoku'), names.indexOf('w:kinsoku') + 4)).toEqual(['w:kinsoku', 'w:overflowPunct', 'w:autoSpaceDE', 'w:autoSpaceDN']);
      expect(names.indexOf('w:autoSpaceDN')).toBeLessThan(names.indexOf('w:spacing'));
      expect(attrs(first(pPr, 'w:kinsoku'))['w:val']).toBe('1');
      expect(attrs(first(pPr, 'w:autoSpaceDE'))['w:val']).toBe('0');
    }
  });

  it('styles: the built-in Title and Heading styles carry no colour', () => {
    for (const id of ['Title', 'Heading1', 'Heading2', 'Caption']) expect(all(style(parts.styles, id), 'w:color')).toHaveLength(0);
  });

  it('font table: each office face with its substitute, PANOSE, character set and family', () => {
    const fonts = parseFonts(parts.raw['word/fontTable.xml']!);
    expect(fonts.get('仿宋_GB2312')).toEqual({ altName: '仿宋', panose: '02010609030101010101', charset: '86', family: 'modern', pitch: 'fixed' });
    expect(fonts.get('方正小标宋简体')?.altName).toBe('华文中宋');
    expect(fonts.get('华文中宋')?.altName).toBe('宋体');
    expect(fonts.get('黑体')?.altName).toBe('SimHei');
    expect(fonts.get('楷体_GB2312')?.altName).toBe('楷体');
    expect([...fonts.keys()]).toEqual(FONT_TABLE.map((f) => f.name));
  });

  it('footers: the PAGE field has a cached result, 1 on odd pages (right) and 2 on even pages (left)', () => {
    const cached = (footer: Document): string => {
      const xml = new XMLSerializer().serializeToString(footer as unknown as Node);
      return /w:fldCharType="separate"\/><w:t>(\d+)<\/w:t>/.exec(xml)?.[1] ?? '';
    };
    expect(cached(parts.footers.default!)).toBe('1');
    expect(cached(parts.footers.even!)).toBe('2');
  });

  it('core properties from the document: title and unit, not "Un-named"', () => {
    const core = parts.raw['docProps/core.xml']!;
    expect(core).toContain('<dc:title>2023年履行全面从严治党重要领导责任清单</dc:title>');
    expect(core).toContain('<dc:creator>区发展和改革局</dc:creator>');
    expect(core).not.toContain('Un-named');
  });

  it('leaves a part it does not recognise as it is', () => {
    expect(finishSettings('<x/>')).toBe('<x/>');
    expect(finishFooter('<w:ftr/>')).toBe('<w:ftr/>');
    expect(finishStyles('<w:styles/>')).toBe('<w:styles/>');
  });
});

describe('what the composition changed, in the runs', () => {
  it('scales a mark set at half width to 50 % and spreads a line that gave up characters', async () => {
    const doc = resolvedDocument([
      { kind: 'paragraph', text: `${'一'.repeat(8)}，${'二'.repeat(17)}，${'三'.repeat(10)}` },
      { kind: 'paragraph', text: `${'甲'.repeat(25)}字，${'乙'.repeat(3)}` },
    ]);
    const parts = await docxParts(await renderDocx(doc));
    const runs = all(parts.document, 'w:r').filter((r) => all(r, 'w:t').length > 0);
    const scaled = runs.filter((r) => all(r, 'w:w').length > 0);
    expect(scaled.map((r) => first(r, 'w:t').textContent)).toEqual(['，', '，']);
    for (const r of scaled) expect(attrs(first(r, 'w:w'))['w:val']).toBe('50');
    // 甲 × 25 spread over the 26 cells after the indent: (26 − 25) × 15.79 pt / 25 = 0.63 pt → 12 twips more.
    const spread = runs.find((r) => first(r, 'w:t').textContent === '甲'.repeat(25))!;
    expect(attrs(first(spread, 'w:spacing'))['w:val']).toBe(String(-6 + 12));
  });
});

function parseFonts(xml: string): Map<string, { altName?: string; panose: string; charset: string; family: string; pitch: string }> {
  const dom = new DOMParser().parseFromString(xml, 'text/xml');
  const out = new Map<string, { altName?: string; panose: string; charset: string; family: string; pitch: string }>();
  for (const f of Array.from(dom.getElementsByTagNameNS(W, 'font'))) {
    const val = (tag: string): string | undefined => f.getElementsByTagNameNS(W, tag)[0]?.getAttribute('w:val') ?? undefined;
    const alt = val('altName');
    out.set(f.getAttribute('w:name') ?? '', { ...(alt ? { altName: alt } : {}), panose: val('panose1') ?? '', charset: val('charset') ?? '', family: val('family') ?? '', pitch: val('pitch') ?? '' });
  }
  return out;
}
