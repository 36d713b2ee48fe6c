import { perParagraph, spans, WIDE } from '../text.js';
import type { Rule } from '../types.js';

const FULL_WIDTH: Record<string, string> = { ',': '，', ';': '；', ':': '：', '?': '？', '!': '！', '.': '。' };
/** , ; : ? ! after Chinese and before Chinese or the end; or before Chinese at the start. */
const MARK = new RegExp(`(?<=[${WIDE}])[,;:?!](?=[${WIDE}]|$)|^[,;:?!](?=[${WIDE}])`, 'gu');
/** A half-width full stop between two Chinese characters (not the “1.” of a number). */
const STOP = new RegExp(`(?<=[${WIDE}])\\.(?=[${WIDE}])`, 'gu');
/** Half-width brackets around Chinese text: (试行) → （试行）. */
const BRACKETS = new RegExp(`\\(([^()]*[${WIDE}][^()]*)\\)`, 'gu');
/** A straight quote next to Chinese text. */
const QUOTE = new RegExp(`(?<=[${WIDE}])["']|["'](?=[${WIDE}])`, 'gu');

/** Half-width punctuation in Chinese text (GB/T 15834-2011: Chinese text takes full-width marks). */
export const halfwidthPunctuation: Rule = {
  id: 'halfwidth-punctuation',
  severity: 'warning',
  description: '中文中的半角标点：, ; : ? ! . ( ) 和直引号 " \'（GB/T 15834-2011，中文用全角标点）',
  check: perParagraph((text) =>
    [
      ...spans(MARK, text).map((m) => ({
        offset: m.offset,
        text: m.text,
        message: `出现半角标点“${m.text}”，应为全角“${FULL_WIDTH[m.text] ?? m.text}”`,
        suggestion: FULL_WIDTH[m.text] ?? m.text,
      })),
      ...spans(STOP, text).map((m) => ({ offset: m.offset, text: m.text, message: '出现半角句点“.”，应为“。”', suggestion: '。' })),
      ...spans(BRACKETS, text).map((m) => ({
        offset: m.offset,
        text: m.text,
        message: `出现半角括号“${m.text}”，应为全角“（${m.groups[0] ?? ''}）”`,
        suggestion: `（${m.groups[0] ?? ''}）`,
      })),
      ...spans(QUOTE, text).map((m) => ({ offset: m.offset, text: m.text, message: `出现直引号「${m.text}」，应为弯引号「“”」或「‘’」` })),
    ].sort((a, b) => a.offset - b.offset),
  ),
};
