/**
 * `npm run bench`: qingdan's batch against the usual route (docxtemplater + LibreOffice), on the
 * same content. Not a test: it prints figures.
 *
 *   npm run bench -- [--leaders 500] [--units 50] [--jobs N] [--no-usual] [--rss 100,1000] [--rss-runs 3] [--out <folder>] [--profile] [--json]
 *
 * With `--json`, the figures are also printed as one JSON object on the last line.
 *
 * Outputs go to `<tmp>/qingdan-bench/` unless `--out` is given.
 *
 * Each scenario runs in its own Node process so that its peak RSS is its own. Measured: wall
 * time of the work (from plan to last file), ms per leader, documents per second (a document =
 * one leader's DOCX + PDF), peak RSS, mean bytes of a PDF; then the ratios.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exampleAnswers } from '@qingdan/engine';
import { loadTemplates } from '@qingdan/template-files';
import type { ScenarioResult } from './scenario.js';

const root = fileURLToPath(new URL('../..', import.meta.url)); // bench/dist/ → repository root

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? (process.argv[i + 1] as string) : fallback;
}
const leaders = Number(arg('leaders', '500'));
const units = Number(arg('units', '50'));
const jobs = Number(arg('jobs', String(availableParallelism())));
const outRoot = arg('out', join(tmpdir(), 'qingdan-bench'));
const rssNs = arg('rss', '100,1000').split(',').filter(Boolean).map(Number);
/** Rounds of the peak-RSS runs (each round runs every N once); the median of each N is compared. */
const rssRuns = Math.max(1, Number(arg('rss-runs', '3')));
const withUsual = !process.argv.includes('--no-usual');
/** Figures gathered for `--json`. */
const figures: Record<string, unknown> = { leaders, units, jobs, node: process.version, cores: availableParallelism() };

/**
 * The Node options of the `qingdan` executable (its first line, `#!/usr/bin/env -S node …`): qingdan's
 * scenarios run with them, so that the figures are the CLI's.
 * @throws {Error} when apps/cli is not built or its first line is not of that form
 */
function cliNodeFlags(): string[] {
  const bin = join(root, 'apps', 'cli', 'dist', 'bin.js');
  const first = readFileSync(bin, 'utf8').split('\n', 1)[0] ?? '';
  const m = /^#!\/usr\/bin\/env (?:-S )?node((?: --[\w-]+(?:=\S+)?)*)$/.exec(first);
  if (!m) throw new Error(`${bin} 的第一行不是 #!/usr/bin/env [-S] node [选项]：${first}`);
  return (m[1] ?? '').split(' ').filter(Boolean);
}
const qingdanFlags = cliNodeFlags();

function scenario(args: string[], nodeArgs: string[] = []): Promise<ScenarioResult> {
  return new Promise((resolve, reject) => {
    // Runs against the built packages (dist), as the CLI does: the pool starts dist/worker.js.
    const p = spawn(process.execPath, [...nodeArgs, join(root, 'bench', 'dist', 'scenario.js'), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.on('error', reject);
    p.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('QD_RESULT '));
      if (code !== 0 || !line) reject(new Error(`场景 ${args.join(' ')} 失败（退出码 ${code}）：${out}`));
      else resolve(JSON.parse(line.slice('QD_RESULT '.length)) as ScenarioResult);
    });
  });
}

function row(r: ScenarioResult): string {
  const perLeader = r.wallMs / r.leaders;
  const docsPerSec = (r.documents / r.wallMs) * 1000;
  const rss = r.sofficePeakRssMb !== undefined ? `${r.peakRssMb} MB (soffice ${r.sofficePeakRssMb} MB)` : `${r.peakRssMb} MB`;
  const phases = r.phases ? `  [${Object.entries(r.phases).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(', ')}]` : '';
  return `${r.scenario.padEnd(44)} ${(r.wallMs / 1000).toFixed(2).padStart(7)} s  ${perLeader.toFixed(1).padStart(6)} ms/leader  ${docsPerSec.toFixed(1).padStart(6)} docs/s  peak RSS ${rss}  PDF ${(r.pdfBytesAvg / 1024).toFixed(0)} KB (${r.pdfCount} PDF, ${r.docxCount} DOCX)${phases}${r.skipped ? `  —— ${r.skipped}` : ''}${r.notes ? `  （${r.notes.join('；')}）` : ''}`;
}

console.log(`qingdan benchmark: ${leaders} leaders over ${units} units, responsibility list (DOCX + PDF) per leader`);
console.log(`machine: ${cpus()[0]?.model ?? '?'}, ${availableParallelism()} cores, Node ${process.version} (qingdan with ${qingdanFlags.join(' ') || 'no options'}, as its executable runs); --jobs ${jobs}; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} (other programs running make every figure worse)\n`);

const results: ScenarioResult[] = [];
const main = await scenario(['qingdan', String(leaders), String(units), String(jobs), join(outRoot, 'qingdan')], qingdanFlags);
console.log(row(main));
results.push(main);
let usual: ScenarioResult | undefined;
if (withUsual) {
  usual = await scenario(['usual', String(leaders), String(units), join(outRoot, 'usual')]);
  console.log(row(usual));
}
const one = await scenario(['qingdan', String(leaders), String(units), '1', join(outRoot, 'qingdan-1')], qingdanFlags);
console.log(row(one));

console.log('');
if (usual && !usual.skipped) console.log(`usual route ÷ qingdan --jobs ${jobs}: ${(usual.wallMs / main.wallMs).toFixed(2)}×  (goal ≥ 4.5×)`);
else if (usual) console.log(`usual route ÷ qingdan: 无法计算（${usual.skipped}）；仅 DOCX 填充用时 ${((usual.phases?.fillDocx ?? 0) / 1000).toFixed(2)} s`);
console.log(`qingdan --jobs 1 ÷ --jobs ${jobs}: ${(one.wallMs / main.wallMs).toFixed(2)}×`);
console.log(`ms per leader (DOCX + PDF), --jobs ${jobs}: ${(main.wallMs / main.leaders).toFixed(1)} ms  (goal ≤ 25 ms on 2 cores)`);
console.log(`mean PDF size: ${(main.pdfBytesAvg / 1024).toFixed(0)} KB  (goal ≤ 250 KB)`);
Object.assign(figures, {
  qingdan: main,
  usual,
  qingdanOneThread: one,
  usualRatio: usual && !usual.skipped ? usual.wallMs / main.wallMs : null,
  msPerLeader: main.wallMs / main.leaders,
});

if (rssNs.length > 0) {
  // Peak RSS varies by ±10 MB from run to run of the same batch (when V8 collects, grows or
  // shrinks each thread's heap), so each N runs `rssRuns` times, the rounds interleaved so that a
  // slower spell of the machine does not fall on one N only; the medians are compared.
  console.log(`\npeak RSS by roster size (memory should stay flat), ${rssRuns} run(s) each:`);
  const runs = new Map<number, ScenarioResult[]>(rssNs.map((n) => [n, []]));
  for (let round = 0; round < rssRuns; round++) {
    for (const n of rssNs) {
      runs.get(n)?.push(await scenario(['qingdan', String(n), String(Math.min(units, n)), String(jobs), join(outRoot, `qingdan-rss-${n}`)], qingdanFlags));
    }
  }
  const medians = rssNs.map((n) => {
    const rs = runs.get(n) ?? [];
    const rss = median(rs.map((r) => r.peakRssMb));
    const ms = median(rs.map((r) => r.wallMs / n));
    console.log(`  N = ${String(n).padStart(5)}: peak RSS median ${rss} MB (${rs.map((r) => r.peakRssMb).join(' / ')} MB), ${ms.toFixed(1)} ms/leader`);
    return rss;
  });
  if (medians.length >= 2) {
    const [a, b] = [medians[0] as number, medians[medians.length - 1] as number];
    console.log(`  difference of the medians, N = ${rssNs[rssNs.length - 1]} vs N = ${rssNs[0]}: ${(((b - a) / a) * 100).toFixed(1)} %  (goal ≤ 10 %, peak ≤ 300 MB)`);
  }
  figures.peakRssMedianMb = Object.fromEntries(rssNs.map((n, i) => [n, medians[i]]));
}

/** Median of `xs` (the mean of the middle two for an even count). */
function median(xs: readonly number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** `qingdan generate` for one leader (DOCX + PDF), a fresh process each time: the cold start a user waits for. */
async function generateColdStart(): Promise<void> {
  const bin = join(root, 'apps', 'cli', 'dist', 'bin.js');
  const t = loadTemplates(join(root, 'templates')).get('responsibility-list');
  if (!t) throw new Error('responsibility-list template missing');
  const ex = exampleAnswers(t);
  const { leader_name: _leader, divisions: _divisions, ...unit } = ex;
  const dir = join(outRoot, 'generate');
  mkdirSync(dir, { recursive: true });
  const answers = join(dir, 'answers.yaml');
  // JSON is YAML.
  writeFileSync(answers, JSON.stringify({ units: [{ ...unit, leaders: [{ leader_name: '张三同志', divisions: ['办公室', '财务科'] }] }] }, null, 2));
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const out = join(dir, `out-${i}`);
    rmSync(out, { recursive: true, force: true });
    const t0 = performance.now();
    const code = await new Promise<number | null>((resolve, reject) => {
      const p = spawn(process.execPath, [...qingdanFlags, bin, 'generate', '--answers', answers, '--template', 'responsibility-list', '--format', 'docx,pdf', '--out', out], { stdio: 'ignore' });
      p.on('error', reject);
      p.on('exit', resolve);
    });
    if (code !== 0) throw new Error(`qingdan generate 失败（退出码 ${code}）`);
    times.push(performance.now() - t0);
  }
  console.log(`\nqingdan generate, one leader, DOCX + PDF, cold start (process start to exit): median ${median(times).toFixed(0)} ms of ${times.map((x) => x.toFixed(0)).join(' / ')} ms  (goal ≤ 1000 ms)`);
  figures.generateColdStartMs = median(times);
}
await generateColdStart();

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string } }[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time by package of a `--cpu-prof` profile: where the time of one thread goes. */
function profileByPackage(file: string): [string, number][] {
  const p = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const nodes = new Map(p.nodes.map((n) => [n.id, n]));
  const total = p.timeDeltas.reduce((a, b) => a + b, 0);
  const by = new Map<string, number>();
  p.samples.forEach((id, i) => {
    const cf = nodes.get(id)?.callFrame;
    const url = cf?.url ?? '';
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url) ?? /packages\/([^/]+)/.exec(url);
    const key = m ? (m[1] as string) : url.startsWith('node:') ? `node:${url.slice(5).split('/')[0]}` : cf?.functionName.startsWith('(') ? cf.functionName : 'other';
    by.set(key, (by.get(key) ?? 0) + (p.timeDeltas[i] ?? 0));
  });
  return [...by].map(([k, t]): [string, number] => [k, (t / total) * 100]).sort((a, b) => b[1] - a[1]);
}

if (process.argv.includes('--profile')) {
  // One thread (--jobs 1) so the profile holds all the rendering work.
  const dir = join(outRoot, 'profile');
  rmSync(dir, { recursive: true, force: true });
  const n = Math.min(leaders, 150);
  await scenario(['qingdan', String(n), String(Math.min(units, n)), '1', join(outRoot, 'qingdan-profile')], [...qingdanFlags, '--cpu-prof', `--cpu-prof-dir=${dir}`]);
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (file) {
    console.log(`\nCPU profile of qingdan --jobs 1 on ${n} leaders (${join(dir, file)}), self time by package:`);
    for (const [k, pct] of profileByPackage(join(dir, file)).slice(0, 12)) console.log(`  ${pct.toFixed(1).padStart(5)} %  ${k}`);
  }
}

if (process.argv.includes('--json')) console.log(JSON.stringify(figures));
