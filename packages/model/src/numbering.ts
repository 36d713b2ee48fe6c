/**
 * Chinese numerals and the numbering styles of Party and government documents.
 *
 * The styles are those of the glossary (`cn-comma` 一、, `cn-ordinal` 第一，, `cn-paren` （一）,
 * `arabic-dot` 1., `arabic-paren` （1）); GB/T 9704-2012 §7.3.3 orders the levels of headings as
 * 一、 → （一） → 1. → （1）.
 */
import { z } from 'zod';

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;
const SMALL_UNITS = ['', '十', '百', '千'] as const;
const BIG_UNITS = ['', '万', '亿'] as const;

/** Reads a group of four digits (0 … 9999) the usual way; `zeroPad` says a 零 must lead it. */
function fourDigits(n: number, zeroPad: boolean): string {
  let out = '';
  let pendingZero = zeroPad;
  for (let unit = 3; unit >= 0; unit -= 1) {
    const d = Math.floor(n / 10 ** unit) % 10;
    if (d === 0) {
      if (out !== '') pendingZero = true;
      continue;
    }
    if (pendingZero && (out !== '' || zeroPad)) out += '零';
    pendingZero = false;
    out += `${DIGITS[d] ?? ''}${SMALL_UNITS[unit] ?? ''}`;
  }
  return out;
}

/**
 * Writes a non-negative integer in Chinese numerals, the way it is read aloud:
 * 10 → 十, 11 → 十一, 20 → 二十, 21 → 二十一, 99 → 九十九, 100 → 一百, 101 → 一百零一,
 * 110 → 一百一十, 1001 → 一千零一, 10000 → 一万.
 *
 * @param n - an integer from 0 to 999 999 999 999
 * @returns the numeral, e.g. `"二十一"`
 * @throws {RangeError} when `n` is negative, not an integer, or too large
 * @example toChineseNumeral(101) // "一百零一"
 */
export function toChineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 999_999_999_999) {
    throw new RangeError(`中文数字只支持 0 至 999999999999 的整数，收到 ${String(n)}`);
  }
  if (n === 0) return DIGITS[0];
  const groups: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 10_000)) groups.push(rest % 10_000);
  let out = '';
  for (let i = groups.length - 1; i >= 0; i -= 1) {
    const g = groups[i] ?? 0;
    if (g === 0) continue;
    const needZero = out !== '' && g < 1000;
    out += fourDigits(g, needZero) + (BIG_UNITS[i] ?? '');
  }
  // 10–19 at the head of a number are read 十, 十一 … not 一十, 一十一.
  return out.startsWith('一十') ? out.slice(1) : out;
}

/** The numbering styles of the glossary. */
export const NumberingStyle = z.enum(['cn-comma', 'cn-ordinal', 'cn-paren', 'arabic-dot', 'arabic-paren']);
/** One of `cn-comma` (一、), `cn-ordinal` (第一，), `cn-paren` (（一）), `arabic-dot` (1.), `arabic-paren` (（1）). */
export type NumberingStyle = z.infer<typeof NumberingStyle>;

/**
 * Formats the n-th number of a style, with its punctuation, as it is printed before the text.
 *
 * @param style - the numbering style
 * @param n - the 1-based position
 * @returns e.g. `formatNumber('cn-ordinal', 11)` → `"第十一，"`, `formatNumber('arabic-dot', 22)` → `"22."`
 * @throws {RangeError} when `n` is not a positive integer
 */
export function formatNumber(style: NumberingStyle, n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`编号必须是正整数，收到 ${String(n)}`);
  switch (style) {
    case 'cn-comma':
      return `${toChineseNumeral(n)}、`;
    case 'cn-ordinal':
      return `第${toChineseNumeral(n)}，`;
    case 'cn-paren':
      return `（${toChineseNumeral(n)}）`;
    case 'arabic-dot':
      return `${n}.`;
    case 'arabic-paren':
      return `（${n}）`;
  }
}
