/**
 * End to end: the example roster in its three formats (examples/roster.yaml, .csv, .xlsx) plans and
 * resolves to the same documents; a roster with three bad rows among good ones reports all three
 * with their rows and still writes the documents of the good rows.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { planJobs, runBatch } from '@qingdan/batch';
import { documentLines } from '@qingdan/engine';
import { loadTemplates } from '@qingdan/template-files';
import { parseRoster, readRoster, rosterCsv } from '@qingdan/roster';

const root = fileURLToPath(new URL('..', import.meta.url));
const templates = loadTemplates(join(root, 'templates'));
const list = [...templates.values()];

/** Every planned document of a roster file: job key → resolved lines. */
async function documents(file: string): Promise<Map<string, string[]>> {
  const roster = await readRoster(join(root, 'examples', file), list);
  expect(roster.issues, file).toEqual([]);
  const out = new Map<string, string[]>();
  for (const item of planJobs({ roster, templates: list, formats: ['pdf'], renderers: {}, previous: new Map(), edited: [] })) {
    if (item.kind === 'failed') throw new Error(`${file}: ${item.ref.key}: ${item.message}`);
    out.set(item.job.key, documentLines(item.job.doc));
  }
  return out;
}

describe('example roster, three formats', () => {
  it('gives the same 18 documents (4 task lists, 14 responsibility lists) from YAML, CSV and XLSX', async () => {
    const yaml = await documents('roster.yaml');
    expect(yaml.size).toBe(18);
    expect([...yaml.keys()].filter((k) => k.startsWith('2025/task-list/'))).toEqual([
      '2025/task-list/区发展和改革局',
      '2025/task-list/区教育局',
      '2025/task-list/区市场监督管理局',
      '2025/task-list/区统计局',
    ]);
    const wang = yaml.get('2025/responsibility-list/区发展和改革局/王建国同志')!;
    expect(wang.slice(0, 2)).toEqual(['2025年履行全面从严治党', '第一责任人责任清单']);
    expect(wang.join('\n')).toContain('王建国同志作为局党组主要负责人，是区发展和改革局全面从严治党第一责任人，对本单位全面从严治党工作负总责，并分管办公室、规划科。');
    const li = yaml.get('2025/responsibility-list/区发展和改革局/李卫东同志')!;
    expect(li[0]).toBe('2025年履行全面从严治党重要领导责任清单');
    expect(li.join('\n')).toContain('李卫东同志根据局党组工作分工，分管重大项目科、价格管理科，对职责范围内的全面从严治党工作履行重要领导责任。');
    // 区统计局 has no 机关党委: its task list leaves that section out, the others keep it.
    const organCommittee = (lines: string[]) => lines.some((l) => l.includes('机关党委重点任务'));
    expect(organCommittee(yaml.get('2025/task-list/区统计局')!)).toBe(false);
    expect(organCommittee(yaml.get('2025/task-list/区教育局')!)).toBe(true);
    for (const file of ['roster.csv', 'roster.xlsx']) expect(await documents(file)).toEqual(yaml);
  });
});

describe('a roster with three bad rows among good ones', () => {
  const out = mkdtempSync(join(tmpdir(), 'qingdan-roster-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('reports all three with row numbers and writes the documents of the good rows', async () => {
    const example = await readRoster(join(root, 'examples', 'roster.yaml'), list);
    const good = rosterCsv(example.units, list).split('\r\n');
    const header = good[0]!.split(',');
    const divisions = header.indexOf('分管科室');
    const leader = header.indexOf('班子成员姓名');
    const edit = (line: string, index: number, value: string) => line.split(',').map((c, i) => (i === index ? value : c)).join(',');
    const lines = [...good];
    lines[3] = edit(lines[3]!, divisions, ''); // row 4: 张秀兰同志 without divisions
    lines[6] = edit(lines[6]!, divisions, '办公室'); // row 7: 赵国强同志 takes 刘晓燕同志's 办公室
    lines[13] = edit(lines[13]!, leader, '何丽娟同志'); // row 14: 马俊峰同志's row: 何丽娟同志 a second time in 区统计局
    const roster = await parseRoster({ bytes: new TextEncoder().encode(lines.join('\r\n')), fileName: 'bad.csv' }, list);
    expect(roster.issues.map((i) => [i.where?.row, i.where?.field])).toEqual([
      [4, '分管科室'],
      [7, '分管科室'],
      [14, '班子成员姓名'],
    ]);
    expect(roster.issues.map((i) => /^bad\.csv 第 \d+ 行 [A-Z]+ 列/u.exec(i.message)?.[0])).toEqual([
      'bad.csv 第 4 行 C 列',
      'bad.csv 第 7 行 C 列',
      'bad.csv 第 14 行 B 列',
    ]);
    // 何丽娟同志 on rows 13 and 14 of 区统计局: neither is issued (which one is right cannot be told)
    expect(roster.units.map((u) => u.leaders.length)).toEqual([3, 2, 4, 1]);

    const summary = await runBatch({ roster, templates: list, outDir: out, formats: ['docx'], concurrency: 2, rosterHash: roster.hash });
    expect(summary.failed).toEqual([]);
    expect(summary.counts).toEqual({ total: 4 + 10, written: 14, skipped: 0, failed: 0 });
    const manifest = JSON.parse(readFileSync(summary.manifestPath, 'utf8')) as { roster: { hash: string } };
    expect(manifest.roster.hash).toBe(roster.hash);
    expect(summary.files.written.some((f) => f.includes('张秀兰同志'))).toBe(false);
    expect(summary.files.written.some((f) => f.includes('何丽娟同志'))).toBe(false);
    expect(summary.files.written.some((f) => f.includes('王建国同志'))).toBe(true);
  });
});
