import { HAN, perParagraph, spans } from '../text.js';
import type { Rule } from '../types.js';

/**
 * Chinese characters and marks, without the dash: GB/T 9704-2012 §7.5 puts a space on either side
 * of the page number between dashes (“— 1 —”).
 */
const CHINESE = `${HAN}\\u3001-\\u303f\\uff01-\\uffef“”‘’`;
/** Spaces (ASCII, full-width U+3000, no-break) between two Chinese characters or marks. */
const SPACE = new RegExp(`(?<=[${CHINESE}])[ \\u3000\\u00a0]+(?=[${CHINESE}])`, 'gu');
/** A short table cell is a label that may be spaced out on purpose to align (“姓　　名”). */
const LABEL = new RegExp(`^[${HAN}\\s\\u3000]{1,8}$`, 'u');

/** Stray spaces inside Chinese text; indentation, tabs, headers and footers, short table labels and blank dates are left alone. */
export const straySpace: Rule = {
  id: 'stray-space',
  severity: 'warning',
  description: '中文之间多余的空格（半角、全角或不间断空格）；段首缩进、制表符、页眉页脚、表格中短标签（如“姓　　名”）的对齐空格和留空的日期（“2025年　月　日”）不算',
  check: perParagraph((text, _context, paragraph) => {
    if (paragraph.part === 'header' || paragraph.part === 'footer') return [];
    if (paragraph.part === 'table' && LABEL.test(text.trim())) return [];
    const start = text.length - text.trimStart().length;
    return spans(SPACE, text)
      // “　年　月　日” left blank for the date of signing is a blank to fill, not a stray space.
      .filter((m) => m.offset >= start && !(/[年月]/u.test(text[m.offset - 1] ?? '') && /[月日]/u.test(text[m.offset + m.text.length] ?? '')))
      .map((m) => ({ offset: m.offset, text: m.text, message: `出现多余的空格（${m.text.length} 个），应删去`, suggestion: '' }));
  }),
};
