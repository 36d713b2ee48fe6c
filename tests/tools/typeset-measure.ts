/**
 * Measures the typesetting of the bundled example (issue 25), for every document of
 * `examples/roster.yaml`: our PDF, and LibreOffice's rendering of our DOCX. Prints, per document
 * and in total: full lines that fill the 28 cells, orphan last lines, 禁则 faults, and the share of
 * lines broken at the same place in both. Not a test: it prints figures (and exits 1 when a target
 * of the issue is missed, so that it can guard a change).
 *
 *   npx tsx --conditions=source tests/tools/typeset-measure.ts [--out <folder>] [--verbose]
 *
 * Needs LibreOffice (`soffice`) and poppler-utils (`pdftotext`).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { resolve } from '@qingdan/engine';
import { loadTemplates } from '@qingdan/template-files';
import { gbt9704, KINSOKU_NO_END, KINSOKU_NO_START, mmToPt } from '@qingdan/layout';
import type { ResolvedDocument } from '@qingdan/model';
import { renderDocx } from '@qingdan/render-docx';
import { createPdfRenderer } from '@qingdan/render-pdf';
import { readRoster } from '@qingdan/roster';
import { readPdfPages } from '../support/pdf-lines.js';
import { measureTypeset, sameBreaks, type TypesetFigures, type TypesetRules } from '../support/typeset-metrics.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const out = arg('out') ?? mkdtempSync(join(tmpdir(), 'qingdan-typeset-'));
const verbose = process.argv.includes('--verbose');
mkdirSync(join(out, 'docx'), { recursive: true });
mkdirSync(join(out, 'pdf'), { recursive: true });
mkdirSync(join(out, 'lo'), { recursive: true });

/** The documents of the example roster: each template for each unit or leader it is issued per. */
async function exampleDocuments(): Promise<ResolvedDocument[]> {
  const templates = loadTemplates(join(root, 'templates'));
  const roster = await readRoster(join(root, 'examples/roster.yaml'), [...templates.values()]);
  const docs: ResolvedDocument[] = [];
  for (const template of templates.values()) {
    for (const unit of roster.units) {
      if (template.issuedPer === 'unit') docs.push(resolve(template, { ...unit.answers }, { allowUnknown: true }));
      else for (const leader of unit.leaders) docs.push(resolve(template, { ...unit.answers, ...leader.answers }, { allowUnknown: true }));
    }
  }
  return docs;
}

const rules: TypesetRules = {
  leftPt: mmToPt(gbt9704.margins.left),
  pitchPt: gbt9704.charPitchPt,
  linePitchPt: gbt9704.linePitchPt,
  cells: gbt9704.grid.charsPerLine,
  noStart: KINSOKU_NO_START,
  noEnd: KINSOKU_NO_END,
};

const docs = await exampleDocuments();
const renderer = await createPdfRenderer();
const names: string[] = [];
for (const [i, doc] of docs.entries()) {
  const name = `d${String(i + 1).padStart(2, '0')}`;
  names.push(name);
  writeFileSync(join(out, 'pdf', `${name}.pdf`), await renderer.render(doc));
  writeFileSync(join(out, 'docx', `${name}.docx`), await renderDocx(doc));
}
const profile = pathToFileURL(join(out, 'lo-profile')).href;
const lo = spawnSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', join(out, 'lo'), ...names.map((n) => join(out, 'docx', `${n}.docx`))], {
  encoding: 'utf8',
  timeout: 600_000,
});
if (lo.status !== 0) throw new Error(`soffice 失败：${lo.stderr}`);

const pct = (a: number, b: number): string => (b === 0 ? '—' : `${((100 * a) / b).toFixed(1)} %`);
const totals = { pdf: { full: 0, filled: 0, orphans: 0, kinsoku: 0 }, lo: { full: 0, filled: 0, orphans: 0, kinsoku: 0 }, same: 0, breaks: 0 };
const add = (t: typeof totals.pdf, f: TypesetFigures): void => {
  t.full += f.fullLines;
  t.filled += f.fullLinesFilled;
  t.orphans += f.orphans.length;
  t.kinsoku += f.kinsoku.length;
};
console.log('文档\t模板\tPDF 满行\tLO 满行\tPDF 孤字\tLO 孤字\tPDF 禁则\tLO 禁则\t断行相同');
for (const [i, name] of names.entries()) {
  const pdf = measureTypeset(readPdfPages(join(out, 'pdf', `${name}.pdf`)), rules);
  const lof = measureTypeset(readPdfPages(join(out, 'lo', `${name}.pdf`)), rules);
  const same = sameBreaks(pdf.lines, lof.lines);
  add(totals.pdf, pdf);
  add(totals.lo, lof);
  totals.same += same.same;
  totals.breaks += same.total;
  console.log(
    [name, docs[i]?.templateId, pct(pdf.fullLinesFilled, pdf.fullLines), pct(lof.fullLinesFilled, lof.fullLines), pdf.orphans.length, lof.orphans.length, pdf.kinsoku.length, lof.kinsoku.length, pct(same.same, same.total)].join('\t'),
  );
  if (verbose) {
    for (const [who, f] of [['PDF', pdf], ['LO', lof]] as const) {
      for (const l of f.short) console.log(`  ${who} 未满：${l.text}（${l.cells}）`);
      for (const l of f.orphans) console.log(`  ${who} 孤字：${l.text}`);
      for (const l of f.kinsoku) console.log(`  ${who} 禁则：${l.text}`);
    }
    const a = pdf.lines.map((l) => l.text.replace(/\s+/g, ''));
    const b = lof.lines.map((l) => l.text.replace(/\s+/g, ''));
    for (let k = 0; k < Math.max(a.length, b.length); k += 1) if (a[k] !== b[k]) console.log(`  第 ${k + 1} 行 PDF：${a[k] ?? ''}\n  ${' '.repeat(String(k + 1).length + 4)}LO： ${b[k] ?? ''}`);
  }
}
console.log(
  `合计（${names.length} 份）：满行占比 PDF ${pct(totals.pdf.filled, totals.pdf.full)}（${totals.pdf.filled}/${totals.pdf.full}）、LibreOffice ${pct(totals.lo.filled, totals.lo.full)}（${totals.lo.filled}/${totals.lo.full}）；` +
    `孤字 PDF ${totals.pdf.orphans}、LibreOffice ${totals.lo.orphans}；禁则 PDF ${totals.pdf.kinsoku}、LibreOffice ${totals.lo.kinsoku}；断行相同 ${pct(totals.same, totals.breaks)}（${totals.same}/${totals.breaks}）`,
);
console.log(`文件在 ${out}`);
const met =
  totals.pdf.filled >= 0.95 * totals.pdf.full &&
  totals.lo.filled >= 0.95 * totals.lo.full &&
  totals.pdf.orphans + totals.lo.orphans + totals.pdf.kinsoku + totals.lo.kinsoku === 0 &&
  totals.same >= 0.95 * totals.breaks;
process.exitCode = met ? 0 : 1;
