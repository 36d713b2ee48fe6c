/**
 * End to end: importing the sample text of seeds/ gives the two templates, and they resolve back
 * to the sample and — with the curated round-trip test's list of corrections — to the curated
 * templates.
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { documentLines, exampleAnswers, resolve } from '@qingdan/engine';
import { loadTemplate } from '@qingdan/template-files';
import { importSeed, type ImportResult } from '@qingdan/importer';
import { Template, type ResolvedDocument } from '@qingdan/model';
import { SEED_CORRECTIONS, SEED_FILE, seedDocuments, type SeedCorrection } from './fixtures/seed-corrections.js';

type Id = SeedCorrection['template'];
const curatedPath = (id: Id): string => fileURLToPath(new URL(`../templates/${id}/template.yaml`, import.meta.url));

/** Resolves an imported template with each placeholder set back to its text in the sample. */
function resolveImported(result: ImportResult, kind: Id): ResolvedDocument {
  const input = result.templates.find((t) => t.kind === kind);
  if (!input) throw new Error(`no ${kind} imported`);
  const t = Template.parse(input);
  return resolve(t, exampleAnswers(t));
}

/** The curated round-trip test's corrections, applied the same way (each must occur once). */
function applyCorrections(lines: string[], id: Id): string[] {
  let text = lines.join('\n');
  for (const c of SEED_CORRECTIONS.filter((x) => x.template === id)) {
    expect(text.split(c.sample), `correction “${c.sample}”`).toHaveLength(2);
    text = text.replace(c.sample, c.corrected);
  }
  return text.split('\n');
}

const clauseTexts = (doc: ResolvedDocument): string[] => doc.blocks.flatMap((b) => (b.kind === 'clause' ? [(b.lead ?? '') + b.text] : []));

describe('importing seeds/000_6191e73f1c3e00fc.txt', () => {
  let result: ImportResult;
  beforeAll(async () => {
    result = await importSeed({ path: SEED_FILE });
  });

  it('finds the two documents and drops the compilation header', () => {
    expect(result.templates.map((t) => [t.id, t.kind, t.issuedPer])).toEqual([
      ['task-list-2023', 'task-list', 'unit'],
      ['responsibility-list-2023', 'responsibility-list', 'leader'],
    ]);
    expect(result.templates.map((t) => t.title)).toEqual(['{{year}}年度落实全面从严治党重点任务清单', '{{year}}年履行全面从严治党重要领导责任清单']);
    expect(result.report.header?.text).toBe('2023年度落实全面从严治党重点任务清单及领导责任清单');
    expect(result.report.debris.map((d) => d.text)).toEqual(['(2篇)', '（-）', '##paidbegin##', '##paidend##']);
    expect(result.report.unplaced).toEqual([]);
  });

  it('finds three sections of 9, 8 and 6 items in the task list, numbered 第一， per section', () => {
    const [task] = result.templates;
    expect(task?.sections.map((s) => s.clauses?.length)).toEqual([9, 8, 6]);
    expect(task?.sections.map((s) => s.title)).toEqual(['党组（党委）重点工作任务清单', '机关党委重点任务工作清单', '党支部重点工作任务清单']);
    expect(task?.numbering).toEqual({ section: 'cn-comma', clause: 'cn-ordinal', clauses: 'per-section' });
    // (a) the intro glued to ##paidbegin##, (c) the closing note of section 二
    expect(task?.sections[0]?.intro).toEqual([expect.stringMatching(/^市直属机关作为贯彻落实市委决策部署/)]);
    expect(task?.sections[1]?.notes).toEqual(['党总支重点任务工作参照机关党委有关重点工作开展。']);
    expect(task?.sections[0]?.clauses?.[0]).toEqual({
      id: 'clause-1-1',
      lead: '党组（党委）要认真贯彻落实《中国共产党党组工作条例》。',
      text: '落实全面从严治党主体责任，围绕加强和改善党的全面领导，制定党组（党委）书记、班子成员全面从严治党年度任务清单，并认真落实。',
    });
  });

  it('finds seven sections and 22 clauses numbered 1. … 22. across sections in the responsibility list', () => {
    const resp = result.templates[1];
    expect(resp?.sections).toHaveLength(7);
    expect(resp?.sections.map((s) => s.clauses?.length)).toEqual([3, 3, 3, 4, 3, 3, 3]);
    expect(resp?.numbering).toEqual({ section: 'cn-comma', clause: 'arabic-dot', clauses: 'continuous' });
    const doc = resolveImported(result, 'responsibility-list');
    expect(doc.blocks.filter((b) => b.kind === 'clause').map((b) => b.number)).toEqual(Array.from({ length: 22 }, (_, i) => `${i + 1}.`));
  });

  it('makes a variable of each XX, sharing one between the same two characters (党中央XX委, 区XX局)', () => {
    const resp = result.templates[1];
    const phs = resp?.variables.filter((v) => v.key.startsWith('placeholder_')) ?? [];
    const where = Object.fromEntries(result.report.documents[1]?.placeholders.map((p) => [p.key, p.occurrences.length]) ?? []);
    // the template declares exactly the reported placeholders (so the check below is not vacuous)
    expect(phs.map((v) => v.key)).toEqual(Object.keys(where));
    expect(phs.every((v) => v.example === 'XX' && v.type === 'text' && v.label !== '')).toBe(true);
    const xxInSample = seedDocuments()['responsibility-list'].join('\n').split('XX').length - 1;
    expect(xxInSample).toBeGreaterThan(10);
    expect(Object.values(where).reduce((a, b) => a + b, 0)).toBe(xxInSample); // every XX of the document
    const partyCentral = result.report.documents[1]?.placeholders.find((p) => p.occurrences[0]?.context.includes('党中央【XX】委领导'));
    expect(partyCentral?.occurrences.map((o) => o.where)).toEqual(['一、第 2 条', '一、第 3 条', '二、第 6 条']);
    const bureau = result.report.documents[1]?.placeholders.find((p) => p.occurrences[0]?.context.includes('区【XX】局'));
    expect(bureau?.occurrences).toHaveLength(2);
    // just the XX part of a longer word becomes the variable
    expect(JSON.stringify(resp?.sections)).toContain(`区{{${bureau?.key ?? '?'}}}局`);
    expect(JSON.stringify(resp?.sections)).not.toContain('XX');
    expect(result.report.documents[0]?.placeholders).toEqual([]);
  });

  describe.each(['task-list', 'responsibility-list'] as const)('%s round trip', (id) => {
    it('resolves with the sample values to the sample text, line for line', () => {
      expect(documentLines(resolveImported(result, id))).toEqual(seedDocuments()[id]);
    });

    it('equals the curated template, clause by clause, once the listed corrections are applied', () => {
      const curated = loadTemplate(curatedPath(id));
      const curatedDoc = resolve(curated, exampleAnswers(curated));
      const imported = applyCorrections(documentLines(resolveImported(result, id)), id);
      expect(imported).toEqual(documentLines(curatedDoc));
      // clause by clause: number, lead sentence and text
      const fix = (s: string): string => SEED_CORRECTIONS.filter((c) => c.template === id).reduce((t, c) => t.replace(c.sample, c.corrected), s);
      const clauses = (d: ResolvedDocument, f: (s: string) => string = (s) => s) =>
        d.blocks.flatMap((b) => (b.kind === 'clause' ? [{ number: b.number, lead: b.lead === undefined ? undefined : f(b.lead), text: f(b.text) }] : []));
      expect(clauses(resolveImported(result, id), fix)).toEqual(clauses(curatedDoc));
      expect(clauseTexts(curatedDoc)).toHaveLength(id === 'task-list' ? 23 : 22);
    });
  });
});
