/**
 * The import report: what was found, what was removed, what could not be placed. `formatReport`
 * writes it as Chinese Markdown, readable in a terminal and as `import-report.md`.
 */
import { formatNumber, type NumberingStyle, type TemplateKind } from '@qingdan/model';
import type { Debris } from './clean.js';
import type { PlaceholderKind, PlaceholderOccurrence } from './placeholders.js';
import type { UnplacedLine } from './structure.js';

/** One section of a document: its number as written, title and counts. */
export interface SectionReport {
  number: string;
  title: string;
  items: number;
  intro: number;
  notes: number;
}

/** A placeholder variable and where it occurs. */
export interface PlaceholderReport {
  key: string;
  token: string;
  kind: PlaceholderKind;
  occurrences: PlaceholderOccurrence[];
}

/** One document found, and the template made from it. */
export interface DocumentReport {
  templateId: string;
  title: string;
  /** 1-based line of the title in the input (0 when there is none). */
  line: number;
  kind: TemplateKind;
  year: number | undefined;
  numbering: { section: NumberingStyle; clause: NumberingStyle; clauses: 'continuous' | 'per-section'; levels: NumberingStyle[] };
  preamble: number;
  closing: number;
  sections: SectionReport[];
  /** Total number of items (clauses). */
  items: number;
  /** Whether clauses were split into a lead sentence and text. */
  leads: boolean;
  placeholders: PlaceholderReport[];
  warnings: string[];
}

/** What an import found. */
export interface ImportReport {
  /** File name or the name given with the text. */
  source: string;
  /** How the input was read: a text encoding, or `docx`. */
  format: string;
  /** What the reader noticed about the input (in Chinese), e.g. Word's automatic numbering. */
  notes: string[];
  /** The compilation's header line, when the input holds several documents under one. */
  header: { line: number; text: string } | undefined;
  documents: DocumentReport[];
  debris: Debris[];
  /** Lines that belong to no document or could not be placed. */
  unplaced: UnplacedLine[];
}

const DEBRIS_NAMES: Record<Debris['kind'], string> = {
  marker: '网站标记',
  count: '合集篇数',
  'article-marker': '篇目序号',
  'web-prompt': '网站提示语',
};
const KIND_NAMES: Record<TemplateKind, string> = { 'task-list': '重点任务清单', 'responsibility-list': '领导责任清单' };

const cell = (s: string): string => s.replace(/\|/gu, '\\|').replace(/\n/gu, ' ');
const clip = (s: string, n = 40): string => ([...s].length > n ? `${[...s].slice(0, n).join('')}…` : s);

/**
 * Writes the report as Chinese Markdown: documents with their sections and item counts,
 * placeholders with their context, warnings, removed debris, and the lines that could not be
 * placed.
 *
 * @param report - an import's report
 * @returns Markdown text ending with a newline
 * @example formatReport(result.report).split('\n')[0] // "# 范文导入报告：000_6191e73f1c3e00fc.txt"
 */
export function formatReport(report: ImportReport): string {
  const out: string[] = [`# 范文导入报告：${report.source}`, ''];
  out.push(`读取方式：${report.format}；找到 ${String(report.documents.length)} 份清单。`);
  for (const n of report.notes) out.push(`注意：${n}。`);
  if (report.header) out.push(`合集标题（第 ${String(report.header.line)} 行，未作为清单）：${report.header.text}`);
  out.push('');
  for (const d of report.documents) {
    out.push(`## ${d.title}`, '');
    out.push(`- 模板：\`${d.templateId}\`（${KIND_NAMES[d.kind]}），标题在第 ${String(d.line)} 行${d.year !== undefined ? `，年度 ${String(d.year)}` : ''}`);
    const levels = d.numbering.levels.map((s) => formatNumber(s, 1)).join(' → ');
    out.push(`- 编号：${levels}；条目编号${d.numbering.clauses === 'continuous' ? '跨章节连续' : '每章重新开始'}${d.leads ? '；条目首句作为引导句（lead）' : ''}`);
    out.push(`- ${String(d.sections.length)} 个部分，共 ${String(d.items)} 条；前言 ${String(d.preamble)} 段，结尾 ${String(d.closing)} 段`, '');
    out.push('| 部分 | 标题 | 条目 | 说明 | 末尾说明 |', '|---|---|---|---|---|');
    for (const s of d.sections) out.push(`| ${cell(s.number)} | ${cell(clip(s.title))} | ${String(s.items)} | ${String(s.intro)} | ${String(s.notes)} |`);
    out.push('');
    if (d.placeholders.length > 0) {
      out.push(`占位符 ${String(d.placeholders.length)} 个（请在模板中改成有意义的变量名）：`, '');
      out.push('| 变量 | 原文 | 出现 | 上下文 |', '|---|---|---|---|');
      for (const p of d.placeholders) {
        out.push(`| \`${p.key}\` | ${cell(p.token)} | ${p.occurrences.map((o) => o.where).join('、')} | ${cell(p.occurrences[0]?.context ?? '')} |`);
      }
      out.push('');
    } else out.push('没有找到占位符（XX、××、某某、____ 等）。', '');
    if (d.warnings.length > 0) {
      out.push('提醒：', '', ...d.warnings.map((w) => `- ${w}`), '');
    }
  }
  if (report.unplaced.length > 0) {
    out.push('## 未能归位的行', '');
    for (const u of report.unplaced) out.push(`- 第 ${String(u.line)} 行「${clip(u.text)}」：${u.reason}`);
    out.push('');
  }
  if (report.debris.length > 0) {
    out.push('## 已删除的网页残留', '');
    for (const d of report.debris) out.push(`- 第 ${String(d.line)} 行：${DEBRIS_NAMES[d.kind]}「${d.text}」`);
    out.push('');
  }
  return out.join('\n');
}
