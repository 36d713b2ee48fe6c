/**
 * Stripping the debris that document websites leave in a pasted sample text: paywall markers
 * (`##paidbegin##`), a compilation's count "(2篇)", article markers "（一）" / "（-）" standing
 * alone, share/download prompts, blank runs. Pure.
 */

/** A line of the seed that carries text, with its 1-based line number in the input. */
export interface SourceLine {
  /** 1-based line number in the decoded input (after the BOM). */
  line: number;
  /** The text, trimmed, with markers and invisible characters removed. */
  text: string;
}

/** Why a line or a piece of a line was dropped. */
export type DebrisKind = 'marker' | 'count' | 'article-marker' | 'web-prompt';

/** A piece of debris removed from the input. */
export interface Debris {
  line: number;
  text: string;
  kind: DebrisKind;
}

/** The lines that carry text, and what was removed. */
export interface CleanedText {
  lines: SourceLine[];
  debris: Debris[];
}

/** Paywall and similar markers of document websites, glued anywhere in a line: `##paidbegin##`. */
const MARKER = /##\s*[A-Za-z_-]+\s*##/gu;
/** A compilation's article count, alone or at the end of a line: "(2篇)", "（3 篇）". */
const COUNT = /[（(]\s*\d+\s*篇\s*[)）]\s*$/u;
/** An article marker alone on a line: "（一）", "（-）", "(二)", "（1）" with nothing else. */
const ARTICLE_MARKER = /^[（(]\s*[一二三四五六七八九十\d\-－—–―]{0,4}\s*[)）]$/u;
/** Prompts of document websites that are no part of a document. */
const WEB_PROMPT = /^(?:展开全文|阅读全文|点击(?:查看|下载|阅读)|下载(?:全文|本文|文档)|免费(?:下载|阅读)|(?:文章|本文)来源[:：]|来源[:：]\s*\S*网|分享到|收藏本文|复制链接|https?:\/\/\S+$|www\.\S+$)/u;
/** Characters that are invisible or stand for spaces. */
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/gu;
const SPACES = /[\u00a0\u3000\t]+/gu;

/**
 * Splits text into lines and removes web debris.
 *
 * Markers like `##paidbegin##` are cut out wherever they are (the rest of the line stays); a
 * line that is only a count "(2篇)", an article marker "（一）" / "（-）" or a website prompt
 * ("展开全文", "点击下载" …) is dropped; blank lines are dropped. A count glued to the end of a
 * line ("…清单(2篇)") is cut off. Line numbers refer to the input, so a report can point back.
 *
 * @param text - decoded text, any line endings (LF, CRLF, CR, U+2028)
 * @returns the lines that carry text, and the debris removed (in input order)
 * @example cleanLines('##paidbegin##一、总体要求\n\n（-）').lines // [{ line: 1, text: '一、总体要求' }]
 */
export function cleanLines(text: string): CleanedText {
  const lines: SourceLine[] = [];
  const debris: Debris[] = [];
  text.split(/\r\n|\r|\n|\u2028|\u2029/u).forEach((raw, i) => {
    const line = i + 1;
    let t = raw.replace(INVISIBLE, '').replace(SPACES, ' ');
    for (const m of t.match(MARKER) ?? []) debris.push({ line, text: m, kind: 'marker' });
    t = t.replace(MARKER, '').trim();
    if (t === '') return;
    const count = COUNT.exec(t);
    if (count) {
      debris.push({ line, text: count[0].trim(), kind: 'count' });
      t = t.slice(0, count.index).trim();
      if (t === '') return;
    }
    if (ARTICLE_MARKER.test(t)) {
      debris.push({ line, text: t, kind: 'article-marker' });
      return;
    }
    if (WEB_PROMPT.test(t)) {
      debris.push({ line, text: t, kind: 'web-prompt' });
      return;
    }
    lines.push({ line, text: t });
  });
  return { lines, debris };
}
