/** Unit tests of the shared page-measuring helpers in `tests/support/pdf-lines.ts`. */
import { describe, expect, it } from 'vitest';
import { bodyLines, fullWidthLength, kinsokuViolations, medianPitch, pageNumberOf, parseBboxLayout } from './support/pdf-lines.js';

const word = (x0: number, y0: number, x1: number, y1: number, t: string): string =>
  `<word xMin="${x0}" yMin="${y0}" xMax="${x1}" yMax="${y1}">${t}</word>`;

const XHTML = `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd"><html xmlns="http://www.w3.org/1999/xhtml">
<head><title></title></head><body><doc>
<page width="595.3" height="841.9"><flow>
<block xMin="0" yMin="0" xMax="0" yMax="0">
<line xMin="79" yMin="100" xMax="500" yMax="116">${word(79, 100, 300, 116, '一、坚定拥护')}${word(300.5, 100, 400, 116, '“两个确立”')}</line>
<line xMin="79" yMin="128.95" xMax="500" yMax="144.95">${word(79, 128.95, 200, 144.95, '，A&amp;B')}${word(210, 128.95, 260, 144.95, '&lt;试行&gt;（')}</line>
</block>
<block xMin="0" yMin="0" xMax="0" yMax="0"><line xMin="300" yMin="157.9" xMax="320" yMax="173.9">${word(300, 157.9, 320, 173.9, '续')}</line></block>
<block xMin="0" yMin="0" xMax="0" yMax="0"><line xMin="79" yMin="158.4" xMax="100" yMax="173.4">${word(79, 158.4, 100, 173.4, '接')}</line></block>
<block xMin="0" yMin="0" xMax="0" yMax="0"><line xMin="470" yMin="760" xMax="530" yMax="774">${word(470, 760, 480, 774, '—')}${word(484, 760, 492, 774, '1')}${word(496, 760, 510, 774, '—')}</line></block>
</flow></page>
<page width="595.3" height="841.9"><flow><block xMin="0" yMin="0" xMax="0" yMax="0">
<line xMin="90" yMin="760" xMax="150" yMax="774">${word(90, 760, 100, 774, '—')}${word(104, 760, 112, 774, '2')}${word(116, 760, 130, 774, '—')}</line>
</block></flow></page>
</doc></body></html>`;

describe('pdf-lines', () => {
  const pages = parseBboxLayout(XHTML);

  it('reads pages, lines and entities, merging boxes on one baseline', () => {
    expect(pages).toHaveLength(2);
    const p1 = pages[0]!;
    expect(p1.lines.map((l) => l.text)).toEqual(['一、坚定拥护“两个确立”', '，A&B <试行>（', '接 续', '— 1 —']);
  });

  it('finds the page number and its side', () => {
    expect(pageNumberOf(pages[0]!)).toMatchObject({ value: 1, side: 'right', text: '— 1 —' });
    expect(pageNumberOf(pages[1]!)).toMatchObject({ value: 2, side: 'left' });
    expect(bodyLines(pages[0]!)).toHaveLength(3);
  });

  it('measures pitch and width', () => {
    expect(medianPitch(bodyLines(pages[0]!))).toBeCloseTo(28.95, 1);
    expect(fullWidthLength('一、坚定A1')).toBe(5);
    expect(fullWidthLength('𠮷吉')).toBe(2);
  });

  it('reports forbidden line starts and ends', () => {
    const v = kinsokuViolations(pages, '，。', '（《');
    expect(v).toEqual([
      { page: 1, line: '，A&B <试行>（', at: 'start', mark: '，' },
      { page: 1, line: '，A&B <试行>（', at: 'end', mark: '（' },
    ]);
  });
});
