/**
 * `qingdan batch` and `qingdan generate` end to end through the built binary: the example roster
 * in YAML, CSV and XLSX gives the same documents; a re-run skips and says so; a roster with three
 * bad rows writes the good ones, reports all three with row numbers and exits 1; an answers file
 * is generated and also read as a one-unit roster.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, listFiles, REPO, runCli } from '../apps/cli/test/support/cli.js';

const work = mkdtempSync(join(tmpdir(), 'qingdan-cli-batch-'));
beforeAll(() => assertBuilt());
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Manifest {
  outputs: { key: string; inputHash: string; files: { format: string; path: string; sha256: string }[] }[];
}
interface Summary {
  ok: boolean;
  exitCode: number;
  written: number;
  skipped: number;
  failed: unknown[];
  issues: { message: string; where?: { row?: number; column?: string } }[];
  files: { written: string[]; skipped: string[] };
  manifest: string;
}

async function documentXml(file: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const xml = await zip.file('word/document.xml')?.async('string');
  if (xml === undefined) throw new Error(`${file} 中没有 word/document.xml`);
  return xml;
}

const manifestOf = (out: string): Manifest => JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;
const outputs = (out: string): string[] => listFiles(out).filter((f) => f !== 'manifest.json');

describe('qingdan batch on the example roster', () => {
  const outs = { yaml: join(work, 'yaml'), csv: join(work, 'csv'), xlsx: join(work, 'xlsx') };

  it('gives the same documents from YAML, CSV and XLSX: 4 task lists and 14 responsibility lists', async () => {
    for (const [format, out] of Object.entries(outs)) {
      const r = await runCli(['batch', '--roster', `examples/roster.${format}`, '--out', out, '--json']);
      expect(r.code, `${format}: ${r.stderr}`).toBe(0);
      const summary = JSON.parse(r.stdout) as Summary;
      expect(summary).toMatchObject({ ok: true, exitCode: 0, written: 18, skipped: 0, failed: [], issues: [] });
      expect(summary.files.written).toHaveLength(36);
    }
    const files = outputs(outs.yaml);
    expect(files).toHaveLength(36);
    expect(files.filter((f) => f.endsWith('重点任务清单.docx'))).toHaveLength(4);
    // 14 responsibility lists by role: 4 主要负责人, 9 班子成员, 1 纪检监察
    expect(files.filter((f) => f.endsWith('第一责任人责任清单.pdf'))).toHaveLength(4);
    expect(files.filter((f) => f.endsWith('重要领导责任清单.pdf'))).toHaveLength(9);
    expect(files.filter((f) => f.endsWith('监督责任清单.pdf'))).toHaveLength(1);
    expect(files).toContain('2025/区发展和改革局/2025年王建国同志履行全面从严治党第一责任人责任清单.docx');
    expect(outputs(outs.csv)).toEqual(files);
    expect(outputs(outs.xlsx)).toEqual(files);
    // the same inputs for every document …
    const hashes = (out: string): Record<string, string> => Object.fromEntries(manifestOf(out).outputs.map((o) => [o.key, o.inputHash]));
    expect(hashes(outs.csv)).toEqual(hashes(outs.yaml));
    expect(hashes(outs.xlsx)).toEqual(hashes(outs.yaml));
    // … and the same text in every DOCX
    for (const f of files.filter((x) => x.endsWith('.docx'))) {
      const xml = await documentXml(join(outs.yaml, f));
      expect(await documentXml(join(outs.csv, f)), f).toBe(xml);
      expect(await documentXml(join(outs.xlsx, f)), f).toBe(xml);
    }
    const wang = await documentXml(join(outs.yaml, '2025/区发展和改革局/2025年王建国同志履行全面从严治党第一责任人责任清单.docx'));
    expect(wang).toContain('分管办公室、规划科');
    // the manifest is true: every file it lists exists with its hash
    for (const o of manifestOf(outs.yaml).outputs) {
      for (const f of o.files) expect(createHash('sha256').update(readFileSync(join(outs.yaml, f.path))).digest('hex'), f.path).toBe(f.sha256);
    }
  });

  it('skips unchanged documents on a re-run and says so', async () => {
    const r = await runCli(['batch', '--roster', 'examples/roster.yaml', '--out', outs.yaml]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/完成：共 18 份，写入 0 份，跳过 18 份（输入未变化，文件保持不变），失败 0 份，用时 [\d.]+ 秒。/u);
    expect(r.stderr).toContain('未变化，已跳过：');
    expect(r.stdout).toContain('2025年度区统计局落实全面从严治党重点任务清单.pdf（未变化）');
  });
});

describe('qingdan batch with bad rows', () => {
  /** examples/roster.csv with row 3 missing a leader name, row 5 missing divisions, row 7 a non-number. */
  function badCsv(): string {
    const lines = readFileSync(join(REPO, 'examples/roster.csv'), 'utf8').split('\n');
    const set = (row: number, column: number, value: string): void => {
      const cells = (lines[row - 1] ?? '').split(',');
      cells[column] = value;
      lines[row - 1] = cells.join(',');
    };
    const header = (lines[0] ?? '').replace(/^\uFEFF/u, '').split(',');
    set(3, header.indexOf('班子成员姓名'), '');
    set(5, header.indexOf('分管科室'), '');
    set(7, header.indexOf('每年为所在支部讲党课次数（不少于）'), '零');
    const file = join(work, 'bad-roster.csv');
    writeFileSync(file, lines.join('\n'));
    return file;
  }

  it('writes the good rows, reports all three bad ones with file, row and column, and exits 1', async () => {
    const roster = badCsv();
    const out = join(work, 'bad-out');
    const r = await runCli(['batch', '--roster', roster, '--out', out, '--format', 'docx']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('有 3 处问题');
    expect(r.stderr).toMatch(/bad-roster\.csv 第 3 行 B 列（班子成员姓名）/u);
    expect(r.stderr).toMatch(/bad-roster\.csv 第 5 行 C 列（分管科室）/u);
    expect(r.stderr).toMatch(/bad-roster\.csv 第 7 行 \w+ 列（每年为所在支部讲党课次数（不少于））/u);
    const files = outputs(out);
    expect(files).toContain('2025/区发展和改革局/2025年王建国同志履行全面从严治党第一责任人责任清单.docx');
    expect(files).toContain('2025/区统计局/2025年度区统计局落实全面从严治党重点任务清单.docx');
    expect(files.some((f) => f.includes('陈志刚'))).toBe(false);
    expect(files.some((f) => f.includes('区教育局'))).toBe(false);
    expect(r.stdout).toContain('另有 3 处输入问题');

    const json = await runCli(['batch', '--roster', roster, '--out', out, '--format', 'docx', '--json']);
    expect(json.code).toBe(1);
    const summary = JSON.parse(json.stdout) as Summary;
    expect(summary.ok).toBe(false);
    expect(summary.issues.map((i) => i.where?.row)).toEqual([3, 5, 7]);
    expect(summary.skipped).toBeGreaterThan(0);
  });

  it('exits 2 for a roster that cannot be read at all', async () => {
    const file = join(work, 'not-a-roster.yaml');
    writeFileSync(file, 'a: [1, 2\n');
    const r = await runCli(['batch', '--roster', file, '--out', join(work, 'x')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('不是有效的 YAML');
    expect(existsSync(join(work, 'x'))).toBe(false);
  });
});

describe('qingdan generate', () => {
  const answers = [
    '# 答案文件（一个单位的花名册）',
    'units:',
    '  - 年度: 2024',
    '    单位名称: 区审计局',
    '    本单位党组（党委）: 局党组',
    '    上级党委: 区委',
    '    请示报告的上级机关: 区委',
    '    地方党委（相关规定）: 省委、市委、区委',
    '    领导班子会议名称: 局党组会议',
    '    弘扬的地方精神: 红船精神',
    '    辖区（全区／全市）: 全区',
    '    基层党建融入的重大任务: 审计监督全覆盖',
    '    leaders:',
    '      - leader_name: 钱明同志',
    '        divisions: [办公室, 法规审理科]',
    '',
  ].join('\n');

  it('writes the responsibility list of each leader in an answers file', async () => {
    const file = join(work, 'answers.yaml');
    writeFileSync(file, answers);
    const out = join(work, 'gen');
    const r = await runCli(['generate', '--template', 'responsibility-list', '--answers', file, '--out', out, '--format', 'docx', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as Summary;
    expect(summary.written).toBe(1);
    expect(outputs(out)).toEqual(['2024/区审计局/2024年钱明同志履行全面从严治党重要领导责任清单.docx']);
    const xml = await documentXml(join(out, '2024/区审计局/2024年钱明同志履行全面从严治党重要领导责任清单.docx'));
    expect(xml).toContain('钱明同志根据局党组工作分工，分管办公室、法规审理科');
  });

  it('lists a value changed while reading an answers file (a control character removed) in --json, and writes the document', async () => {
    const file = join(work, 'answers-bell.yaml');
    // with a 职务, so that the only warning is the one this test is about (no “职务 not filled in”)
    writeFileSync(file, answers.replace('上级党委: 区委', '上级党委: "区\\x07委"').replace('      - leader_name: 钱明同志\n', '      - leader_name: 钱明同志\n        position: 党组书记、审计局局长\n'));
    const out = join(work, 'gen-bell');
    const r = await runCli(['generate', '--template', 'responsibility-list', '--answers', file, '--out', out, '--format', 'docx', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as Summary & { warnings: { message: string; where?: { row?: number; column?: number } }[] };
    expect(summary.written).toBe(1);
    expect(summary.warnings.map((w) => [w.message.replace(file, 'answers-bell.yaml'), w.where?.row, w.where?.column])).toEqual([
      ['answers-bell.yaml 第 6 行第 11 列（上级党委）：「上级党委」（superior）中有文档不允许的控制字符 U+0007，已删除。', 6, 11],
    ]);
  });

  it('lists every problem of an answers file in Chinese and exits 2 without writing', async () => {
    const file = join(work, 'bad-answers.yaml');
    writeFileSync(file, answers.replace('年度: 2024', '年度: 明年').replace('        divisions: [办公室, 法规审理科]\n', ''));
    const out = join(work, 'gen-bad');
    const r = await runCli(['generate', '--template', 'responsibility-list', '--answers', file, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('「年度」（year）应为数字');
    // located by line and column, as a roster file's problems are
    expect(r.stderr).toContain('bad-answers.yaml 第 3 行第 9 列（年度）：「年度」（year）应为数字，收到 "明年"。');
    expect(r.stderr).toContain('bad-answers.yaml 第 14 行第 9 列（分管科室）：班子成员「钱明同志」没有填写「分管科室」');
    expect(existsSync(out)).toBe(false);
  });
});
