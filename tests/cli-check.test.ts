/**
 * `qingdan check` end to end through the built binary: the sample text declared as a 内蒙古
 * district bureau (the case), the same text as a .docx made here with the docx library,
 * every document the example roster gives (no false alarm, with --province 浙江 and with
 * --roster), and the exit codes of bad flags and unreadable files.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LintFinding } from '@qingdan/model';
import { assertBuilt, runCli } from '../apps/cli/test/support/cli.js';
import { SEED_FILE } from './fixtures/seed-corrections.js';

const work = mkdtempSync(join(tmpdir(), 'qingdan-cli-check-'));
beforeAll(() => assertBuilt());
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface CheckJson {
  ok: boolean;
  exitCode: number;
  findings: (LintFinding & { file: string })[];
  files: { file: string; format: string; paragraphs: number; context: Record<string, string | number>; note?: string }[];
  errors: { file: string; code: string; message: string }[];
}
const parse = (stdout: string): CheckJson => JSON.parse(stdout) as CheckJson;
const DECLARED = ['--province', '内蒙古', '--unit', '区发展和改革局'];

describe('qingdan check on the sample text, declared as a 内蒙古 district bureau', () => {
  it('reports 新时代贵州精神, 校领导班子, ，， and the XX leftovers with their lines, and exits 1', async () => {
    const r = await runCli(['check', SEED_FILE, ...DECLARED]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain('地区：内蒙古；单位：区发展和改革局（机关，级别未定：自治区中的“区”也可指自治区，请用 --level 写明）；年度：2023（取自标题）');
    expect(r.stdout).toContain('[警告] 第 60 行：出现外省的地方精神“新时代贵州精神”（贵州），本清单的地区是内蒙古：应为本地的提法，或删去');
    expect(r.stdout).toContain('[警告] 第 50 行：出现学校的用语“校领导班子”，本单位是机关（区发展和改革局）');
    expect(r.stdout).toContain('[错误] 第 59 行：出现重复的标点“，，”，应为“，”（…中央各项惠民政策，，不断增强群众的获…） doubled-punctuation');
    expect(r.stdout).toContain('[错误] 第 42 行：出现残留的占位符“XX”，应为实际内容（….自觉接受党中央XX委领导，在大局下…） placeholder');
    expect(r.stdout).toMatch(/共校对 1 个文件：\d+ 处错误、\d+ 处警告、1 条提示。\n$/u);
  });

  it('prints the findings as JSON: rule, severity, message, paragraph, offset, the matched text, suggestion', async () => {
    const r = await runCli(['check', SEED_FILE, ...DECLARED, '--json']);
    expect(r.code).toBe(1);
    const json = parse(r.stdout);
    expect(json).toMatchObject({ ok: false, exitCode: 1, errors: [] });
    expect(json.files).toEqual([
      { file: 'seeds/000_6191e73f1c3e00fc.txt', format: 'utf-8', paragraphs: 67, context: { province: '内蒙古', unit: '区发展和改革局', year: 2023, organ: '机关' } },
    ]);
    const lines = readFileSync(SEED_FILE, 'utf8').split('\n');
    const at = (line: number, text: string): { paragraph: number; offset: number } => ({
      paragraph: lines.slice(0, line).filter((l) => l.trim() !== '').length,
      offset: lines[line - 1]?.indexOf(text) ?? -1,
    });
    const pick = (rule: string): unknown[] => json.findings.filter((f) => f.rule === rule).map(({ rule: r2, severity, paragraph, offset, text, suggestion }) => ({ rule: r2, severity, paragraph, offset, text, suggestion }));
    expect(pick('regional-slogan')).toEqual([{ rule: 'regional-slogan', severity: 'warning', ...at(60, '新时代贵州精神'), text: '新时代贵州精神', suggestion: undefined }]);
    expect(pick('organ-mismatch')).toEqual([{ rule: 'organ-mismatch', severity: 'warning', ...at(50, '校领导班子'), text: '校领导班子', suggestion: undefined }]);
    expect(pick('doubled-punctuation')).toEqual([{ rule: 'doubled-punctuation', severity: 'error', ...at(59, '，，'), text: '，，', suggestion: '，' }]);
    expect(json.findings.filter((f) => f.rule === 'placeholder').map((f) => [f.where, f.text])).toHaveLength(13);
    expect(json.findings.filter((f) => f.rule === 'placeholder').every((f) => f.text === 'XX' && f.severity === 'error')).toBe(true);
    for (const { file, ...f } of json.findings) {
      expect(file).toBe('seeds/000_6191e73f1c3e00fc.txt');
      expect(LintFinding.parse(f)).toEqual(f);
    }
  });

  it('gives the same findings for the same text saved as a .docx made with the docx library', async () => {
    const docx = join(work, '范文.docx');
    const lines = readFileSync(SEED_FILE, 'utf8').split(/\r?\n/u);
    const doc = new Document({ sections: [{ children: lines.map((l) => new Paragraph({ children: [new TextRun(l)] })) }] });
    writeFileSync(docx, await Packer.toBuffer(doc));
    const [fromTxt, fromDocx] = await Promise.all([runCli(['check', SEED_FILE, ...DECLARED, '--json']), runCli(['check', docx, ...DECLARED, '--json'])]);
    expect(fromDocx.code).toBe(1);
    const comparable = (j: CheckJson): unknown[] => j.findings.map(({ rule, severity, message, paragraph, offset, text, suggestion, excerpt }) => ({ rule, severity, message, paragraph, offset, text, suggestion, excerpt }));
    expect(comparable(parse(fromDocx.stdout))).toEqual(comparable(parse(fromTxt.stdout)));
    expect(parse(fromDocx.stdout).files[0]).toMatchObject({ format: 'docx', paragraphs: 67 });
    expect(parse(fromDocx.stdout).findings.find((f) => f.rule === 'doubled-punctuation')?.where).toBe('第 57 段');
  });
});

describe('qingdan check on every document of the example roster', () => {
  const out = join(work, 'out');
  beforeAll(async () => {
    const r = await runCli(['batch', '--roster', 'examples/roster.yaml', '--out', out, '--format', 'docx', '--json']);
    expect(r.code, r.stderr).toBe(0);
  }, 120_000);

  it('with --province 浙江: finds nothing and exits 0', async () => {
    const r = await runCli(['check', out, '--province', '浙江', '--json']);
    const json = parse(r.stdout);
    expect(json.files).toHaveLength(18);
    expect(json.findings).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('with --roster: each document is checked against its own unit, leader, year and province', async () => {
    const r = await runCli(['check', out, '--roster', 'examples/roster.yaml', '--json']);
    const json = parse(r.stdout);
    expect(json.findings).toEqual([]);
    expect(r.code).toBe(0);
    const wang = json.files.find((f) => f.file.endsWith('2025年王建国同志履行全面从严治党第一责任人责任清单.docx'));
    expect(wang?.context).toEqual({ province: '浙江', unit: '区发展和改革局', leader: '王建国', year: 2025, level: '区', organ: '机关' });
    expect(json.files.filter((f) => f.note !== undefined)).toEqual([]);
  });

  it('with --roster, matches a file by the unit folder it is in, and the flags win over the roster', async () => {
    const moved = join(work, 'moved', '2025', '区教育局');
    const source = join(out, '2025', '区统计局', '2025年度区统计局落实全面从严治党重点任务清单.docx');
    const { mkdirSync, copyFileSync } = await import('node:fs');
    mkdirSync(moved, { recursive: true });
    copyFileSync(source, join(moved, '清单.docx'));
    const r = await runCli(['check', join(work, 'moved'), '--roster', 'examples/roster.yaml', '--province', '内蒙古', '--json']);
    const json = parse(r.stdout);
    expect(json.files[0]?.context).toMatchObject({ unit: '区教育局', province: '内蒙古' });
    // the flags win over the roster: 浙江 in the text is now foreign
    expect(json.findings.filter((f) => f.rule === 'foreign-place').map((f) => f.text)).toEqual(['浙江']);
    expect(r.code).toBe(1);
  });
});

describe('qingdan check: usage and unreadable input', () => {
  it('exits 2 with a Chinese message for a bad level, an unknown province and a missing file', async () => {
    const level = await runCli(['check', SEED_FILE, '--level', '乡']);
    expect([level.code, level.stderr.trim()]).toEqual([2, '用法错误：--level 应为 省、市、县、区 之一，收到“乡”。']);
    const province = await runCli(['check', SEED_FILE, '--province', '火星']);
    expect(province.code).toBe(2);
    expect(province.stderr).toContain('--province：没有名为“火星”的省级行政区');
    const missing = await runCli(['check', join(work, 'nope.docx')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('找不到');
  });

  it('checks the readable files, reports the unreadable one, and exits 2', async () => {
    const pdf = join(work, 'scan.pdf.txt');
    writeFileSync(pdf, '%PDF-1.7 binary');
    const good = join(work, 'good.txt');
    writeFileSync(good, '2025年度重点任务清单\n一、总体要求\n');
    const r = await runCli(['check', good, pdf, '--json']);
    expect(r.code).toBe(2);
    const json = parse(r.stdout);
    expect(json.files.map((f) => f.paragraphs)).toEqual([2]);
    expect(json.errors).toEqual([{ file: expect.stringMatching(/scan\.pdf\.txt$/u), code: 'IMPORT_FAILED', message: expect.stringContaining('是PDF 文件，无法直接读取') }]);
  });

  it('exits 0 on a clean list, and on one with hints (info) only', async () => {
    const clean = join(work, 'clean.txt');
    writeFileSync(clean, '2025年度重点任务清单\n一、总体要求\n1.深入学习党的二十大精神。\n2.持续做好疫情防控工作。\n');
    const r = await runCli(['check', clean, '--province', '浙江', '--unit', '区统计局']);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toContain('  没有发现问题');
    writeFileSync(clean, '2025年度重点任务清单\n一、总体要求\n1.深入学习党的十九大精神。\n');
    const hint = await runCli(['check', clean]);
    expect(hint.code).toBe(0);
    expect(hint.stdout).toContain('[提示] 第 3 行：出现已被取代的提法“党的十九大精神”，应为“党的二十大精神”');
  });
});
