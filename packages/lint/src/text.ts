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

/**
 * A check of one paragraph at a time: its hits without the paragraph's index. It may depend on
 * the text, the paragraph's part and the context's province, city, unit, year, level and organ
 * kind — the key its hits are remembered by (see {@link perParagraph}).
 */
export type ParagraphCheck = (text: string, context: ResolvedContext, paragraph: LintParagraph) => Omit<Hit, 'paragraph'>[];

/**
 * What a paragraph check may depend on besides the text: the paragraph's part and the context
 * (the leader's name is for `name-consistency`, which looks at the whole document).
 */
function fingerprint(c: ResolvedContext): string {
  let key = fingerprints.get(c);
  if (key === undefined) {
    key = [c.province?.code, c.city?.code, c.unit, c.year, c.level, c.organ].join('\u0001');
    fingerprints.set(c, key);
  }
  return key;
}
const fingerprints = new WeakMap<ResolvedContext, string>();

/** How many paragraphs a rule remembers its hits for. */
const REMEMBERED = 512;

/**
 * Makes a document check from a paragraph check (most rules look at one paragraph at a time).
 * The hits are remembered by text, part and context for the last few hundred paragraphs: the
 * documents of a batch share most of their clauses, and the batch proofreads every one of them.
 */
export function perParagraph(check: ParagraphCheck): (paragraphs: readonly LintParagraph[], context: ResolvedContext) => Hit[] {
  const remembered = new Map<string, Map<string, readonly Omit<Hit, 'paragraph'>[]>>();
  return (paragraphs, context) => {
    const out: Hit[] = [];
    for (const [i, p] of paragraphs.entries()) {
      const key = `${p.part}\u0001${fingerprint(context)}`;
      let byText = remembered.get(key);
      if (!byText) {
        if (remembered.size >= 64) remembered.clear();
        byText = new Map();
        remembered.set(key, byText);
      }
      let hits = byText.get(p.text);
      if (hits === undefined) {
        if (byText.size >= REMEMBERED) byText.clear();
        hits = check(p.text, context, p);
        byText.set(p.text, hits);
      }
      for (const h of hits) out.push({ ...h, paragraph: i });
    }
    return out;
  };
}

/** The sentence around `offset`: from after the previous 。；！？ to the next one (inclusive), trimmed. */
export function sentenceAt(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const start = Math.max(...['。', '；', '！', '？'].map((c) => before.lastIndexOf(c))) + 1;
  const after = text.slice(offset).search(/[。；！？]/u);
  return text.slice(start, after < 0 ? text.length : offset + after + 1).trim();
}
