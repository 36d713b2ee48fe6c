import { documentLines } from '@qingdan/engine';
import { gbt9704, mmToPt } from '@qingdan/layout';
import { QingdanError, type ResolvedDocument } from '@qingdan/model';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPdfRenderer, layOutDocument, pdfDefinition, type PdfRenderer, type PlacedLine } from '../src/index.js';
import { responsibilityList, smallDoc } from './fixture.js';

/** Renderer with no system or office fonts: only the bundled Noto fonts, as on a bare machine. */
let bare: PdfRenderer;
beforeAll(async () => {
  bare = await createPdfRenderer({ systemFontDirs: [], fonts: [] });
});

type Line = ReturnType<typeof layOutDocument>['pages'][number]['lines'][number];
const lineText = (l: Line | undefined): string => (l?.kind === 'text' ? l.chars.map((c) => c.ch).join('') : '');
/** The pages of a document as arrays of lines. */
const pagesOf = (doc: ResolvedDocument): Line[][] => layOutDocument(bare, doc).pages.map((p) => p.lines);
const textLines = (doc: ResolvedDocument): PlacedLine[] => pagesOf(doc).flat().filter((l): l is PlacedLine => l.kind === 'text');

describe('layout of the responsibility list', () => {
  it('fills 22 lines a page: title, a blank line, then the body', () => {
    const pages = pagesOf(responsibilityList());
    expect(pages.length).toBeGreaterThanOrEqual(6);
    for (const page of pages.slice(0, -1)) expect(page).toHaveLength(22);
    expect(lineText(pages[0]?.[0])).toBe('2023年履行全面从严治党重要领导责任清单');
    expect(pages[0]?.[1]).toEqual({ kind: 'blank' });
    expect(lineText(pages[0]?.[2]).startsWith('XX根据XX工作分工')).toBe(true);
  });

  it('keeps every character of the document, in order', () => {
    const doc = responsibilityList();
    const got = pagesOf(doc).flat().map(lineText).join('');
    expect(got).toBe(documentLines(doc).join(''));
  });

  it('indents first lines by two character pitches and justifies full lines to 156 mm', () => {
    const lines = textLines(responsibilityList()).filter((l) => l.align === 'left');
    const first = lines[0]!;
    expect(first.indentPt).toBeCloseTo(2 * gbt9704.charPitchPt, 6);
    const full = lines.filter((l) => l.chars.length === 28 && l.chars.every((c) => c.cells === 1));
    expect(full.length).toBeGreaterThan(40);
    for (const l of full) {
      for (const c of l.chars) expect(c.spacePt).toBeCloseTo(gbt9704.charPitchPt - 16, 6);
      expect(l.widthPt).toBeCloseTo(mmToPt(156), 6);
    }
  });
});

describe('pdfmake document definition', () => {
  const def = (): ReturnType<typeof pdfDefinition> => pdfDefinition(bare, responsibilityList());
  type Run = { text: string; font: string; fontSize: number; characterSpacing: number; absolutePosition: { x: number; y: number } };
  const runs = (d: ReturnType<typeof pdfDefinition>): Run[] => d.content.filter((n) => 'absolutePosition' in n) as unknown as Run[];
  const flow = (d: ReturnType<typeof pdfDefinition>): Record<string, unknown>[] => d.content.filter((n) => !('absolutePosition' in n));

  it('is A4 with the GB/T 9704 type area', () => {
    const d = def();
    expect(d.pageSize.width).toBeCloseTo(595.28, 1);
    expect(d.pageSize.height).toBeCloseTo(841.89, 1);
    const [left, top, right] = d.pageMargins;
    expect(left).toBeCloseTo(mmToPt(28), 6);
    expect(top).toBeCloseTo(mmToPt(37), 6);
    expect(right).toBeCloseTo(mmToPt(26), 6);
  });

  it('makes the pages with one blank flow line of exactly 28.95 pt per composed line', () => {
    const d = def();
    const first = flow(d)[0] as { lineHeight: number; fontSize: number };
    // Noto Serif SC: ascent 1151, descent −286 per 1000 → 1.437 em.
    expect(first.lineHeight * 1.437 * first.fontSize).toBeCloseTo(28.95, 6);
    const breaks = flow(d).map((n, i) => (n.pageBreak === 'before' ? i : -1)).filter((i) => i >= 0);
    expect(breaks.slice(0, 3)).toEqual([22, 44, 66]);
    expect(d.footer(1, 7)).toMatchObject({ text: '— 1 —', alignment: 'right', fontSize: 14 });
    expect(d.footer(2, 7)).toMatchObject({ text: '— 2 —', alignment: 'left' });
  });

  it('places every run where the composition puts it: baseline on the centred em box, x by the slots', () => {
    const doc = smallDoc([{ kind: 'heading', level: 1, number: '一、', text: '总体要求' }, { kind: 'paragraph', text: '正文' }]);
    const d = pdfDefinition(bare, doc);
    const [title, heading, body] = runs(d);
    const top = mmToPt(37);
    // pdfmake puts a run's baseline one ascent below its top: Noto Serif SC 1.151 em, Noto Sans SC 1.160 em.
    expect(title!.absolutePosition.y + 1.151 * 22).toBeCloseTo(top + (28.95 - 22) / 2 + 0.88 * 22, 6);
    expect(heading!.absolutePosition.y + 1.16 * 16).toBeCloseTo(top + 2 * 28.95 + (28.95 - 16) / 2 + 0.88 * 16, 6);
    expect(body!.absolutePosition.y + 1.151 * 16).toBeCloseTo(top + 3 * 28.95 + (28.95 - 16) / 2 + 0.88 * 16, 6);
    expect(heading!.absolutePosition.x).toBeCloseTo(mmToPt(28) + 2 * gbt9704.charPitchPt, 6);
    // The title is centred: its width (4 × 22 pt) in the middle of the 156 mm line.
    expect(title!.absolutePosition.x).toBeCloseTo(mmToPt(28) + (mmToPt(156) - 88) / 2, 6);
  });

  it('sets a clause lead in the bold face, and a compressed mark as a run of its own', () => {
    const d = pdfDefinition(bare, smallDoc([{ kind: 'clause', number: '第一，', lead: '认真履行主责主业。', text: '机关党委书记要聚焦主责主业。' }]));
    const texts = runs(d).slice(1);
    expect(texts.map((i) => i.text).join('')).toBe('第一，认真履行主责主业。机关党委书记要聚焦主责主业。');
    const lead = texts.find((i) => i.text.startsWith('认真'))!;
    expect(lead.font).not.toBe(texts[0]!.font);
    const c = pdfDefinition(bare, smallDoc([{ kind: 'paragraph', text: `${'一'.repeat(8)}，${'二'.repeat(17)}，${'三'.repeat(10)}` }]));
    const commas = runs(c).filter((r) => r.text === '，');
    expect(commas).toHaveLength(2);
    // Half an em taken away after each (and a justified line’s few hundredths of a point of slack added).
    for (const r of commas) expect(r.characterSpacing).toBeCloseTo(gbt9704.charSpacingPt - 8, 1);
  });
});

describe('glyph coverage', () => {
  it('draws 䶮 (U+4DAE, CJK Extension A) from the body font', () => {
    const line = textLines(smallDoc([{ kind: 'paragraph', text: '刘䶮同志分管办公室。' }]))[1]!;
    const c = line.chars.find((x) => x.ch === '䶮')!;
    expect(c.font.choice.face).toBe('NotoSerifSC-Regular');
  });

  it('stops with the character, its code point, the place and the fonts tried when no font has it', () => {
    const doc = smallDoc([
      { kind: 'heading', level: 1, number: '一、', text: '总体要求' },
      { kind: 'clause', number: '1.', text: '王\u{31350}同志负责。' },
    ]);
    let err: unknown;
    try {
      layOutDocument(bare, doc);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(QingdanError);
    const e = err as QingdanError;
    expect(e.code).toBe('FONT_MISSING_GLYPH');
    expect(e.message).toContain('「\u{31350}」（U+31350）');
    expect(e.message).toContain('正文第 2 段（编号 1.）');
    expect(e.message).toContain('NotoSerifSC-Regular');
    expect(e.message).toContain('NotoSansSC-Regular');
    expect(e.issues[0]?.where).toMatchObject({ codePoint: 'U+31350' });
  });

  it('leaves out variation selectors and zero-width characters instead of failing on them', () => {
    expect(lineText(pagesOf(smallDoc([{ kind: 'paragraph', text: '葛\u{E0100}亮\u200B同志\uFE0F' }]))[0]![2])).toBe('葛亮同志');
  });

  it('fails on 𠮷 (U+20BB7) when only the bundled fonts are there, as one character', async () => {
    expect(() => layOutDocument(bare, smallDoc([{ kind: 'paragraph', text: '𠮷' }]))).toThrow(/「𠮷」（U\+20BB7）/);
  });
});

describe('block handlers', () => {
  it('throws on an unknown block kind', async () => {
    const doc = smallDoc([{ kind: 'table', text: 'x' } as unknown as ResolvedDocument['blocks'][number]]);
    await expect(bare.render(doc)).rejects.toMatchObject({ code: 'RENDER_FAILED', message: expect.stringContaining('「table」未知') });
  });
});

describe('rendering', () => {
  it('writes a PDF with the title in its info and subset fonts', async () => {
    const bytes = await bare.render(responsibilityList());
    const head = Buffer.from(bytes.subarray(0, 8)).toString('latin1');
    expect(head.startsWith('%PDF-1.')).toBe(true);
    const text = Buffer.from(bytes).toString('latin1');
    expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSerifSC-Regular/);
    expect(bytes.length).toBeLessThan(250 * 1024);
  });

  it('parses each font once per process: a second renderer shares the parsed fonts', async () => {
    const again = await createPdfRenderer({ systemFontDirs: [], fonts: [] });
    const doc = smallDoc([{ kind: 'paragraph', text: '正文' }]);
    const first = (r: PdfRenderer): PlacedLine => layOutDocument(r, doc).pages[0]!.lines[2] as PlacedLine;
    const f1 = first(bare).chars[0]!.font;
    const f2 = first(again).chars[0]!.font;
    expect(f2.font).toBe(f1.font);
    const bytes = await again.render(doc);
    expect(Buffer.from(bytes).toString('latin1')).toContain('NotoSerifSC-Regular');
  });
});
