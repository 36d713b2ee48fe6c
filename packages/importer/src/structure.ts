/**
 * Finding the documents of a cleaned sample text and the structure of each: title (and year),
 * preamble, sections with intros, numbered items, notes, closing. Pure.
 */
import { matchNumber, type LineNumber, type NumberingStyle } from '@qingdan/model';
import type { SourceLine } from './clean.js';

/** A line the importer could not put anywhere, and why (in Chinese). */
export interface UnplacedLine {
  line: number;
  text: string;
  reason: string;
}

/** A numbered item (条目) with its continuation lines and deeper-level items joined by "\n". */
export interface ParsedItem {
  line: number;
  number: LineNumber;
  /** The item's text without its number; deeper levels keep theirs: "…\n（1）…". */
  text: string;
}

/** A numbered section (一、 …). */
export interface ParsedSection {
  line: number;
  /** `undefined` for an implicit section made for items that come before any section heading. */
  number: LineNumber | undefined;
  title: string;
  intro: string[];
  items: ParsedItem[];
  notes: string[];
}

/** One document of a compilation. */
export interface ParsedDocument {
  /** The title as one line (its lines joined). */
  title: string;
  /** The title's lines, more than one when the sample breaks a long title (GB/T 9704-2012 §7.3.1). */
  titleLines: string[];
  titleLine: number;
  /** The year in the title ("2023年度…" → 2023). */
  year: number | undefined;
  preamble: string[];
  sections: ParsedSection[];
  closing: string[];
  /** The numbering styles by level, in order of first appearance: `['cn-comma', 'arabic-dot']`. */
  levels: NumberingStyle[];
  /** Whether item numbers run on across sections (1. … 22.) or restart (第一， in each section). */
  clauses: 'continuous' | 'per-section';
  warnings: string[];
}

/** The documents found, the compilation header (if any) and the lines outside every document. */
export interface ParsedSeed {
  documents: ParsedDocument[];
  /** A compilation's header, e.g. "2023年度…重点任务清单及领导责任清单" followed by "(2篇)". */
  header: SourceLine | undefined;
  unplaced: UnplacedLine[];
}

const TERMINAL = /[。；;，,：:！!？?、]$/u;
const YEAR = /((?:19|20)\d{2})\s*年/u;

/**
 * A line that can be a document title: not numbered, contains 清单, at most 60 characters, no
 * sentence inside (no 。) and no punctuation at its end.
 */
export function isTitleLine(text: string): boolean {
  return text.includes('清单') && [...text].length <= 60 && !text.includes('。') && !TERMINAL.test(text) && matchNumber(text) === undefined;
}

/**
 * Splits cleaned lines into documents and parses each.
 *
 * A document starts at a title line ({@link isTitleLine}) that is followed by content; a title
 * line directly followed by another is a compilation's header, not a document. When no line
 * contains 清单, the first line is the title if it looks like one (short, not numbered, no final
 * punctuation); otherwise the document has no title and a warning says so.
 *
 * @param lines - cleaned lines ({@link cleanLines})
 * @returns documents, header and unplaced lines; documents without any numbered line are left
 *   out, their lines reported as unplaced
 */
export function parseSeed(lines: readonly SourceLine[]): ParsedSeed {
  const unplaced: UnplacedLine[] = [];
  let header: SourceLine | undefined;
  const starts: number[] = [];
  lines.forEach((l, i) => {
    if (!isTitleLine(l.text)) return;
    const next = lines[i + 1];
    if (next === undefined) return;
    if (isTitleLine(next.text)) {
      if (starts.length === 0 && header === undefined) header = l;
      else unplaced.push({ line: l.line, text: l.text, reason: '像标题，但后面紧接着另一个标题，没有正文' });
      return;
    }
    starts.push(i);
  });
  if (starts.length === 0 && lines.length > 0) {
    const first = lines[0];
    const looksLikeTitle = first !== undefined && [...first.text].length <= 40 && !TERMINAL.test(first.text) && !first.text.includes('。') && matchNumber(first.text) === undefined;
    starts.push(looksLikeTitle ? 0 : -1);
  }
  const firstStart = starts[0] ?? 0;
  // A long title broken in two at the very start: "2023年度落实全面从严治党" / "重点任务清单".
  const before = lines[firstStart - 1];
  const firstTitle = lines[firstStart];
  const lead = before !== undefined && before !== header && firstStart - 1 === (header ? lines.indexOf(header) + 1 : 0) ? before : undefined;
  const titleHead = lead && isTitleStart(lead.text) && firstTitle !== undefined && !HAS_YEAR.test(firstTitle.text) ? lead : undefined;
  for (const l of lines.slice(0, Math.max(0, firstStart))) {
    if (l === header || l === titleHead) continue;
    unplaced.push({ line: l.line, text: l.text, reason: '在第一份清单的标题之前，不属于任何一份清单' });
  }
  const documents: ParsedDocument[] = [];
  starts.forEach((start, k) => {
    const end = starts[k + 1] ?? lines.length;
    const titleLine = start >= 0 ? lines[start] : undefined;
    const body = lines.slice(start + 1, end);
    const doc = parseDocument(titleLine, body, k === 0 ? titleHead : undefined);
    if (doc.sections.length === 0) {
      const what = titleLine ? `「${titleLine.text}」` : '这段文字';
      for (const l of titleLine ? [titleLine, ...body] : body) {
        unplaced.push({ line: l.line, text: l.text, reason: `${what}里没有一行以编号（一、 第一， （一） 1. （1））开头，认不出章节和条目` });
      }
      return;
    }
    documents.push(doc);
  });
  return { documents, header, unplaced };
}

const HAS_YEAR = /(?:(?:19|20)\d{2}|[一二三四五六七八九〇零]{4})\s*年/u;

/**
 * The first line of a title broken in two: names the year (the title line itself does not),
 * short, not numbered, no sentence, no final punctuation.
 */
function isTitleStart(text: string): boolean {
  return HAS_YEAR.test(text) && [...text].length <= 30 && !text.includes('。') && !TERMINAL.test(text) && matchNumber(text) === undefined;
}

/** Splits "2023年度落实…" into its year; `undefined` when the title names none. */
export function yearOf(title: string): number | undefined {
  const m = YEAR.exec(title);
  return m ? Number(m[1]) : undefined;
}

/**
 * Parses one document's body: unnumbered lines before the first section are the preamble;
 * level 1 of the numbering (the first style met) opens a section, level 2 an item; deeper
 * levels and unnumbered lines between two items join the item before them (with "\n");
 * unnumbered lines after a section's last item are that section's notes, except after the last
 * section, where they are the document's closing.
 */
function parseDocument(titleLine: SourceLine | undefined, body: readonly SourceLine[], titleHead?: SourceLine): ParsedDocument {
  const titleLines = titleLine ? [...(titleHead ? [titleHead.text] : []), titleLine.text] : ['未命名清单'];
  const title = titleLines.join('');
  const warnings: string[] = titleLine ? [] : ['没有找到标题（含“清单”的一行），模板标题暂定为“未命名清单”，请修改'];
  const cnYear = /[一二三四五六七八九〇零]{4}\s*年/u.exec(title);
  if (cnYear && yearOf(title) === undefined) warnings.push(`标题中的年份是中文数字（${cnYear[0]}），没有改成年度变量 year，请手工处理`);
  const numbered = body.map((l) => ({ ...l, number: matchNumber(l.text) }));
  const levels: NumberingStyle[] = [];
  for (const l of numbered) if (l.number && !levels.includes(l.number.style)) levels.push(l.number.style);
  // With a single level, its lines are items of one section named after the title.
  const itemLevel = levels.length === 1 ? 0 : 1;
  if (levels.length === 1) warnings.push(`只有一级编号（${levels[0] ?? ''}），条目都放在一个以标题命名的章节里`);
  if (levels.length > 2) warnings.push(`编号有 ${String(levels.length)} 级（${levels.join(' → ')}），第三级及以下并入上一级条目的文字，以换行分开`);

  const preamble: string[] = [];
  const sections: ParsedSection[] = [];
  let section: ParsedSection | undefined;
  let pending: string[] = [];
  const item = (): ParsedItem | undefined => section?.items[section.items.length - 1];
  const flushPendingInto = (target: string[]): void => {
    target.push(...pending);
    pending = [];
  };

  for (const l of numbered) {
    const level = l.number ? levels.indexOf(l.number.style) : -1;
    if (l.number && level === 0 && itemLevel === 1) {
      if (section) flushPendingInto(section.notes);
      section = { line: l.line, number: l.number, title: l.number.rest, intro: [], items: [], notes: [] };
      sections.push(section);
    } else if (l.number && level === itemLevel) {
      if (!section) {
        section = { line: l.line, number: undefined, title, intro: [], items: [], notes: [] };
        sections.push(section);
        if (itemLevel === 1) warnings.push(`第 ${String(l.line)} 行：条目出现在第一个章节之前，暂放在一个以标题命名的章节里`);
      }
      const prev = item();
      if (prev) {
        prev.text = [prev.text, ...pending].join('\n');
        pending = [];
      } else flushPendingInto(section.intro);
      section.items.push({ line: l.line, number: l.number, text: l.number.rest });
    } else if (l.number && level > itemLevel) {
      const prev = item();
      if (prev) {
        prev.text = [prev.text, ...pending, l.text].join('\n');
        pending = [];
      } else if (section) {
        flushPendingInto(section.intro);
        section.intro.push(l.text);
        warnings.push(`第 ${String(l.line)} 行：第 ${String(level + 1)} 级编号“${l.number.raw}”前面没有上一级条目，放进了章节说明`);
      } else {
        preamble.push(l.text);
        warnings.push(`第 ${String(l.line)} 行：第 ${String(level + 1)} 级编号“${l.number.raw}”出现在第一个章节之前，放进了前言`);
      }
    } else if (!section) preamble.push(l.text);
    else if (section.items.length === 0) section.intro.push(l.text);
    else pending.push(l.text);
  }
  const closing = pending;

  const clauses = clauseNumbering(sections);
  warnings.push(...numberingWarnings(sections, clauses, itemLevel === 1));
  return { title, titleLines, titleLine: titleHead?.line ?? titleLine?.line ?? 0, year: yearOf(title), preamble, sections, closing, levels, clauses, warnings };
}

/** Continuous when some section after the first starts its items where the previous one stopped. */
function clauseNumbering(sections: readonly ParsedSection[]): 'continuous' | 'per-section' {
  let last: number | undefined;
  for (const s of sections) {
    const first = s.items[0]?.number.value;
    if (first !== undefined && last !== undefined) return first === last + 1 && first !== 1 ? 'continuous' : 'per-section';
    last = s.items[s.items.length - 1]?.number.value ?? last;
  }
  return 'per-section';
}

/** Gaps, repeats and malformed punctuation in the numbering, one Chinese sentence each. */
function numberingWarnings(sections: readonly ParsedSection[], clauses: 'continuous' | 'per-section', hasSections: boolean): string[] {
  const out: string[] = [];
  const check = (n: LineNumber, expected: number, line: number): void => {
    if (n.value !== expected) out.push(`第 ${String(line)} 行：编号“${n.raw}”不连续，按顺序应为第 ${String(expected)} 个；模板已按顺序重新编号`);
    if (n.malformed) out.push(`第 ${String(line)} 行：编号“${n.raw}”的标点不规范，模板按标准样式编号`);
  };
  let clauseNo = 0;
  sections.forEach((s, i) => {
    if (hasSections && s.number) check(s.number, i + 1, s.line);
    if (clauses === 'per-section') clauseNo = 0;
    for (const it of s.items) check(it.number, (clauseNo += 1), it.line);
  });
  return out;
}
