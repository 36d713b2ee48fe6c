/**
 * The `qingdan` binary's command line: Chinese help, usage errors and exit codes, the interview
 * refusing a non-terminal stdin, `import` and `fonts` wired to their packages.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTemplate } from '@qingdan/engine';
import { assertBuilt, cliEnv, listFiles, REPO, runCli } from '../apps/cli/test/support/cli.js';

const work = mkdtempSync(join(tmpdir(), 'qingdan-cli-basics-'));
beforeAll(() => assertBuilt());
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('qingdan command line', () => {
  it('prints help in Chinese with every command, exit 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^用法： qingdan \[命令\] \[选项\]/u);
    for (const word of ['选项：', '命令：', 'interview', 'generate', 'batch', 'import', 'fonts', 'preview', '退出码']) expect(r.stdout).toContain(word);
    expect(r.stdout).not.toMatch(/Usage:|Options:|Commands:|display help/u);
    const sub = await runCli(['batch', '--help']);
    expect(sub.stdout).toContain('用法： qingdan batch --roster <文件> [选项]');
    expect(sub.stdout).toContain('--jobs <数量>');
  });

  it('reports usage errors in Chinese with exit code 2', async () => {
    const missing = await runCli(['batch']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('错误：缺少必需的选项 --roster <文件>。用 qingdan batch --help 查看用法。');
    const unknown = await runCli(['generate', '--answers', 'x.yaml', '--colour']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('错误：未知的选项 --colour');
    const format = await runCli(['batch', '--roster', 'examples/roster.yaml', '--format', 'odt']);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('--format 只能是 docx、pdf 或 docx,pdf，收到 “odt”');
    // A mistyped command is not handed to interview (the default command) as an extra argument.
    for (const args of [['genrate', '--answers', 'x.yaml'], ['--templates', 'templates', 'genrate']]) {
      const typo = await runCli(args);
      expect(typo.code, args.join(' ')).toBe(2);
      expect(typo.stderr).toContain('没有名为“genrate”的命令。qingdan 的命令有：interview、generate、batch、import、check、fonts、preview、help');
      expect(typo.stderr).not.toContain('参数过多');
    }
  });

  it('refuses the interview without a terminal on stdin, pointing to --answers (exit 2)', async () => {
    for (const args of [['interview'], [], ['--out', work]]) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain('标准输入不是终端：请用 qingdan generate --answers <文件> 生成');
      expect(r.stdout).toBe('');
    }
  });

  it('names a missing answers file (exit 2)', async () => {
    const r = await runCli(['generate', '--answers', join(work, 'nope.yaml'), '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('无法读取答案文件');
    expect(r.stderr).toContain('文件不存在');
    const json = JSON.parse(r.stdout) as { ok: boolean; error: { code: string } };
    expect(json).toMatchObject({ ok: false, exitCode: 2, error: { code: 'IO_FAILED' } });
  });

  it('imports the sample text into two template skeletons, and refuses to overwrite them', async () => {
    const out = join(work, 'imported');
    const r = await runCli(['import', 'seeds/000_6191e73f1c3e00fc.txt', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('找到 2 份清单');
    const files = listFiles(out);
    expect(files).toContain('import-report.md');
    const templates = files.filter((f) => f.endsWith('/template.yaml'));
    expect(templates).toHaveLength(2);
    for (const f of templates) expect(() => parseTemplate(readFileSync(join(out, f), 'utf8'), f)).not.toThrow();
    const again = await runCli(['import', 'seeds/000_6191e73f1c3e00fc.txt', '--out', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('模板文件已存在，未写入任何文件');
  });

  it('lists the font file of every PDF role', async () => {
    const r = await runCli(['fonts', '--json']);
    expect(r.code).toBe(0);
    const { fonts } = JSON.parse(r.stdout) as { fonts: Record<string, { file: string; source: string }> };
    expect(Object.keys(fonts).sort()).toEqual(['body', 'bodyBold', 'heading1', 'heading2', 'pageNumber', 'title']);
    for (const c of Object.values(fonts)) expect(c.file).toMatch(/\.(ttf|otf|ttc)$/iu);
    const text = await runCli(['fonts']);
    expect(text.stdout).toContain('正文（仿宋）：');
    expect(text.stdout).toContain('标题（小标宋）：');
  });
});


describe('proofreading in a batch', () => {
  it('lists leftover placeholders found in the finished documents, writes them, and keeps exit 0', async () => {
    const roster = join(work, 'xx-roster.yaml');
    const text = readFileSync('examples/roster.yaml', 'utf8').replace('基层党建融入的重大任务: 重大项目建设、营商环境优化', '基层党建融入的重大任务: XX');
    expect(text).toContain('基层党建融入的重大任务: XX');
    writeFileSync(roster, text);
    const out = join(work, 'xx-out');
    const r = await runCli(['batch', '--roster', roster, '--out', out, '--format', 'docx', '--template', 'responsibility-list']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('校对提示：4 份清单有 4 处可能需要改正');
    // 王建国同志 is the 主要负责人: his list has 3 more clauses before this one and 2 fewer (8., 9.), so it is 14.
    expect(r.stderr).toContain('王建国同志（区发展和改革局）：[错误] 14.：出现残留的占位符“XX”，应为实际内容');
    expect(r.stderr).toContain('李卫东同志（区发展和改革局）：[错误] 13.：出现残留的占位符“XX”，应为实际内容');
    const json = await runCli(['batch', '--roster', roster, '--out', out, '--format', 'docx', '--template', 'responsibility-list', '--json']);
    const summary = JSON.parse(json.stdout) as { skipped: number; findings: { leader?: string; findings: { rule: string; where: string }[] }[] };
    expect(summary.skipped).toBe(14);
    const placeholderAt = (where: string) => summary.findings.filter((l) => l.findings.some((m) => m.rule === 'placeholder' && m.where === where));
    expect(placeholderAt('13.').map((l) => l.leader)).toEqual(['李卫东同志', '张秀兰同志', '陈志刚同志']);
    expect(placeholderAt('14.').map((l) => l.leader)).toEqual(['王建国同志']);
  });
});
