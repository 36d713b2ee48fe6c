import { formatNumber, matchNumber, type NumberingStyle } from '@qingdan/model';
import type { Hit, LintParagraph, Rule } from '../types.js';

/** A paragraph that reads as a title: short, no sentence punctuation (the next list of a compilation starts after one). */
const TITLE = /^[^，。；：,;:]{2,40}$/u;

interface Seen {
  value: number;
  raw: string;
  /** Position in the container's paragraphs. */
  at: number;
}

/**
 * Numbering within one container (the body, or one table): for each style, every number follows
 * the last one of that style (continuous numbering across sections is allowed) or starts again at
 * 1 after a number of a higher level (one that appeared first earlier); the top level may start
 * again after a title (a compilation of several lists). A number that instead continues the
 * previous paragraph's number in another style is a mixed level (（一）（二）3.).
 *
 * Levels are told by first appearance, not by GB/T 9704-2012 §7.3.3's order (一、（一）1.（1）):
 * lists skip levels (一、 then 1.) and put 第一， where （一） would stand.
 */
function checkContainer(items: { index: number; p: LintParagraph }[]): Hit[] {
  const out: Hit[] = [];
  const rank = new Map<NumberingStyle, number>();
  const last = new Map<NumberingStyle, Seen>();
  let previous: { style: NumberingStyle; value: number; raw: string } | undefined;
  let lastTitle = -1;
  for (const [at, { index, p }] of items.entries()) {
    const lead = p.text.length - p.text.trimStart().length;
    const n = matchNumber(p.text.trim());
    if (!n) {
      if (TITLE.test(p.text.trim())) lastTitle = at;
      continue;
    }
    const hit = (message: string, suggestion?: string): void => {
      out.push({ paragraph: index, offset: lead, text: n.raw, message, ...(suggestion !== undefined ? { suggestion } : {}) });
    };
    const expected = (value: number): string => formatNumber(n.style, value);
    const prev = last.get(n.style);
    if (!rank.has(n.style)) rank.set(n.style, rank.size);
    const higherSince = (since: number): boolean =>
      [...last.entries()].some(([style, s]) => (rank.get(style) ?? 0) < (rank.get(n.style) ?? 0) && s.at > since);
    const continuesOther = previous !== undefined && previous.style !== n.style && n.value === previous.value + 1;
    if (prev === undefined) {
      if (n.value !== 1) {
        if (continuesOther && previous) hit(`出现“${n.raw}”，与上一条“${previous.raw}”不是同一种编号，应为“${formatNumber(previous.style, n.value)}”`, formatNumber(previous.style, n.value));
        else hit(`编号从“${n.raw}”开始，应为“${expected(1)}”`, expected(1));
      }
    } else if (n.value === prev.value + 1) {
      // the next number
    } else if (n.value === 1 && (higherSince(prev.at) || ((rank.get(n.style) ?? 0) === 0 && lastTitle > prev.at))) {
      // starts again under a new heading, or after the title of the next list of a compilation
    } else if (continuesOther && previous) {
      hit(`出现“${n.raw}”，与上一条“${previous.raw}”不是同一种编号，应为“${formatNumber(previous.style, n.value)}”`, formatNumber(previous.style, n.value));
    } else if (n.value === prev.value) {
      hit(`出现重复的编号“${n.raw}”，应为“${expected(prev.value + 1)}”`, expected(prev.value + 1));
    } else if (n.value > prev.value + 1) {
      hit(`编号跳号：“${prev.raw}”之后是“${n.raw}”，应为“${expected(prev.value + 1)}”`, expected(prev.value + 1));
    } else {
      hit(`编号倒退：“${prev.raw}”之后是“${n.raw}”，应为“${expected(prev.value + 1)}”`, expected(prev.value + 1));
    }
    last.set(n.style, { value: n.value, raw: n.raw, at });
    previous = { style: n.style, value: n.value, raw: n.raw };
  }
  return out;
}

/** Numbering gaps, repeats and restarts (一、二、四、), and two styles mixed at one level. */
export const numbering: Rule = {
  id: 'numbering',
  severity: 'warning',
  description: '编号跳号、重复、倒退或不从 1 开始（一、二、四、）；同一级混用两种编号（（一）（二）3.）。Word 自动编号的段落、页眉页脚不查',
  check(paragraphs) {
    const containers = new Map<string, { index: number; p: LintParagraph }[]>();
    for (const [index, p] of paragraphs.entries()) {
      if (p.part === 'header' || p.part === 'footer' || p.autoNumbered) continue;
      const list = containers.get(p.container) ?? [];
      list.push({ index, p });
      containers.set(p.container, list);
    }
    return [...containers.values()].flatMap(checkContainer);
  },
};
