/**
 * Text helpers the rules share: character classes of Chinese text and a loop over the matches of
 * a global expression.
 */
import type { Hit, LintParagraph, ResolvedContext } from './types.js';

/** Chinese characters (CJK Unified Ideographs and Extension A). */
export const HAN = '\\u3400-\\u4dbf\\u4e00-\\u9fff';
/** Chinese characters and full-width punctuation (CJK Symbols and Punctuation, full-width forms, curly quotes). */
export const WIDE = `${HAN}\\u3000-\\u303f\\uff00-\\uffef“”‘’…—`;

/** A matched span: where it starts and the text. */
export interface Span {
  offset: number;
  text: string;
  /** The expression's capture groups (`undefined` when a group did not take part). */
  groups: (string | undefined)[];
}

/**
 * Every match of a global expression in `text`. The expression must have the `g` flag; its
 * `lastIndex` is left at 0.
 */
export function spans(re: RegExp, text: string): Span[] {
  const out: Span[] = [];
  re.lastIndex = 0;
  try {
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      out.push({ offset: m.index, text: m[0], groups: m.slice(1) });
      if (m[0].length === 0) re.lastIndex += 1;
    }
  } finally {
    re.lastIndex = 0;
  }
  return out;
}

/** A check of one paragraph at a time: its hits without the paragraph's index. */
export type ParagraphCheck = (text: string, context: ResolvedContext, paragraph: LintParagraph) => Omit<Hit, 'paragraph'>[];

/** Makes a document check from a paragraph check (most rules look at one paragraph at a time). */
export function perParagraph(check: ParagraphCheck): (paragraphs: readonly LintParagraph[], context: ResolvedContext) => Hit[] {
  return (paragraphs, context) => paragraphs.flatMap((p, i) => check(p.text, context, p).map((h) => ({ ...h, paragraph: i })));
}

/** The sentence around `offset`: from after the previous 。；！？ to the next one (inclusive), trimmed. */
export function sentenceAt(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const start = Math.max(...['。', '；', '！', '？'].map((c) => before.lastIndexOf(c))) + 1;
  const after = text.slice(offset).search(/[。；！？]/u);
  return text.slice(start, after < 0 ? text.length : offset + after + 1).trim();
}
