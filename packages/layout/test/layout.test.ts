import { describe, expect, it } from 'vitest';
import { gbt9704, halfPoints, mmToPt, mmToTwips, ptToTwips } from '@qingdan/layout';

describe('gbt9704 profile', () => {
  it('gives A4 and the margins of GB/T 9704-2012 §5.2 in twips', () => {
    expect(mmToTwips(gbt9704.paper.widthMm)).toBe(11906);
    expect(mmToTwips(gbt9704.paper.heightMm)).toBe(16838);
    expect(mmToTwips(gbt9704.margins.top)).toBe(2098);
    expect(mmToTwips(gbt9704.margins.left)).toBe(1587);
    expect(mmToTwips(gbt9704.margins.right)).toBe(1474);
    expect(mmToTwips(gbt9704.margins.bottom)).toBe(1984);
  });
  it('keeps margins and type area consistent with the paper', () => {
    const { paper, margins, typeArea } = gbt9704;
    expect(margins.left + typeArea.widthMm + margins.right).toBe(paper.widthMm);
    expect(margins.top + typeArea.heightMm + margins.bottom).toBe(paper.heightMm);
  });
  it('fits 22 lines at the exact pitch of 28.95 pt (579 twips) into the type area', () => {
    expect(ptToTwips(gbt9704.linePitchPt)).toBe(579);
    expect(Math.floor(mmToPt(gbt9704.typeArea.heightMm) / gbt9704.linePitchPt)).toBe(22);
    expect(Math.floor(mmToPt(gbt9704.typeArea.heightMm) / 29)).toBe(21);
  });
  it('sizes the fonts as 二号, 三号 and 四号', () => {
    expect(halfPoints(gbt9704.fonts.title.sizePt)).toBe(44);
    expect(halfPoints(gbt9704.fonts.body.sizePt)).toBe(32);
    expect(halfPoints(gbt9704.fonts.pageNumber.sizePt)).toBe(28);
    expect(gbt9704.charPitchPt).toBeCloseTo(15.79, 2);
  });
});
