/**
 * The import pipeline: text → cleaned lines → documents → templates + report. `importText` is
 * pure; `importSeed` adds reading a file.
 */
import { QingdanError, type TemplateInput } from '@qingdan/model';
import { cleanLines } from './clean.js';
import { readSeedFile } from './read.js';
import type { DocumentReport, ImportReport } from './report.js';
import { parseSeed } from './structure.js';
import { buildTemplate } from './template.js';

/** What an import gives: one template per document found (validated) and the report. */
export interface ImportResult {
  templates: TemplateInput[];
  report: ImportReport;
}

/** The input of {@link importSeed}: a file, or text already in memory (with a name for messages). */
export type SeedInput = { path: string } | { text: string; name?: string };

/**
 * Imports a sample text that is already decoded.
 *
 * @param text - the sample text
 * @param source - its name, for the report and messages
 * @param format - how it was read (`utf-8`, `gb18030`, `docx`, `text` …)
 * @param notes - what the reader noticed (e.g. Word's automatic numbering), in Chinese; shown in
 *   the report and added to the error when no structure is found
 * @returns the templates (each passes `Template.parse`) and the report
 * @throws {QingdanError} `IMPORT_FAILED` when the text is blank, or when no document with
 *   numbered sections or items is found (the message says what was expected and what was found)
 */
export function importText(text: string, source: string, format = 'text', notes: readonly string[] = []): ImportResult {
  const cleaned = cleanLines(text);
  if (cleaned.lines.length === 0) {
    const what = cleaned.debris.length > 0 ? `只有网页残留（${cleaned.debris.map((d) => d.text).slice(0, 3).join('、')}）` : '只有空白';
    throw new QingdanError('IMPORT_FAILED', `范文「${source}」没有正文：期望清单的标题和编号条目，实际${what}。`);
  }
  const parsed = parseSeed(cleaned.lines);
  if (parsed.documents.length === 0) {
    const sample = cleaned.lines.slice(0, 2).map((l) => `第 ${String(l.line)} 行「${[...l.text].slice(0, 20).join('')}${[...l.text].length > 20 ? '…' : ''}」`);
    throw new QingdanError(
      'IMPORT_FAILED',
      `范文「${source}」认不出清单结构：期望一个含“清单”的标题，后面是带编号的部分和条目（如“一、…”“第一，…”“（一）…”“1.…”“（1）…”），` +
        `实际 ${String(cleaned.lines.length)} 行文字中没有一行以编号开头（开头是 ${sample.join('、')}）。请确认文件是清单范文，或先给各条加上编号。` +
        notes.map((n) => `\n${n}。`).join(''),
    );
  }
  const taken = new Set<string>();
  const templates: TemplateInput[] = [];
  const documents: DocumentReport[] = [];
  for (const doc of parsed.documents) {
    const built = buildTemplate(doc, taken);
    const t = built.template;
    templates.push(t);
    documents.push({
      templateId: t.id,
      title: doc.title,
      line: doc.titleLine,
      kind: t.kind,
      year: doc.year,
      numbering: { ...built.numbering, levels: doc.levels },
      preamble: doc.preamble.length,
      closing: doc.closing.length,
      sections: doc.sections.map((s) => ({ number: s.number?.raw ?? '', title: s.title, items: s.items.length, intro: s.intro.length, notes: s.notes.length })),
      items: doc.sections.reduce((n, s) => n + s.items.length, 0),
      leads: built.leads,
      placeholders: built.placeholders.map((p) => ({ key: p.key, token: p.token, kind: p.kind, occurrences: [...p.occurrences] })),
      warnings: [
        ...doc.warnings,
        ...(t.issuedPer === 'leader'
          ? ['这是每位领导一份的清单：请在 fileName 里加入领导姓名的变量（如 {{leader_name}}），否则同一单位各位领导的文件同名']
          : []),
      ],
    });
  }
  return {
    templates,
    report: {
      source,
      format,
      notes: [...notes],
      header: parsed.header ? { line: parsed.header.line, text: parsed.header.text } : undefined,
      documents,
      debris: cleaned.debris,
      unplaced: parsed.unplaced,
    },
  };
}

/**
 * Imports a sample text (范文) into template skeletons: reads the file (`.txt` in UTF-8, UTF-8
 * with BOM or GB18030; `.docx`), strips web debris, splits a compilation into its documents,
 * finds each one's title, preamble, sections, items and notes, and turns placeholders (XX, ××,
 * ○○, 某某, ____, （单位名称）) into variables `placeholder_n`.
 *
 * @param input - `{ path }` of a file, or `{ text, name? }`
 * @returns the templates (validated by the model's `Template` schema) and the report
 * @throws {QingdanError} `IO_FAILED` when the file cannot be read; `IMPORT_FAILED` when the input
 *   is empty, binary, of an unsupported format, or has no recognisable structure
 * @example
 * const { templates, report } = await importSeed({ path: 'seeds/000_6191e73f1c3e00fc.txt' });
 * templates.map((t) => t.id) // ['task-list-2023', 'responsibility-list-2023']
 */
export async function importSeed(input: SeedInput): Promise<ImportResult> {
  if ('path' in input) {
    const seed = await readSeedFile(input.path);
    return importText(seed.text, seed.source, seed.format, seed.notes);
  }
  return importText(input.text, input.name ?? '（粘贴的文本）', 'text');
}
