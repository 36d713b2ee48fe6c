/**
 * Finding placeholders left in a text (XX, XXX, ××, ○○, □□, 某某, ____, （单位名称）, 【姓名】):
 * the lint reports them, the importer turns them into template variables. Pure.
 */

import { spans } from './text.js';

/** The kinds of placeholder a sample text uses. */
export type PlaceholderKind = 'x' | 'times' | 'circle' | 'mou' | 'underscore' | 'hint';

/** One placeholder token found in a text. */
export interface PlaceholderToken {
  kind: PlaceholderKind;
  /** The token as written, e.g. "XX", "××", "（单位名称）". */
  token: string;
  /** Offset of the token in the text (UTF-16 code units) and the offset after it. */
  start: number;
  end: number;
}

/*
 * X: a run of two or more ("XX", "XXX"), or a single X before 年/月/日/号 ("X月X日"). Latin
 * words (Xbox, max) are left alone.
 */
/** Words that make a bracketed phrase a hint to fill in, e.g. （单位名称）, 【姓名】. */
const HINT_WORDS = '名称|姓名|名字|职务|职位|日期|时间|年份|地点|填写|写明|人名|单位名|部门名|科室名';
const PATTERNS: { kind: PlaceholderKind; re: RegExp }[] = [
  { kind: 'x', re: /(?<![A-Za-z])[XxＸｘ]{2,}(?![A-Za-z])|(?<![A-Za-z0-9])[XxＸｘ](?=[年月日号])/gu },
  { kind: 'times', re: /[×✕╳]{2,}/gu },
  { kind: 'circle', re: /[○◯□]{2,}/gu },
  { kind: 'mou', re: /某某+/gu },
  { kind: 'underscore', re: /[_＿]{2,}/gu },
  { kind: 'hint', re: new RegExp(`[（(【［〔][^（）()【】［］〔〕]{0,10}(?:${HINT_WORDS})[^（）()【】［］〔〕]{0,6}[）)】］〕]`, 'gu') },
];

/**
 * Finds the placeholder tokens of a text, in order. A token inside a longer word gives just the
 * token ("党中央XX委" → "XX"). Where two patterns overlap, the earlier and longer one wins.
 *
 * @param text - one paragraph, clause or title
 * @returns the tokens, ordered by `start`, not overlapping
 * @example findPlaceholders('区XX局（单位名称）').map((t) => t.token) // ['XX', '（单位名称）']
 */
export function findPlaceholders(text: string): PlaceholderToken[] {
  const found: PlaceholderToken[] = [];
  for (const { kind, re } of PATTERNS) {
    for (const m of spans(re, text)) found.push({ kind, token: m.text, start: m.offset, end: m.offset + m.text.length });
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: PlaceholderToken[] = [];
  for (const t of found) {
    const last = out[out.length - 1];
    if (last && t.start < last.end) continue;
    out.push(t);
  }
  return out;
}
