/**
 * Benchmark: parse a roster of 1000 leaders (250 units × 4) as CSV, GB18030 CSV, XLSX and YAML.
 * Goal: well under a second each. Run from the repository root: `npm run bench -w @qingdan/roster`.
 */
import { performance } from 'node:perf_hooks';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { stringify } from 'yaml';
import { loadTemplates } from '@qingdan/template-files';
import { parseRoster, readRoster, rosterColumns, rosterCsv, rosterXlsx, type RosterUnit } from '@qingdan/roster';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const templates = [...loadTemplates(join(root, 'templates')).values()];
const example = await readRoster(join(root, 'examples', 'roster.yaml'), templates);
const base = example.units[0] as RosterUnit;
const units: RosterUnit[] = Array.from({ length: 250 }, (_, u) => ({
  row: 0,
  name: `第${u + 1}局`,
  answers: { ...base.answers, unit_name: `第${u + 1}局` },
  leaders: Array.from({ length: 4 }, (_, l) => ({
    row: 0,
    name: `成员${u + 1}-${l + 1}同志`,
    answers: { leader_name: `成员${u + 1}-${l + 1}同志`, divisions: [`第${l + 1}科`, `第${l + 5}科`] },
  })),
}));
const csv = rosterCsv(units, templates);
const labelOf = new Map(rosterColumns(templates).map((c) => [c.key, c.label]));
const byLabel = (a: Record<string, unknown>) => Object.fromEntries(Object.entries(a).map(([k, v]) => [labelOf.get(k) ?? k, v]));
const inputs: [string, Uint8Array][] = [
  ['1000.csv', new TextEncoder().encode(csv)],
  ['1000-gb18030.csv', new Uint8Array(iconv.encode(csv, 'gb18030'))],
  ['1000.xlsx', await rosterXlsx(units, templates)],
  ['1000.yaml', new TextEncoder().encode(stringify({ 单位: units.map((u) => ({ ...byLabel(u.answers), 班子成员: u.leaders.map((l) => byLabel(l.answers)) })) }))],
];
for (const [fileName, bytes] of inputs) {
  const times: number[] = [];
  let leaders = 0;
  for (let i = 0; i < 5; i += 1) {
    const t0 = performance.now();
    const r = await parseRoster({ bytes, fileName }, templates);
    times.push(performance.now() - t0);
    leaders = r.units.reduce((n, u) => n + u.leaders.length, 0);
    if (r.issues.length > 0) throw new Error(r.issues[0]?.message);
  }
  times.sort((a, b) => a - b);
  console.log(`${fileName.padEnd(18)} ${leaders} 位班子成员  中位数 ${times[2]!.toFixed(0)} ms  最慢 ${times[4]!.toFixed(0)} ms  (${(bytes.length / 1024).toFixed(0)} KiB)`);
}
