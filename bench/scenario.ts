/**
 * One benchmark scenario, run in its own process (so peak RSS is its own), printing one JSON line.
 *
 *   tsx bench/scenario.ts qingdan <leaders> <units> <jobs> <outDir>
 *   tsx bench/scenario.ts usual   <leaders> <units> <outDir>
 *
 * Both render the responsibility list (领导责任清单) of every leader of the synthetic roster, to
 * DOCX and PDF, with the same text.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolve } from '@qingdan/engine';
import { loadTemplates } from '@qingdan/template-files';
import type { Answers, Template } from '@qingdan/model';
import { runBatch } from '@qingdan/batch';
import { syntheticRoster } from './roster.js';

const root = fileURLToPath(new URL('../..', import.meta.url)); // bench/dist/ → repository root
const templatesDir = join(root, 'templates');
const TEMPLATE = 'responsibility-list';

/** Result line of a scenario. */
export interface ScenarioResult {
  scenario: string;
  leaders: number;
  documents: number;
  /** Wall time of the work itself (batch, or fill + convert), ms. */
  wallMs: number;
  /** Phases, ms (usual route: fill, convert). */
  phases?: Record<string, number>;
  /** Peak RSS of this process (including its worker threads), MB. */
  peakRssMb: number;
  /** Peak RSS of the LibreOffice process, MB (usual route). */
  sofficePeakRssMb?: number;
  pdfBytesAvg: number;
  pdfCount: number;
  docxCount: number;
  skipped?: string;
  /** Remarks printed with the figures (e.g. LibreOffice called again for files it left out). */
  notes?: string[];
}

function filesWith(dir: string, ext: string): string[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith(ext)).map((f) => join(dir, f));
}
function avgSize(files: string[]): number {
  return files.length === 0 ? 0 : Math.round(files.reduce((n, f) => n + statSync(f).size, 0) / files.length);
}
function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

async function qingdan(leaders: number, units: number, jobs: number, outDir: string): Promise<ScenarioResult> {
  const all = loadTemplates(templatesDir);
  const roster = syntheticRoster([...all.values()], leaders, units);
  rmSync(outDir, { recursive: true, force: true });
  const t0 = performance.now();
  const summary = await runBatch({ roster, templates: [all.get(TEMPLATE) as Template], outDir, formats: ['docx', 'pdf'], concurrency: jobs });
  const wallMs = performance.now() - t0;
  if (summary.failed.length > 0) throw new Error(`失败 ${summary.failed.length} 份：${summary.failed[0]?.message}`);
  const pdfs = filesWith(outDir, '.pdf');
  return {
    scenario: `qingdan --jobs ${jobs}`,
    leaders,
    documents: summary.counts.written,
    wallMs,
    peakRssMb: peakRssMb(),
    pdfBytesAvg: avgSize(pdfs),
    pdfCount: pdfs.length,
    docxCount: filesWith(outDir, '.docx').length,
  };
}

/**
 * The DOCX template of the usual route: our own DOCX of the responsibility list, rendered with a
 * marker in place of each text and list variable, the markers then replaced by `{key}` tags.
 */
async function wordTemplate(template: Template, sample: Answers): Promise<{ bytes: Uint8Array; keys: string[] }> {
  const answers: Answers = { ...sample };
  const keys: string[] = [];
  template.variables.forEach((v, i) => {
    if (v.type === 'text' || v.type === 'list') {
      answers[v.key] = v.type === 'list' ? [`QDV${i}Q`] : `QDV${i}Q`;
      keys.push(v.key);
    }
  });
  const doc = resolve(template, answers, { allowUnknown: true });
  // Imported here: the qingdan scenarios' processes never load the DOCX renderer in their main
  // thread (as the CLI does not), so their peak RSS is not raised by the usual route's code.
  const { renderDocx } = await import('@qingdan/render-docx');
  const docx = await renderDocx(doc);
  const { default: PizZip } = await import('pizzip');
  const zip = new PizZip(docx);
  let xml = zip.file('word/document.xml')?.asText() ?? '';
  template.variables.forEach((v, i) => {
    xml = xml.split(`QDV${i}Q`).join(`{${v.key}}`);
  });
  zip.file('word/document.xml', xml);
  return { bytes: zip.generate({ type: 'uint8array' }), keys };
}

function runSoffice(args: string[]): Promise<{ code: number | null; peakRssMb?: number; stderr: string }> {
  // GNU time (when present) reports the peak RSS of the largest process soffice starts.
  const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
  const [cmd, argv] = gnuTime ? [gnuTime, ['-f', 'QD_MAXRSS_KB=%M', 'soffice', ...args]] : ['soffice', args];
  return new Promise((resolvePromise, reject) => {
    const p = spawn(cmd, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('error', reject);
    p.on('exit', (code) => {
      const m = /QD_MAXRSS_KB=(\d+)/.exec(stderr);
      resolvePromise({ code, ...(m ? { peakRssMb: Math.round(Number(m[1]) / 1024) } : {}), stderr });
    });
  });
}

async function usual(leaders: number, units: number, outDir: string): Promise<ScenarioResult> {
  const all = loadTemplates(templatesDir);
  const template = all.get(TEMPLATE) as Template;
  const roster = syntheticRoster([...all.values()], leaders, units);
  // Each leader's answers: the unit's values with the leader's on top, as the planner merges them.
  const jobs = roster.units.flatMap((u) => u.leaders.map((l) => ({ answers: { ...u.answers, ...l.answers } })));
  rmSync(outDir, { recursive: true, force: true });
  const docxDir = join(outDir, 'docx');
  const pdfDir = join(outDir, 'pdf');
  mkdirSync(docxDir, { recursive: true });
  mkdirSync(pdfDir, { recursive: true });
  const first = jobs[0];
  if (!first) throw new Error('empty roster');
  const { bytes: templateBytes, keys } = await wordTemplate(template, first.answers);
  writeFileSync(join(outDir, 'template.docx'), templateBytes);
  const { default: PizZip } = await import('pizzip');
  const { default: Docxtemplater } = await import('docxtemplater');

  const t0 = performance.now();
  jobs.forEach((job, i) => {
    // Load the template and fill it, as a docxtemplater batch does for each document.
    const doc = new Docxtemplater(new PizZip(templateBytes), { paragraphLoop: true, linebreaks: true });
    const data: Record<string, string> = {};
    for (const k of keys) {
      const v = job.answers[k];
      data[k] = Array.isArray(v) ? v.join('、') : String(v ?? '');
    }
    doc.render(data);
    writeFileSync(join(docxDir, `${String(i + 1).padStart(4, '0')}.docx`), doc.getZip().generate({ type: 'nodebuffer' }));
  });
  const t1 = performance.now();
  const hasSoffice = await new Promise<boolean>((r) => {
    const p = spawn('sh', ['-c', 'command -v soffice'], { stdio: 'ignore' });
    p.on('exit', (c) => r(c === 0));
    p.on('error', () => r(false));
  });
  let sofficePeak: number | undefined;
  let skipped: string | undefined;
  const retries: string[] = [];
  if (hasSoffice) {
    const profile = join(outDir, 'lo-profile');
    // One soffice call over the whole folder, as the usual route batches. LibreOffice sometimes
    // stops part-way (exit code 0, later files not converted); the missing ones are converted in
    // further calls, counted in the time, and reported.
    for (let attempt = 1; attempt <= 3; attempt++) {
      const done = new Set(readdirSync(pdfDir).map((f) => f.replace(/\.pdf$/, '')));
      const docs = readdirSync(docxDir).filter((f) => !done.has(f.replace(/\.docx$/, ''))).map((f) => join(docxDir, f));
      if (docs.length === 0) break;
      if (attempt > 1) retries.push(`第 ${attempt} 次调用 soffice 补转 ${docs.length} 份`);
      const r = await runSoffice([`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', pdfDir, ...docs]);
      if (r.code !== 0) throw new Error(`soffice 失败（${r.code}）：${r.stderr.slice(0, 500)}`);
      sofficePeak = Math.max(sofficePeak ?? 0, r.peakRssMb ?? 0) || undefined;
    }
  } else {
    skipped = '未安装 LibreOffice（soffice），跳过 DOCX→PDF 转换';
  }
  const t2 = performance.now();
  const pdfs = filesWith(pdfDir, '.pdf');
  return {
    scenario: 'usual route (docxtemplater + LibreOffice)',
    leaders,
    documents: jobs.length,
    wallMs: t2 - t0,
    phases: { fillDocx: t1 - t0, convertPdf: t2 - t1 },
    peakRssMb: peakRssMb(),
    ...(sofficePeak !== undefined ? { sofficePeakRssMb: sofficePeak } : {}),
    pdfBytesAvg: avgSize(pdfs),
    pdfCount: pdfs.length,
    docxCount: filesWith(docxDir, '.docx').length,
    ...(skipped ? { skipped } : {}),
    ...(retries.length > 0 ? { notes: retries } : {}),
  };
}

const [kind, ...args] = process.argv.slice(2);
const leaders = Number(args[0] ?? 500);
const units = Number(args[1] ?? 50);
let result: ScenarioResult;
if (kind === 'qingdan') result = await qingdan(leaders, units, Number(args[2] ?? 2), args[3] ?? join(tmpdir(), 'qingdan-bench', 'qingdan'));
else if (kind === 'usual') result = await usual(leaders, units, args[2] ?? join(tmpdir(), 'qingdan-bench', 'usual'));
else throw new Error(`unknown scenario ${kind}`);
process.stdout.write(`QD_RESULT ${JSON.stringify(result)}\n`);
