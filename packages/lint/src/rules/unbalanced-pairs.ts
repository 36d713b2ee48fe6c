import { perParagraph } from '../text.js';
import type { Hit, Rule } from '../types.js';

const PAIRS: [open: string, close: string, name: string][] = [
  ['“', '”', '双引号'],
  ['‘', '’', '单引号'],
  ['（', '）', '括号'],
  ['《', '》', '书名号'],
  ['〈', '〉', '书名号'],
  ['【', '】', '方头括号'],
  ['〔', '〕', '六角括号'],
];

/** Quotes, brackets and 书名号 that do not pair up within a paragraph. */
export const unbalancedPairs: Rule = {
  id: 'unbalanced-pairs',
  severity: 'error',
  description: '引号、括号、书名号在同一段内不配对（多出后半个，或前半个没有对应的后半个）',
  check: perParagraph((text) => {
    const out: Omit<Hit, 'paragraph'>[] = [];
    for (const [open, close, name] of PAIRS) {
      if (!text.includes(open) && !text.includes(close)) continue;
      // Code units, not `text[i]`: indexing makes a one-character string per character.
      const openCode = open.charCodeAt(0);
      const closeCode = close.charCodeAt(0);
      const opened: number[] = [];
      for (let i = 0; i < text.length; i += 1) {
        const code = text.charCodeAt(i);
        if (code === openCode) opened.push(i);
        else if (code === closeCode && opened.pop() === undefined) {
          out.push({ offset: i, text: close, message: `出现多余的${name}后半「${close}」，前面应有对应的「${open}」` });
        }
      }
      for (const i of opened) out.push({ offset: i, text: open, message: `出现${name}前半「${open}」，后面应有对应的「${close}」` });
    }
    return out.sort((a, b) => a.offset - b.offset);
  }),
};
