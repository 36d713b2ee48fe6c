import { describe, expect, it } from 'vitest';
import { KINSOKU_NO_END, KINSOKU_NO_START, breakLines, cellsOf, gbt9704, mmToPt, unbreakableUnits, type MeasuredChar } from '@qingdan/layout';

/** Measured chars at 16 pt: full-width 16 pt, others 8.9 pt (a Noto digit is 0.557 em). */
const measure = (s: string): MeasuredChar[] => Array.from(s, (ch) => ({ ch, advancePt: cellsOf(ch) === 1 ? 16 : ch === ' ' ? 4 : 8.9, cells: cellsOf(ch) }));
const opts = {
  widthPt: mmToPt(156),
  maxCells: 28,
  firstIndentPt: 2 * gbt9704.charPitchPt,
  firstIndentCells: 2,
  spacingPt: gbt9704.charPitchPt - 16,
};
const texts = (lines: { chars: MeasuredChar[] }[]): string[] => lines.map((l) => l.chars.map((c) => c.ch).join(''));

describe('unbreakableUnits', () => {
  it('keeps numbers, years, Latin words, —— and …… together and glues 禁则 marks', () => {
    const units = unbreakableUnits(measure('于2023年完成12.5%，即“两个确立”——《条例》……好')).map((u) => u.map((c) => c.ch).join(''));
    expect(units).toEqual(['于', '2023年', '完', '成', '12.5%，', '即', '“两', '个', '确', '立”', '——', '《条', '例》……', '好']);
    expect(unbreakableUnits(measure('落实1+N清单，A+B')).map((u) => u.map((c) => c.ch).join(''))).toEqual(['落', '实', '1+N', '清', '单，', 'A+B']);
  });
});

describe('breakLines', () => {
  it('puts 28 full-width characters on a line and 26 after the two-character indent', () => {
    const lines = breakLines(measure('字'.repeat(26 + 28 + 28 + 5)), opts);
    expect(lines.map((l) => l.chars.length)).toEqual([26, 28, 28, 5]);
    expect(lines[0]?.indentPt).toBeCloseTo(31.586, 3);
    expect(lines.map((l) => l.justify)).toEqual([true, true, true, false]);
    expect(lines[1]?.widthPt).toBeCloseTo(mmToPt(156), 6);
  });

  it('never starts a line with a no-start mark: the last character moves down with it', () => {
    const lines = breakLines(measure(`${'字'.repeat(26)}，${'字'.repeat(10)}`), opts);
    expect(texts(lines)).toEqual(['字'.repeat(25), `字，${'字'.repeat(10)}`]);
    for (const line of texts(lines)) expect(KINSOKU_NO_START.includes(line[0] ?? '')).toBe(false);
  });

  it('never ends a line with a no-end mark', () => {
    const lines = breakLines(measure(`${'字'.repeat(25)}《条例》`), opts);
    expect(texts(lines)).toEqual(['字'.repeat(25), '《条例》']);
    for (const line of texts(lines)) expect(KINSOKU_NO_END.includes(line.at(-1) ?? '')).toBe(false);
  });

  it('moves a whole year to the next line rather than splitting it', () => {
    const lines = breakLines(measure(`${'字'.repeat(25)}2023年`), opts);
    expect(texts(lines)).toEqual(['字'.repeat(25), '2023年']);
  });

  it('counts a character beyond the BMP once', () => {
    const lines = breakLines(measure('𠮷'.repeat(30)), opts);
    expect(lines.map((l) => l.chars.length)).toEqual([26, 4]);
  });

  it('ends a line at an explicit break without stretching it', () => {
    const lines = breakLines(measure('第一行\n第二行'), opts);
    expect(texts(lines)).toEqual(['第一行', '第二行']);
    expect(lines.map((l) => [l.justify, l.indentPt > 0])).toEqual([[false, true], [false, false]]);
  });

  it('splits a Latin string longer than a line between characters', () => {
    const lines = breakLines(measure('a'.repeat(80)), opts);
    expect(lines.length).toBe(2);
    for (const l of lines) expect(l.widthPt).toBeLessThanOrEqual(l.availablePt + 0.01);
  });
});
