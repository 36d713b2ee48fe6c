/**
 * `resolve(template, answers)`: binds answers into one resolved document — conditions applied,
 * numbering computed after the conditions (a removed clause leaves no gap), every placeholder filled.
 */
import {
  QingdanError,
  formatNumber,
  type Answers,
  type LeaderRole,
  type Paragraph,
  type ResolvedBlock,
  type ResolvedDocument,
  type Template,
  type Text,
  type Variable,
} from '@qingdan/model';
import { checkAnswers, type ValueWarning } from './answers.js';
import { compileTemplate, type CompiledTemplate } from './compile.js';
import { evaluate } from './conditions.js';
import { applyLeaderRole } from './roles.js';
import { withStandIns } from './stand-in.js';

/** Options of {@link resolve}. */
export interface ResolveOptions {
  /** Ignore answer keys the template does not declare (a roster row may carry other columns). */
  allowUnknown?: boolean;
  /** Receives each non-fatal change to a value (e.g. a control character removed), naming the variable. */
  onWarning?: (warning: ValueWarning) => void;
  /**
   * Preview of answers still being filled in: instead of throwing, a variable without a usable
   * value is printed as `standIn(variable)` (see `withStandIns`, e.g. `labelGap` → 【单位名称】).
   */
  standIn?: (variable: Variable) => string;
}

function renderString(ct: CompiledTemplate, src: string, context: Answers): string {
  const compiled = ct.strings.get(src);
  if (!compiled) throw new Error(`internal: string not compiled: ${src}`);
  try {
    return compiled.render(context);
  } catch (error) {
    throw new QingdanError('TEMPLATE_SYNTAX', `${compiled.where}填充失败：${(error as Error).message}`, { cause: error });
  }
}

function renderText(ct: CompiledTemplate, text: Text, answers: Answers): string {
  if (typeof text === 'string') return renderString(ct, text, answers);
  return text
    .filter((s) => typeof s === 'string' || evaluate(s.when, answers))
    .map((s) => renderString(ct, typeof s === 'string' ? s : s.text, answers))
    .join('');
}

function paragraphs(ct: CompiledTemplate, ps: Paragraph[], answers: Answers): ResolvedBlock[] {
  const out: ResolvedBlock[] = [];
  for (const p of ps) {
    if (typeof p !== 'string' && p.when && !evaluate(p.when, answers)) continue;
    const text = renderText(ct, typeof p === 'string' ? p : p.text, answers);
    if (text.trim() !== '') out.push({ kind: 'paragraph', text });
  }
  return out;
}

function meta(template: Template, answers: Answers, role: LeaderRole | undefined): ResolvedDocument['meta'] {
  const m: ResolvedDocument['meta'] = role ? { role } : {};
  for (const v of template.variables) {
    const value = answers[v.key];
    if (value === undefined) continue;
    if (v.role === 'year' && typeof value === 'number') m.year = value;
    if (v.role === 'unit' && typeof value === 'string') m.unit = value;
    if (v.role === 'leader' && typeof value === 'string') m.leader = value;
    if (v.role === 'divisions' && Array.isArray(value)) m.divisions = value;
  }
  return m;
}

/**
 * Resolves a template with answers into a {@link ResolvedDocument}.
 *
 * Answers are checked against the template's declarations first (all problems at once). Where the
 * template declares a 责任类别 (`leaderRole`) variable, a value that is not a role name is replaced
 * by the role the 职务 (`position`) implies, before any condition is evaluated (see
 * `applyLeaderRole`); the role is also in `meta.role`. Title lines and file-name segments may carry
 * conditions, like clause text. The template's strings are compiled once per template object. Values are data: a value containing
 * `{{` is printed as it is, and nothing is HTML-escaped (`A&B`, `<试行>` stay as typed).
 *
 * @param template - a validated template (see `loadTemplate`)
 * @param answers - variable key → value; strings for numbers, years, yes/no and lists are accepted and converted
 * @returns the resolved document: title lines, blocks with numbers as text, file name, meta
 * @throws {QingdanError} `ANSWERS_INVALID` listing every missing or malformed answer (unless `standIn`);
 *   `TEMPLATE_UNKNOWN_VARIABLE` / `TEMPLATE_SYNTAX` when the template itself is wrong;
 *   `TEMPLATE_INVALID` when the conditions leave the title without any line
 * @example resolve(template, { year: 2024, leader_name: '张三', divisions: ['办公室'] }).blocks[0]
 */
export function resolve(template: Template, answers: Answers, options: ResolveOptions = {}): ResolvedDocument {
  const ct = compileTemplate(template);
  const checked = options.standIn ? withStandIns(template, answers, options.standIn, options) : checkAnswers(template, answers, options);
  checked.warnings.forEach((w) => options.onWarning?.(w));
  const { answers: values, role } = applyLeaderRole(template, checked.answers, options.onWarning);

  const blocks: ResolvedBlock[] = [...paragraphs(ct, template.preamble, values)];
  const { numbering } = template;
  let sectionNo = 0;
  let clauseNo = 0;
  for (const section of template.sections) {
    if (section.when && !evaluate(section.when, values)) continue;
    sectionNo += 1;
    if (numbering.clauses === 'per-section') clauseNo = 0;
    blocks.push({ kind: 'heading', level: 1, number: formatNumber(numbering.section, sectionNo), text: renderString(ct, section.title, values) });
    blocks.push(...paragraphs(ct, section.intro, values));
    for (const clause of section.clauses) {
      if (clause.when && !evaluate(clause.when, values)) continue;
      clauseNo += 1;
      const block: ResolvedBlock = { kind: 'clause', number: formatNumber(numbering.clause, clauseNo), text: renderText(ct, clause.text, values) };
      if (clause.lead !== undefined) block.lead = renderString(ct, clause.lead, values);
      blocks.push(block);
    }
    blocks.push(...paragraphs(ct, section.notes, values));
  }
  blocks.push(...paragraphs(ct, template.closing, values));

  const title = (Array.isArray(template.title) ? template.title : [template.title])
    .filter((line) => typeof line === 'string' || !line.when || evaluate(line.when, values))
    .map((line) => (typeof line === 'string' ? renderString(ct, line, values) : renderText(ct, line.text, values)))
    .filter((line) => line.trim() !== '');
  if (title.length === 0) {
    throw new QingdanError('TEMPLATE_INVALID', `模板「${template.name}」（${template.id}）的标题在这些答案下一行也没有：请检查标题各行的条件（when）。`);
  }
  return {
    templateId: template.id,
    templateVersion: template.version,
    kind: template.kind,
    title,
    fileName: renderText(ct, template.fileName, values),
    meta: meta(template, values, role),
    blocks,
  };
}

/**
 * The document as plain text lines, the way a reader sees it: title lines, then one line per
 * block (number + lead + text). Used by tests and by the text extracted from PDFs.
 */
export function documentLines(doc: ResolvedDocument): string[] {
  return [
    ...doc.title,
    ...doc.blocks.map((b) => (b.kind === 'paragraph' ? b.text : b.kind === 'heading' ? b.number + b.text : b.number + (b.lead ?? '') + b.text)),
  ];
}
