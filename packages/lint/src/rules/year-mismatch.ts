import { parseChineseNumeral } from '@qingdan/model';
import { perParagraph, sentenceAt, spans } from '../text.js';
import type { Rule } from '../types.js';

/** A year before 年: Arabic (2023年, 2023年度) or in Chinese digits (二〇二三年). */
const YEAR = /(?<![\d〇零一二三四五六七八九])(?:(?:19|20)\d{2}|[一二][〇零一二三四五六七八九]{3})(?=\s*年)/gu;
/** A span of years (2021—2025年, 2021-2025年): fine when it covers the list's year. */
const RANGE = /((?:19|20)\d{2})\s*[—–\-－~～至到]\s*((?:19|20)\d{2})(?=\s*年)/gu;
/**
 * Years every list may name: the national goals of 2035 (基本实现社会主义现代化) and the middle of
 * the century (2049, 2050), as the reports of the 19th and 20th Party congresses set them.
 */
const NATIONAL_GOALS = new Set([2035, 2049, 2050]);

const valueOf = (s: string): number => (/^\d+$/u.test(s) ? Number(s) : Number([...s].map((c) => String(parseChineseNumeral(c) ?? 0)).join('')));

/** A year other than the list's year or the year before, with its sentence. */
export const yearMismatch: Rule = {
  id: 'year-mismatch',
  severity: 'warning',
  description: '与清单年度不符的年份（清单年度和上一年之外的年份；2035、2049、2050 年的目标及含本年度的起止年份不算）；年度未声明且标题中没有年份时不查',
  check: perParagraph((text, context) => {
    const year = context.year;
    if (year === undefined) return [];
    const ranges = spans(RANGE, text).filter((r) => Number(r.groups[0]) <= year && year <= Number(r.groups[1]));
    return spans(YEAR, text)
      .filter((m) => {
        const y = valueOf(m.text);
        if (y === year || y === year - 1 || NATIONAL_GOALS.has(y)) return false;
        return !ranges.some((r) => m.offset >= r.offset && m.offset < r.offset + r.text.length);
      })
      .map((m) => ({
        offset: m.offset,
        text: m.text,
        message: `出现年份“${m.text}年”，清单年度是 ${year} 年：应为 ${year} 年或其上一年，请核对这一句`,
        excerpt: sentenceAt(text, m.offset),
      }));
  }),
};
