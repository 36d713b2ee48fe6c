/**
 * Recognising the number at the head of a line, in every style of the glossary and its usual
 * malformed variants. Pure.
 */
import type { NumberingStyle } from '@qingdan/model';

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
