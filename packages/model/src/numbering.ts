/**
 * Chinese numerals and the numbering styles of Party and government documents: writing them
 * (`formatNumber`) and reading them back from hand-typed text (`matchNumber`).
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

// Reading numbers back: the inverse of `formatNumber`, tolerant of the malformed variants that
// hand-typed lists carry (the importer reads seeds with it, the lint checks numbering gaps with it).

/** A number found at the start of a line. */
export interface LineNumber {
  style: NumberingStyle;
  /** The number's value, e.g. 11 for "十一、" or "第十一，". */
  value: number;
  /** The number as written, with its punctuation, e.g. "第一，", "1．", "1、". */
  raw: string;
  /** True when the punctuation is not the standard one (e.g. "1、", "1．", "一." "第一、"). */
  malformed: boolean;
  /** The text after the number, trimmed. */
  rest: string;
}

const CN_DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN = '[零〇一二两三四五六七八九十百]{1,6}';

/**
 * Reads a Chinese numeral up to 9999 (一, 十一, 二十, 一百零一 …).
 *
 * @returns the value, or `undefined` when `s` is not a well-formed numeral
 */
export function parseChineseNumeral(s: string): number | undefined {
  if (s === '') return undefined;
  let total = 0;
  let digit: number | undefined;
  for (const ch of s) {
    if (ch in CN_DIGIT) {
      if (digit !== undefined && digit !== 0) return undefined; // 二三
      digit = CN_DIGIT[ch];
    } else {
      const unit = ch === '十' ? 10 : ch === '百' ? 100 : ch === '千' ? 1000 : undefined;
      if (unit === undefined) return undefined;
      total += (digit ?? (unit === 10 && total === 0 ? 1 : NaN)) * unit;
      if (Number.isNaN(total)) return undefined;
      digit = undefined;
    }
  }
  total += digit ?? 0;
  return total > 0 ? total : undefined;
}

const toAscii = (s: string): string => s.replace(/[０-９]/gu, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));

interface Pattern {
  style: NumberingStyle;
  re: RegExp;
  /** The standard punctuation, as a test on the whole match. */
  standard: RegExp;
  arabic: boolean;
}

/*
 * The order matters: （一） before 一、; 第一， before 一、 (第 is not a numeral); Arabic last.
 * Arabic numbers must not be followed by another digit or by 年/月/日/% etc. (a date, a
 * decimal, a quantity: "1.5倍", "2023年"): the punctuation after the digits is required.
 */
const PATTERNS: Pattern[] = [
  { style: 'cn-paren', re: new RegExp(`^[（(]\\s*(${CN})\\s*[）)]\\s*`, 'u'), standard: /^（.+）\s*$/u, arabic: false },
  { style: 'arabic-paren', re: /^[（(]\s*([0-9０-９]{1,3})\s*[）)]\s*/u, standard: /^（.+）\s*$/u, arabic: true },
  { style: 'cn-ordinal', re: new RegExp(`^第(${CN})\\s*[，,、.．:：]\\s*`, 'u'), standard: /^第.+，\s*$/u, arabic: false },
  { style: 'cn-comma', re: new RegExp(`^(${CN})\\s*[、,，.．]\\s*`, 'u'), standard: /^.+、\s*$/u, arabic: false },
  { style: 'arabic-dot', re: /^([0-9０-９]{1,3})\s*[.．、,，](?![0-9０-９])\s*/u, standard: /^\d+\.\s*$/u, arabic: true },
];

/**
 * Finds the number at the head of a line, in the styles of the glossary: `一、` (cn-comma),
 * `第一，` (cn-ordinal), `（一）` (cn-paren), `1.` (arabic-dot), `（1）` (arabic-paren), with
 * full- or half-width brackets, dots and commas and full-width digits ("1、", "1．", "一.",
 * "第一、", "(1)").
 *
 * A line that is only a number (nothing after it) is not numbered text and gives `undefined`.
 *
 * @param text - one trimmed line
 * @returns the number and the rest of the line, or `undefined`
 * @example matchNumber('第十一，加强作风建设。') // { style: 'cn-ordinal', value: 11, raw: '第十一，', malformed: false, rest: '加强作风建设。' }
 */
export function matchNumber(text: string): LineNumber | undefined {
  for (const p of PATTERNS) {
    const m = p.re.exec(text);
    if (!m) continue;
    const digits = m[1] ?? '';
    const value = p.arabic ? Number(toAscii(digits)) : parseChineseNumeral(digits);
    if (value === undefined || value < 1) continue;
    const rest = text.slice(m[0].length).trim();
    if (rest === '') return undefined;
    const raw = m[0].trim();
    return { style: p.style, value, raw, malformed: !p.standard.test(toAscii(raw)), rest };
  }
  return undefined;
}
