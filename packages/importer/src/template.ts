/**
 * Turning a parsed document into a template skeleton that the model validates. Pure.
 */
import { QingdanError, Template, type Numbering, type TemplateInput, type TemplateKind } from '@qingdan/model';
import { PlaceholderCollector, type PlaceholderVariable } from './placeholders.js';
import type { ParsedDocument, ParsedItem } from './structure.js';

/** A template made from one document, with the placeholder variables it declares. */
export interface BuiltTemplate {
  template: TemplateInput;
  /** The template's numbering (as in `template.numbering`, which the input type makes optional). */
  numbering: Numbering;
  placeholders: readonly PlaceholderVariable[];
  /** True when the items were split into a lead sentence and the rest (as in the task list). */
  leads: boolean;
}

/** The kind of list a title names: 责任清单 → responsibility-list, otherwise task-list. */
export function kindOf(title: string): TemplateKind {
  return title.includes('责任清单') ? 'responsibility-list' : 'task-list';
}

/** A lead sentence: the first sentence, up to and including 。！？, at most 40 characters. */
const LEAD = /^[^。！？!?\n]{2,39}[。！？!?]/u;

/**
 * Whether a document's items open with a short lead sentence (第一，<lead>。<text>): when at
 * least 80 % of the items have a first sentence of at most 40 characters followed by more text.
 */
export function usesLeads(items: readonly ParsedItem[]): boolean {
  if (items.length === 0) return false;
  const withLead = items.filter((it) => {
    const m = LEAD.exec(it.text);
    return m !== null && it.text.length > m[0].length;
  }).length;
  return withLead / items.length >= 0.8;
}

/**
 * Builds the template of one parsed document.
 *
 * - id: `<kind>-<year>` (or `<kind>`), made unique with `-2`, `-3` … against `taken`;
 * - the year in the title becomes the variable `year` (role `year`, type `year`);
 * - every placeholder becomes a `placeholder_n` text variable whose example is the token as the
 *   sample writes it ("XX"), so that resolving with the examples gives back the sample;
 * - section ids `section-<n>`, clause ids `clause-<n>-<m>`.
 *
 * @param doc - a parsed document
 * @param taken - ids already used by other templates of the same import (updated)
 * @returns the template input, validated by {@link Template}
 * @throws {QingdanError} `IMPORT_FAILED` if the result does not validate (a bug of the importer)
 */
export function buildTemplate(doc: ParsedDocument, taken: Set<string>): BuiltTemplate {
  const kind = kindOf(doc.title);
  const base = doc.year !== undefined ? `${kind}-${String(doc.year)}` : kind;
  let id = base;
  for (let n = 2; taken.has(id); n += 1) id = `${base}-${String(n)}`;
  taken.add(id);

  const ph = new PlaceholderCollector();
  const yearText = doc.year !== undefined ? String(doc.year) : undefined;
  let yearDone = false;
  const titleLines = doc.titleLines.map((line, i) => {
    const t = ph.replace(line, doc.titleLines.length > 1 ? `标题第 ${String(i + 1)} 行` : '标题');
    if (yearText === undefined || yearDone || !t.includes(yearText)) return t;
    yearDone = true;
    return t.replace(yearText, '{{year}}');
  });
  const title: string | string[] = titleLines.length > 1 ? titleLines : (titleLines[0] ?? doc.title);
  const titleOneLine = titleLines.join('');
  const name = doc.title.replace(/^\s*(?:19|20)\d{2}\s*年度?\s*/u, '') || doc.title;
  const preamble = doc.preamble.map((p, i) => ph.replace(p, `前言第 ${String(i + 1)} 段`));
  const items = doc.sections.flatMap((s) => s.items);
  const leads = usesLeads(items);
  let clauseNo = 0;
  const sections = doc.sections.map((s, si) => {
    const sn = `${String(si + 1)}`;
    const label = s.number?.raw ?? `第 ${sn} 部分`;
    if (doc.clauses === 'per-section') clauseNo = 0;
    return {
      id: `section-${sn}`,
      title: ph.replace(s.title, `${label}标题`),
      intro: s.intro.map((p, i) => ph.replace(p, `${label}说明第 ${String(i + 1)} 段`)),
      clauses: s.items.map((it, ci) => {
        clauseNo += 1;
        const where = `${label}第 ${String(clauseNo)} 条`;
        const m = leads ? LEAD.exec(it.text) : null;
        const clause: { id: string; lead?: string; text: string } = { id: `clause-${sn}-${String(ci + 1)}`, text: '' };
        if (m && it.text.length > m[0].length) {
          clause.lead = ph.replace(m[0], `${where}（首句）`);
          clause.text = ph.replace(it.text.slice(m[0].length), where);
        } else clause.text = ph.replace(it.text, where);
        return clause;
      }),
      notes: s.notes.map((p, i) => ph.replace(p, `${label}末尾说明第 ${String(i + 1)} 段`)),
    };
  });
  const closing = doc.closing.map((p, i) => ph.replace(p, `结尾第 ${String(i + 1)} 段`));

  const variables: TemplateInput['variables'] = [];
  if (doc.year !== undefined) {
    variables.push({ key: 'year', label: '年度', type: 'year', role: 'year', example: doc.year, help: `清单所属的年度；范文为 ${String(doc.year)}` });
  }
  for (const [i, v] of ph.variables.entries()) {
    const places = v.occurrences.map((o) => o.where).join('、');
    const first = v.occurrences[0]?.context ?? v.token;
    variables.push({
      key: v.key,
      label: `占位符${String(i + 1)}`,
      type: 'text',
      example: v.token,
      help: `范文此处为“${v.token}”：${first}（共 ${String(v.occurrences.length)} 处：${places}）。请改成有意义的变量名和标签，填入示例值`,
    });
  }
  // A template needs at least one variable; a sample without year or placeholders gets its title.
  const noVariables = variables.length === 0;
  if (noVariables) variables.push({ key: 'title_text', label: '标题', type: 'text', example: doc.title, help: '范文中没有占位符，只有标题可改' });
  const finalTitle = noVariables ? '{{title_text}}' : title;

  const numbering: Numbering = {
    section: doc.levels.length > 1 && doc.levels[0] ? doc.levels[0] : 'cn-comma',
    clause: (doc.levels.length > 1 ? doc.levels[1] : doc.levels[0]) ?? 'arabic-dot',
    clauses: doc.clauses,
  };
  const template: TemplateInput = {
    id,
    name,
    kind,
    issuedPer: kind === 'responsibility-list' ? 'leader' : 'unit',
    version: '0.1.0',
    title: finalTitle,
    fileName: noVariables ? '{{title_text}}' : titleOneLine,
    numbering,
    variables,
    preamble,
    sections,
    closing,
  };
  const checked = Template.safeParse(template);
  if (!checked.success) {
    throw new QingdanError('IMPORT_FAILED', `导入「${doc.title}」生成的模板没有通过校验（这是导入程序的缺陷，请报告）`, {
      issues: checked.error.issues.map((i) => ({ message: i.message, where: { path: i.path.join('.') } })),
      cause: checked.error,
    });
  }
  return { template, numbering, placeholders: ph.variables, leads };
}
