/**
 * Proofreading (校对) of a resolved document or any text: the faults that hand-edited lists carry —
 * leftover placeholders (XX), doubled or half-width punctuation, unbalanced quotes and brackets,
 * a year that is not the list's, place names of more than one province.
 *
 * Each rule has an id, a severity and messages of the form "出现 X，应为 Y" (unexpected X, expected Y).
 */
import type { ResolvedDocument } from '@qingdan/model';

/** `error`: the document must not go out like this; `warning`: a person should look. */
export type Severity = 'error' | 'warning';

/** One finding. */
export interface LintMessage {
  /** Rule id, e.g. `no-placeholder`. */
  rule: string;
  severity: Severity;
  /** Chinese: what was found and what is expected. */
  message: string;
  /** Where: `标题`, `导语`, or the block's number such as `第三，` / `12.`; and the offending text. */
  where: string;
  excerpt: string;
}

/** Context some rules need. */
export interface LintContext {
  /** The list's year; any other year of the form 20xx年 is reported. */
  year?: number;
}

/** A rule: id, severity, and a check over one piece of text. */
export interface LintRule {
  id: string;
  severity: Severity;
  /** What the rule looks for, in Chinese. */
  description: string;
  check: (text: string, context: LintContext) => { message: string; index: number; length: number }[];
}

const CJK = '\\u3000-\\u303f\\u3400-\\u9fff\\uff00-\\uffef“”‘’';

/**
 * Every match of a global regular expression; the expressions are compiled once, at module load.
 * `exec` from `lastIndex` 0 (reset after), not `matchAll`, which copies the expression on every
 * call (≈ 40 KB of garbage a document: a batch proofreads every document while planning).
 */
function matches(re: RegExp, text: string, message: (m: RegExpMatchArray) => string): { message: string; index: number; length: number }[] {
  const out: { message: string; index: number; length: number }[] = [];
  re.lastIndex = 0;
  try {
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      out.push({ message: message(m), index: m.index, length: m[0].length });
      if (m[0].length === 0) re.lastIndex += 1;
    }
  } finally {
    re.lastIndex = 0;
  }
  return out;
}

const PLACEHOLDER = /[XＸ]{2,}|[×✕]{2,}|[○〇]{2,}|某某|_{3,}/gu;
const DOUBLED = /([，。、；：？！])\1+/gu;
const HALF_WIDTH = new RegExp(`(?<=[${CJK}])[,;:?!](?=[${CJK}])|(?<=[${CJK}])[,;:?!]$`, 'gu');
const HALF_WIDTH_QUOTE = new RegExp(`(?<=[${CJK}])["'](?=[${CJK}])|["'](?=[${CJK}])|(?<=[${CJK}])["']`, 'gu');
const YEAR = /(?<!\d)(19|20)\d{2}(?=年)/gu;
const FULL_WIDTH_OF: Record<string, string> = { ',': '，', ';': '；', ':': '：', '?': '？', '!': '！' };

const PAIRS: [string, string, string][] = [
  ['“', '”', '双引号'],
  ['‘', '’', '单引号'],
  ['（', '）', '括号'],
  ['《', '》', '书名号'],
  ['【', '】', '方头括号'],
];

/** Province-level names: a list naming more than one of them was probably copied from elsewhere. */
const PROVINCES = [
  '北京', '天津', '上海', '重庆', '河北', '山西', '辽宁', '吉林', '黑龙江', '江苏', '浙江', '安徽', '福建', '江西', '山东',
  '河南', '湖北', '湖南', '广东', '海南', '四川', '贵州', '云南', '陕西', '甘肃', '青海', '台湾', '内蒙古', '广西', '西藏',
  '宁夏', '新疆', '香港', '澳门',
];

/** The rules, in the order they run. */
export const rules: readonly LintRule[] = [
  {
    id: 'no-placeholder',
    severity: 'error',
    description: '残留的占位符（XX、××、○○、某某、____）',
    check: (text) =>
      matches(PLACEHOLDER, text, (m) => `出现残留占位符“${m[0]}”，应填写实际内容`),
  },
  {
    id: 'no-doubled-punctuation',
    severity: 'error',
    description: '重复的标点（，，、。。 等）',
    check: (text) => matches(DOUBLED, text, (m) => `出现重复的标点“${m[0]}”，应为“${m[1]}”`),
  },
  {
    id: 'no-halfwidth-punctuation',
    severity: 'warning',
    description: '中文之间的半角标点（, ; : ? !）',
    check: (text) =>
      matches(HALF_WIDTH, text, (m) => `出现半角标点「${m[0]}」，应为全角「${FULL_WIDTH_OF[m[0]] ?? m[0]}」`),
  },
  {
    id: 'balanced-pairs',
    severity: 'error',
    description: '引号、括号、书名号不配对',
    check: (text) => {
      const out: { message: string; index: number; length: number }[] = [];
      for (const [open, close, name] of PAIRS) {
        if (!text.includes(open) && !text.includes(close)) continue;
        // Code units, not `text[i]`: indexing a string of Chinese text makes a new one-character
        // string per character (≈ 0.4 MB of garbage per document in a batch's main thread).
        const openCode = open.charCodeAt(0);
        const closeCode = close.charCodeAt(0);
        let depth = 0;
        for (let i = 0; i < text.length; i += 1) {
          const code = text.charCodeAt(i);
          if (code === openCode) depth += 1;
          else if (code === closeCode) {
            depth -= 1;
            if (depth < 0) {
              out.push({ message: `出现多余的${name}「${close}」，前面没有与之配对的「${open}」`, index: i, length: 1 });
              depth = 0;
            }
          }
        }
        if (depth > 0) {
          out.push({ message: `${name}「${open}」没有对应的「${close}」`, index: text.lastIndexOf(open), length: 1 });
        }
      }
      return [...out, ...matches(HALF_WIDTH_QUOTE, text, (m) => `出现半角引号「${m[0]}」，应为全角引号「“”」或「‘’」`)];
    },
  },
  {
    id: 'year-mismatch',
    severity: 'warning',
    description: '与清单年度不同的年份',
    check: (text, context) =>
      context.year === undefined
        ? []
        : matches(YEAR, text, (m) => `出现年份“${m[0]}年”，清单年度是 ${context.year} 年`).filter(
            (f) => text.slice(f.index, f.index + 4) !== String(context.year),
          ),
  },
];

/** The rule that needs the whole document: place names of more than one province. */
function mixedPlaces(pieces: { where: string; text: string }[]): LintMessage[] {
  const seen = new Map<string, { where: string; excerpt: string }>();
  for (const p of pieces) {
    for (const name of PROVINCES) {
      const i = p.text.indexOf(name);
      if (i >= 0 && !seen.has(name)) seen.set(name, { where: p.where, excerpt: p.text.slice(Math.max(0, i - 6), i + name.length + 6) });
    }
  }
  if (seen.size < 2) return [];
  const names = [...seen.keys()];
  return [...seen.entries()].map(([name, at]) => ({
    rule: 'mixed-places',
    severity: 'warning' as const,
    message: `同一份清单出现了多个省级地名（${names.join('、')}）：“${name}”可能是从别处范文带来的，应为本地的名称`,
    where: at.where,
    excerpt: at.excerpt,
  }));
}

/**
 * Proofreads pieces of text (each with a place name for messages).
 * @param pieces - e.g. `[{ where: '标题', text: '…' }, { where: '12.', text: '…' }]`
 * @param context - the list's year, if known
 * @returns every finding, in the order of the pieces; an empty list when the text is clean
 */
export function lintPieces(pieces: { where: string; text: string }[], context: LintContext = {}): LintMessage[] {
  const out: LintMessage[] = [];
  for (const p of pieces) {
    for (const rule of rules) {
      for (const f of rule.check(p.text, context)) {
        out.push({
          rule: rule.id,
          severity: rule.severity,
          message: f.message,
          where: p.where,
          excerpt: p.text.slice(Math.max(0, f.index - 8), f.index + f.length + 8),
        });
      }
    }
  }
  return [...out, ...mixedPlaces(pieces)];
}

/**
 * Proofreads a resolved document: title, every block (with its number as the place), using the
 * document's year.
 * @example lintDocument(resolve(template, answers)).filter((m) => m.severity === 'error')
 */
export function lintDocument(doc: ResolvedDocument): LintMessage[] {
  const pieces = [
    ...doc.title.map((text) => ({ where: '标题', text })),
    ...doc.blocks.map((b, i) => ({
      where: b.kind === 'paragraph' ? `第 ${i + 1} 段` : b.number,
      text: b.kind === 'clause' ? (b.lead ?? '') + b.text : b.text,
    })),
  ];
  return lintPieces(pieces, doc.meta.year === undefined ? {} : { year: doc.meta.year });
}

/** Proofreads plain text, one piece per line (`第 n 行`). */
export function lintText(text: string, context: LintContext = {}): LintMessage[] {
  return lintPieces(
    text.split(/\r?\n/).map((line, i) => ({ where: `第 ${i + 1} 行`, text: line })),
    context,
  );
}

/** One line per finding: `[错误] 12.：出现重复的标点“，，”，应为“，”（…上下文…） no-doubled-punctuation`. */
export function formatLint(messages: readonly LintMessage[]): string[] {
  return messages.map((m) => `[${m.severity === 'error' ? '错误' : '提示'}] ${m.where}：${m.message}（…${m.excerpt}…） ${m.rule}`);
}
