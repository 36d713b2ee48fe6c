/**
 * Running the rules: over the paragraphs of any document (read by `@qingdan/reader`), over a
 * resolved document, or over plain text; and printing the findings.
 */
import { type DocumentParagraph, type LintContext, type LintFinding, type ParagraphLocation, QingdanError, type ResolvedDocument } from '@qingdan/model';
import { resolveContext } from './context.js';
import { rules as allRules } from './registry.js';
import type { LintParagraph, Rule } from './types.js';

/** How many characters either side of a match the excerpt shows. */
const EXCERPT = 8;

/**
 * A paragraph's place in words: `第 3 段` (`第 3 行` for a text file), `表格 1 第 2 行第 3 列`
 * (`…第 2 段` for the second paragraph of a cell), `页眉第 1 段`, `页脚第 1 段`.
 */
export function describeLocation(where: ParagraphLocation, options: { lineNumbers?: boolean } = {}): string {
  switch (where.part) {
    case 'body':
      return `第 ${where.index} ${options.lineNumbers ? '行' : '段'}`;
    case 'table':
      return `表格 ${where.index} 第 ${where.row ?? 1} 行第 ${where.cell ?? 1} 列${where.paragraph !== undefined ? `第 ${where.paragraph} 段` : ''}`;
    case 'header':
      return `页眉第 ${where.index} 段`;
    case 'footer':
      return `页脚第 ${where.index} 段`;
  }
}

/** Runs `rules` over prepared paragraphs. */
function run(paragraphs: readonly LintParagraph[], context: LintContext, rules: readonly Rule[]): LintFinding[] {
  const resolved = resolveContext(context, paragraphs);
  if (resolved.issues.length > 0) {
    throw new QingdanError('ANSWERS_INVALID', `校对所依据的地区、单位、级别等有 ${resolved.issues.length} 处问题：`, { issues: resolved.issues });
  }
  const order = new Map(rules.map((r, i) => [r.id, i]));
  const out: LintFinding[] = [];
  for (const rule of rules) {
    for (const hit of rule.check(paragraphs, resolved.context)) {
      const p = paragraphs[hit.paragraph];
      if (!p) continue;
      const end = hit.offset + hit.text.length;
      out.push({
        rule: rule.id,
        severity: rule.severity,
        message: hit.message,
        paragraph: hit.paragraph + 1,
        offset: hit.offset,
        text: hit.text,
        ...(hit.suggestion !== undefined ? { suggestion: hit.suggestion } : {}),
        where: p.where,
        excerpt: hit.excerpt ?? p.text.slice(Math.max(0, hit.offset - EXCERPT), end + EXCERPT),
      });
    }
  }
  return out.sort((a, b) => a.paragraph - b.paragraph || a.offset - b.offset || (order.get(a.rule) ?? 0) - (order.get(b.rule) ?? 0));
}

/** Options of the lint entry points. */
export interface LintOptions {
  /** The rules to run (default: every rule of the registry). */
  rules?: readonly Rule[];
}

/**
 * Proofreads the paragraphs of a document read from a file (`@qingdan/reader`'s `readDocument`).
 *
 * @param paragraphs - in reading order; `paragraph` in the findings is the 1-based position here
 * @param context - what the list declares (province, unit, year …; see `LintContext`); the year,
 *   when not given, is read from the title
 * @param options - `lineNumbers`: the body's indices are the lines of a text file (`第 39 行`)
 * @returns every finding, by paragraph and offset; empty when the text is clean
 * @throws {QingdanError} `ANSWERS_INVALID` when the context names a province or city that does
 *   not exist (see `resolveContext`, which reports the same without throwing)
 */
export function lintParagraphs(paragraphs: readonly DocumentParagraph[], context: LintContext = {}, options: LintOptions & { lineNumbers?: boolean } = {}): LintFinding[] {
  const prepared = paragraphs.map(
    (p): LintParagraph => ({
      text: p.text,
      where: describeLocation(p.where, options),
      part: p.where.part,
      container: p.where.part === 'table' ? `table ${p.where.index}` : p.where.part,
      ...(p.autoNumbered ? { autoNumbered: true } : {}),
    }),
  );
  return run(prepared, context, options.rules ?? allRules);
}

/**
 * Proofreads a resolved document: its title lines (`标题`), then each block with its number
 * (headings and clauses are placed by their number, `一、`, `12.`; plain paragraphs by position,
 * `第 3 段`). The year, unit and leader come from the document's `meta`; `context` adds what the
 * document does not know (province, city, level …) and wins where both say something.
 *
 * @returns every finding; `paragraph` counts the title lines first, then the blocks
 * @throws {QingdanError} `ANSWERS_INVALID` when the context names an unknown province or city
 * @example lintDocument(resolve(template, answers), { province: answers.province }).filter((f) => f.severity !== 'info')
 */
export function lintDocument(doc: ResolvedDocument, context: LintContext = {}, options: LintOptions = {}): LintFinding[] {
  const paragraphs: LintParagraph[] = doc.title.map((text) => ({ text, where: '标题', part: 'title', container: 'body' }));
  for (const b of doc.blocks) {
    const n = paragraphs.length + 1;
    if (b.kind === 'paragraph') paragraphs.push({ text: b.text, where: `第 ${n} 段`, part: 'body', container: 'body' });
    else paragraphs.push({ text: b.number + (b.kind === 'clause' ? (b.lead ?? '') : '') + b.text, where: b.number, part: 'body', container: 'body' });
  }
  const meta = {
    ...(doc.meta.year !== undefined ? { year: doc.meta.year } : {}),
    ...(doc.meta.unit !== undefined ? { unit: doc.meta.unit } : {}),
    ...(doc.meta.leader !== undefined ? { leader: doc.meta.leader } : {}),
  };
  return run(paragraphs, { ...meta, ...context }, options.rules ?? allRules);
}

/**
 * Proofreads plain text, one paragraph a line (`第 n 行`; blank lines are skipped but counted).
 * @throws {QingdanError} `ANSWERS_INVALID` as {@link lintParagraphs}
 */
export function lintText(text: string, context: LintContext = {}, options: LintOptions = {}): LintFinding[] {
  const paragraphs: DocumentParagraph[] = [];
  for (const [i, line] of text.split(/\r\n|[\n\r\u2028\u2029]/u).entries()) {
    if (line.trim() !== '') paragraphs.push({ text: line, where: { part: 'body', index: i + 1 } });
  }
  return lintParagraphs(paragraphs, context, { ...options, lineNumbers: true });
}

const SEVERITY_NAME = { error: '错误', warning: '警告', info: '提示' } as const;

/**
 * One line a finding: `[错误] 12.：出现重复的标点“，，”，应为“，”（…上下文…） doubled-punctuation`.
 */
export function formatLint(findings: readonly LintFinding[]): string[] {
  return findings.map((f) => `[${SEVERITY_NAME[f.severity]}] ${f.where}：${f.message}（…${f.excerpt}…） ${f.rule}`);
}
