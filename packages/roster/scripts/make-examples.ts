/**
 * Generates examples/roster.csv and examples/roster.xlsx from examples/roster.yaml, so the three
 * describe the same roster (a test checks they parse to equal units).
 *
 * Run from the repository root: `npm run examples -w @qingdan/roster`.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTemplates } from '@qingdan/template-files';
import { readRoster, rosterCsv, rosterXlsx } from '@qingdan/roster';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const templates = [...loadTemplates(join(root, 'templates')).values()];
const roster = await readRoster(join(root, 'examples', 'roster.yaml'), templates);
if (roster.issues.length > 0) {
  console.error(roster.issues.map((i) => i.message).join('\n'));
  process.exit(1);
}
writeFileSync(join(root, 'examples', 'roster.csv'), `\uFEFF${rosterCsv(roster.units, templates)}`);
writeFileSync(join(root, 'examples', 'roster.xlsx'), await rosterXlsx(roster.units, templates));
console.log(`examples/roster.csv 与 examples/roster.xlsx：${roster.units.length} 个单位，${roster.units.reduce((n, u) => n + u.leaders.length, 0)} 位班子成员。`);
