/**
 * The `qingdan` binary's command line: Chinese help, usage errors and exit codes, the interview
 * refusing a non-terminal stdin, `import` and `fonts` wired to their packages.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORKER_YOUNG_GENERATION_MB } from '@qingdan/batch';
import { parseTemplate } from '@qingdan/engine';
import { assertBuilt, CLI_BIN, CLI_NODE_FLAGS, cliEnv, listFiles, REPO, runCli, shebangNodeFlags } from '../apps/cli/test/support/cli.js';

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

  it('runs from its first line as a shell does, with the Node options that line gives (the npm scripts give the same)', async () => {
    // The built file keeps the source's first line (tsc copies it).
    expect(shebangNodeFlags(CLI_BIN)).toEqual(CLI_NODE_FLAGS);
    expect(CLI_NODE_FLAGS).toContain('--v8-pool-size=1');
    // The npm scripts that run the built CLI (`example`, `preview`) give Node the same options: a
    // fresh clone has no `qingdan` on its PATH (npm links bins at install, before the build).
    const scripts = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    const runs = Object.entries(scripts).flatMap(([name, line]) => [...line.matchAll(/node((?: --[\w-]+(?:=\S+)?)*) apps\/cli\/dist\/bin\.js/gu)].map((m) => [name, m[1] ?? ''] as const));
    expect(runs.map(([name]) => name).sort()).toEqual(['example', 'preview']);
    for (const [name, flags] of runs) expect(flags.split(' ').filter(Boolean), name).toEqual(CLI_NODE_FLAGS);
    // The kernel runs `/usr/bin/env` with the rest of the line as one argument, then the file and
    // its arguments; the preloaded module prints the options Node was started with.
    const rest = (readFileSync(CLI_BIN, 'utf8').split('\n', 1)[0] ?? '').slice('#!/usr/bin/env '.length);
    const probe = join(work, 'execargv.mjs');
    writeFileSync(probe, "process.stderr.write('EXECARGV' + JSON.stringify(process.execArgv) + '\\n');\n");
    const r = spawnSync('/usr/bin/env', [rest, CLI_BIN, '--help'], { encoding: 'utf8', env: cliEnv({ NODE_OPTIONS: `--import=${pathToFileURL(probe).href}` }) });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^用法： qingdan \[命令\]/u);
    expect(JSON.parse(/EXECARGV(.*)/.exec(r.stderr)?.[1] ?? 'null')).toEqual(CLI_NODE_FLAGS);
  });

  it('gives the main thread the young generation of a batch worker (--max-semi-space-size)', () => {
    // V8 applies --max-semi-space-size to every thread's heap, in place of a worker's own
    // young-generation limit: the executable's value must be the semi-space size that
    // WORKER_YOUNG_GENERATION_MB gives a worker, or it would change the workers' measured setting.
    // The probe keeps 1,000,000 small objects, so V8 grows the new space as far as it may, and
    // reports the largest semi-space (half the new space) it saw, in MB, in the main thread and
    // in a worker started as the batch pool starts its workers.
    const probe = join(work, 'semi-space.cjs');
    const measure = `
const v8 = require('node:v8');
let max = 0; const keep = [];
for (let i = 0; i < 1e6; i++) {
  keep.push({ i, s: 'x' + i });
  if (i % 5000 === 0) max = Math.max(max, v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size);
}
max / 2 / 1048576;`;
    writeFileSync(
      probe,
      `const { Worker } = require('node:worker_threads');
const measure = ${JSON.stringify(measure)};
const mainSemi = eval(measure);
const w = new Worker("require('node:worker_threads').parentPort.postMessage(eval(" + JSON.stringify(measure) + '))', { eval: true, resourceLimits: { maxYoungGenerationSizeMb: ${WORKER_YOUNG_GENERATION_MB} } });
w.once('message', (workerSemi) => { process.stdout.write(JSON.stringify({ mainSemi, workerSemi })); void w.terminate(); });
`,
    );
    const semiSpaces = (flags: readonly string[]): { mainSemi: number; workerSemi: number } => {
      const r = spawnSync(process.execPath, [...flags, probe], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as { mainSemi: number; workerSemi: number };
    };
    const flag = CLI_NODE_FLAGS.find((f) => f.startsWith('--max-semi-space-size='));
    expect(flag).toBeDefined();
    // Without options: the worker's own limit (the main thread's depends on the machine's memory:
    // 16 MB semi-spaces on this 24 GiB machine).
    const worker = semiSpaces([]).workerSemi;
    expect(worker).toBe(8);
    expect(Number(flag?.split('=')[1])).toBe(worker);
    // With the executable's options: the main thread stops where a worker does, and the workers
    // are what they were.
    expect(semiSpaces(CLI_NODE_FLAGS)).toEqual({ mainSemi: worker, workerSemi: worker });
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
      expect(typo.stderr).toContain('没有名为“genrate”的命令。qingdan 的命令有：interview、generate、batch、import、fonts、preview、help');
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
    expect(r.stderr).toContain('王建国同志（区发展和改革局）：[错误] 13.：出现残留占位符“XX”，应填写实际内容');
    const json = await runCli(['batch', '--roster', roster, '--out', out, '--format', 'docx', '--template', 'responsibility-list', '--json']);
    const summary = JSON.parse(json.stdout) as { skipped: number; lint: { leader?: string; messages: { rule: string; where: string }[] }[] };
    expect(summary.skipped).toBe(14);
    expect(summary.lint.filter((l) => l.messages.some((m) => m.rule === 'no-placeholder' && m.where === '13.'))).toHaveLength(4);
  });
});
