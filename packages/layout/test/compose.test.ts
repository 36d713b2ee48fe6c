import { describe, expect, it } from 'vitest';
import {
  baselineInLinePt,
  compose,
  composeLines,
  documentParagraphs,
  standardAdvanceEm,
  gbt9704,
  IDEOGRAPHIC_EM_BOX_ASCENT,
  mmToPt,
  pageNumberLabel,
  type ComposedLine,
  type Measure,
} from '@qingdan/layout';
import type { ResolvedBlock, ResolvedDocument } from '@qingdan/model';

const doc = (blocks: ResolvedBlock[], title = ['测试清单']): ResolvedDocument => ({
  templateId: 't',
  templateVersion: '1.0.0',
  kind: 'responsibility-list',
  title,
  fileName: title.join(''),
  meta: {},
  blocks,
});
const textLines = (d: ResolvedDocument, measure?: Measure<unknown>): ComposedLine<unknown>[] =>
  compose(d, measure ? { measure } : {})
    .pages.flatMap((p) => p.lines)
    .filter((l): l is ComposedLine<unknown> => l.kind === 'text');
const text = (l: ComposedLine<unknown>): string => l.chars.map((c) => c.ch).join('');

describe('the gbt9704 profile', () => {
  it('has one character spacing: the pitch of 28 characters in 156 mm minus the 三号 size', () => {
    expect(gbt9704.charSpacingPt).toBeCloseTo(mmToPt(156) / 28 - 16, 12);
    expect(gbt9704.charSpacingPt).toBeCloseTo(-0.207, 3);
  });
  it('centres the ideographic em box in the 28.95 pt line', () => {
    expect(IDEOGRAPHIC_EM_BOX_ASCENT).toBe(0.88);
    expect(baselineInLinePt(16)).toBeCloseTo((28.95 - 16) / 2 + 0.88 * 16, 12);
    expect(baselineInLinePt(22)).toBeCloseTo(3.475 + 19.36, 12);
  });
  it('labels page numbers "— n —", odd right and even left (§7.5)', () => {
    expect(pageNumberLabel(1)).toEqual({ text: '— 1 —', side: 'right' });
    expect(pageNumberLabel(2)).toEqual({ text: '— 2 —', side: 'left' });
  });
});

describe('documentParagraphs', () => {
  it('gives one paragraph per title line, then one per block, by its kind', () => {
    const ps = documentParagraphs(
      doc(
        [
          { kind: 'heading', level: 1, number: '一、', text: '总体要求' },
          { kind: 'heading', level: 2, number: '（一）', text: '分项' },
          { kind: 'clause', number: '1.', lead: '首句。', text: '正文' },
          { kind: 'paragraph', text: '段落' },
        ],
        ['标题', '第二行'],
      ),
    );
    expect(ps.map((p) => [p.role, p.align, p.indentChars, p.block])).toEqual([
      ['title', 'center', 0, -1],
      ['title', 'center', 0, -1],
      ['heading1', 'justify', 2, 0],
      ['heading2', 'justify', 2, 1],
      ['body', 'justify', 2, 2],
      ['body', 'justify', 2, 3],
    ]);
    expect(ps[4]?.runs).toEqual([{ text: '1.', role: 'body' }, { text: '首句。', role: 'body', bold: true }, { text: '正文', role: 'body' }]);
    expect(ps[4]?.where).toEqual({ block: 3, number: '1.' });
  });
  it('throws RENDER_FAILED naming the block of a kind it does not know', () => {
    const bad = doc([{ kind: 'table' } as unknown as ResolvedBlock]);
    expect(() => documentParagraphs(bad)).toThrow(expect.objectContaining({ code: 'RENDER_FAILED', message: expect.stringContaining('正文第 1 段的类型「table」未知') }));
  });
});

describe('compose', () => {
  it('sets the title, one blank line, then 26 + 28 + … characters a line at the 15.79 pt pitch', () => {
    const c = compose(doc([{ kind: 'paragraph', text: '字'.repeat(60) }]));
    const [title, blank, l1, l2, l3] = c.pages[0]!.lines;
    expect(title).toMatchObject({ kind: 'text', align: 'center', role: 'title', justified: false });
    expect(blank).toEqual({ kind: 'blank' });
    const lines = [l1, l2, l3] as ComposedLine<unknown>[];
    expect(lines.map((l) => l.chars.length)).toEqual([26, 28, 6]);
    expect(lines.map((l) => [l.justified, l.last])).toEqual([[true, false], [true, false], [false, true]]);
    expect(l1).toMatchObject({ indentPt: 2 * gbt9704.charPitchPt });
    for (const l of lines.slice(0, 2)) expect(l.indentPt + l.widthPt).toBeCloseTo(mmToPt(156), 9);
    expect(lines[2]!.chars[0]!.spacePt).toBeCloseTo(gbt9704.charSpacingPt, 12);
    expect(lines[0]!.baselinePt).toBeCloseTo(baselineInLinePt(16), 12);
  });

  it('puts 22 lines on a page and numbers the pages', () => {
    const c = compose(doc([{ kind: 'paragraph', text: '字'.repeat(28 * 30) }]));
    expect(c.pages.map((p) => [p.number, p.lines.length])).toEqual([[1, 22], [2, 11]]);
  });

  it('turns a vertical tab, a form feed and \\r\\n into explicit breaks, a tab into a space, and drops invisible characters', () => {
    const lines = textLines(doc([{ kind: 'clause', number: '1.', lead: '甲\u000b乙', text: '\r\n丙\t丁\u000c葛\u{E0100}\u2060亮' }]));
    expect(lines.slice(1).map((l) => [text(l), l.indentPt > 0, l.justified])).toEqual([
      ['1.甲', true, false],
      ['乙', false, false],
      ['丙 丁', false, false],
      ['葛亮', false, false],
    ]);
    expect(lines[2]!.chars.map((c) => c.bold)).toEqual([true]);
  });

  it('leaves out, and lists with every place, the characters the measure finds in no font', () => {
    const noX: Measure<string> = (ch, style) => (ch === 'X' ? undefined : { font: 'f', advancePt: standardAdvanceEm(ch) * style.sizePt });
    const c = compose(doc([{ kind: 'paragraph', text: '甲X乙' }, { kind: 'clause', number: '2.', text: 'X' }]), { measure: noX });
    expect(c.missing).toEqual([{ ch: 'X', codePoint: 0x58, style: { role: 'body', bold: false, sizePt: 16 }, where: [{ block: 1 }, { block: 2, number: '2.' }] }]);
    expect(textLines(doc([{ kind: 'paragraph', text: '甲X乙' }]), noX as Measure<unknown>).map(text)[1]).toBe('甲乙');
  });

  it('yields the same lines one by one as composeLines', () => {
    const d = doc([{ kind: 'paragraph', text: '字'.repeat(100) }]);
    expect([...composeLines(d)]).toEqual(compose(d).pages.flatMap((p) => p.lines));
  });
});

describe('line composition after clreq and JIS X 4051 (crafted paragraphs)', () => {
  const para = (text: string): ComposedLine<unknown>[] => textLines(doc([{ kind: 'paragraph', text }])).slice(1);
  const available = (l: ComposedLine<unknown>): number => mmToPt(156) - l.indentPt;

  it('compresses marks to take in a 禁则 case at column 28 instead of pushing a character down', () => {
    const lines = para(`${'一'.repeat(8)}，${'二'.repeat(17)}，${'三'.repeat(10)}`);
    expect(lines.map(text)).toEqual([`${'一'.repeat(8)}，${'二'.repeat(17)}，`, '三'.repeat(10)]);
    const first = lines[0]!;
    // 28 characters in the 26 cells after the indent: the two commas at half width.
    expect(first.chars.filter((c) => c.compressed).map((c) => c.ch)).toEqual(['，', '，']);
    for (const c of first.chars.filter((x) => x.compressed)) expect(c.adjustPt).toBeCloseTo(-8, 9);
    expect(first.indentPt + first.widthPt).toBeCloseTo(mmToPt(156), 9);
    expect(first.chars.filter((c) => !c.compressed).every((c) => c.adjustPt === 0)).toBe(true);
  });

  it('pushes the character down and spreads the line when it has no mark to compress', () => {
    const lines = para(`${'甲'.repeat(25)}字，${'乙'.repeat(3)}`);
    expect(lines.map(text)).toEqual(['甲'.repeat(25), `字，${'乙'.repeat(3)}`]);
    const spread = (available(lines[0]!) - 25 * gbt9704.charPitchPt) / 25;
    for (const c of lines[0]!.chars) expect(c.adjustPt).toBeCloseTo(spread, 9);
    expect(lines[0]!.widthPt).toBeCloseTo(available(lines[0]!), 9);
  });

  it('pulls a last line of two characters back into the line before by compressing its marks', () => {
    const lines = para(`${'甲'.repeat(26)}${'字，'.repeat(14)}题。`);
    expect(lines.map(text)).toEqual(['甲'.repeat(26), `${'字，'.repeat(14)}题。`]);
    expect(lines[1]!.chars.filter((c) => c.compressed)).toHaveLength(4);
    // 30 characters in 28 cells: the last line, set flush left, fills the type area.
    expect(Math.abs(lines[1]!.widthPt - mmToPt(156))).toBeLessThan(0.5);
    expect(lines[1]!.last).toBe(true);
  });

  it('gives the last line a third character from the line before when nothing can be compressed', () => {
    const lines = para(`${'甲'.repeat(26)}${'乙'.repeat(28)}题。`);
    expect(lines.map(text)).toEqual(['甲'.repeat(26), '乙'.repeat(27), '乙题。']);
    expect(lines[1]!.widthPt).toBeCloseTo(mmToPt(156), 9);
    expect(lines[1]!.justified).toBe(true);
  });

  it('keeps "1+N" whole at the end of a line: in by compression, or down as one', () => {
    const taken = para(`${'甲'.repeat(9)}、${'甲'.repeat(9)}、${'甲'.repeat(5)}1+N乙丙丁`);
    expect(taken.map(text)).toEqual([`${'甲'.repeat(9)}、${'甲'.repeat(9)}、${'甲'.repeat(5)}1+N`, '乙丙丁']);
    expect(taken[0]!.chars.filter((c) => c.compressed).map((c) => c.ch)).toEqual(['、', '、']);
    const pushed = para(`${'甲'.repeat(25)}1+N乙丙丁`);
    expect(pushed.map(text)).toEqual(['甲'.repeat(25), '1+N乙丙丁']);
  });

  it('keeps "2025年" whole', () => {
    expect(para(`${'甲'.repeat(25)}2025年完成`).map(text)).toEqual(['甲'.repeat(25), '2025年完成']);
  });

  it('never compresses a mark that would open its line, and leaves the title alone', () => {
    const lines = para(`${'甲'.repeat(26)}“${'乙'.repeat(26)}”。${'丙'.repeat(5)}`);
    for (const l of lines) expect(l.chars[0]?.compressed ?? false).toBe(false);
    const title = compose(doc([], ['一'.repeat(20) + '，'])).pages[0]!.lines[0] as ComposedLine<unknown>;
    expect(title.chars.some((c) => c.compressed || c.adjustPt !== 0)).toBe(false);
  });
});
