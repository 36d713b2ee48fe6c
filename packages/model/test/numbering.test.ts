import { describe, expect, it } from 'vitest';
import { formatNumber, toChineseNumeral } from '@qingdan/model';

describe('toChineseNumeral', () => {
  it.each([
    [1, '一'], [9, '九'], [10, '十'], [11, '十一'], [19, '十九'], [20, '二十'], [21, '二十一'],
    [99, '九十九'], [100, '一百'], [101, '一百零一'], [110, '一百一十'], [111, '一百一十一'],
    [1001, '一千零一'], [1010, '一千零一十'], [10000, '一万'], [10001, '一万零一'], [100010, '十万零一十'],
  ])('%i → %s', (n, expected) => {
    expect(toChineseNumeral(n)).toBe(expected);
  });
  it('rejects negatives and fractions', () => {
    expect(() => toChineseNumeral(-1)).toThrow(RangeError);
    expect(() => toChineseNumeral(1.5)).toThrow(RangeError);
  });
});

describe('formatNumber', () => {
  it('formats every style past ten', () => {
    expect(formatNumber('cn-comma', 11)).toBe('十一、');
    expect(formatNumber('cn-ordinal', 12)).toBe('第十二，');
    expect(formatNumber('cn-paren', 20)).toBe('（二十）');
    expect(formatNumber('arabic-dot', 22)).toBe('22.');
    expect(formatNumber('arabic-paren', 101)).toBe('（101）');
  });
  it('rejects 0', () => {
    expect(() => formatNumber('arabic-dot', 0)).toThrow(RangeError);
  });
});
