/**
 * The interview run for real in a pseudo-terminal (script(1)): keystrokes in, documents and a
 * saved answers file out; Ctrl+C prints 已取消, exits 130 and leaves no file; a batch draws its
 * progress bar.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadTemplates } from '@qingdan/template-files';
import { assertBuilt, listFiles, REPO, runCli } from '../apps/cli/test/support/cli.js';
import { drivePty } from '../apps/cli/test/support/pty.js';
import { describeWithTools } from './support/tools.js';

const work = mkdtempSync(join(tmpdir(), 'qingdan-cli-pty-'));
beforeAll(() => assertBuilt());
afterAll(() => rmSync(work, { recursive: true, force: true }));

const templates = [...loadTemplates(join(REPO, 'templates')).values()];
/** The sample text's value for each label, typed for prompts without a default. */
const examples = new Map(
  templates.flatMap((t) => t.variables).map((v) => [v.label, Array.isArray(v.example) ? v.example.join('、') : String(v.example)]),
);

function typed(prompt: string, leaders: string[]): string | undefined {
  if (prompt.startsWith('要生成哪些清单')) return '\r';
  if (prompt.startsWith('年度')) return '2024\r';
  if (prompt.startsWith('单位名称')) return '区审计局\r';
  if (prompt.startsWith('班子成员姓名')) return `${leaders.shift() ?? '某某同志'}\r`;
  // the first leader is the unit's 主要负责人, the second a 班子成员; 责任类别 keeps its default 按职务确定
  if (prompt.startsWith('职务')) return leaders.length > 0 ? '党组书记、局长\r' : '党组成员、副局长\r';
  if (prompt.startsWith('责任类别')) return '\r';
  if (prompt.startsWith('分管科室（')) return leaders.length > 0 ? '办公室、法规审理科\r' : '财务科\r';
  if (/^分管科室：第 3 项/u.test(prompt)) return '督查室\r';
  if (/：第 \d+ 项/u.test(prompt)) return '\r';
  if (prompt.startsWith('再添加一位班子成员')) return leaders.length > 0 ? 'y\r' : 'n\r';
  if (prompt.startsWith('以上信息无误')) return '\r';
  // other prompts: accept the default, or type the sample text's value when there is none
  if (/\(.*\)\s*$/u.test(prompt) || /[（(][Yy是]\/[nN否][)）]|是\/否|[yY]\/[nN]/u.test(prompt)) return '\r';
  const label = [...examples.keys()].sort((a, b) => b.length - a.length).find((l) => prompt.startsWith(l));
  return label ? `${examples.get(label) ?? ''}\r` : '\r';
}

describeWithTools(['script'], 'qingdan interview in a pseudo-terminal', () => {
  it('asks, summarises, writes the documents and saves answers that generate accepts', async () => {
    const out = join(work, 'out');
    const leaders = ['钱明同志', '孙红同志'];
    const session = await drivePty(['interview', '--out', out, '--format', 'docx'], (p) => typed(p, leaders), { timeoutMs: 90_000 });
    expect(session.code, session.screen.slice(-2000)).toBe(0);
    expect(session.prompts[0]).toMatch(/^要生成哪些清单/u);
    expect(session.prompts.filter((p) => p.startsWith('班子成员姓名'))).toHaveLength(2);
    expect(session.prompts.filter((p) => p.startsWith('年度'))).toHaveLength(1);
    expect(session.screen).toContain('【请核对】');
    expect(session.screen).toContain('将生成：');
    expect(session.screen).toContain('分管科室：办公室、法规审理科、督查室');
    const files = listFiles(out);
    expect(files).toEqual([
      '2024/区审计局/2024年度区审计局落实全面从严治党重点任务清单.docx',
      '2024/区审计局/2024年孙红同志履行全面从严治党重要领导责任清单.docx',
      '2024/区审计局/2024年钱明同志履行全面从严治党第一责任人责任清单.docx',
      '2024/区审计局/answers.yaml',
      'manifest.json',
    ].sort());
    const saved = readFileSync(join(out, '2024/区审计局/answers.yaml'), 'utf8');
    expect(saved).toContain('leader_name: 钱明同志');
    // what was saved regenerates the same documents: unchanged, so skipped
    const again = await runCli(['generate', '--answers', join(out, '2024/区审计局/answers.yaml'), '--out', out, '--format', 'docx', '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ written: 0, skipped: 3 });
    // … and it is a one-unit roster too
    const roster = await runCli(['batch', '--roster', join(out, '2024/区审计局/answers.yaml'), '--out', out, '--format', 'docx', '--json']);
    expect(roster.code, roster.stdout + roster.stderr).toBe(0);
    expect(JSON.parse(roster.stdout)).toMatchObject({ written: 0, skipped: 3, issues: [] });
  });

  it('on Ctrl+C prints 已取消, exits 130 and leaves no file', async () => {
    const out = join(work, 'cancelled');
    let n = 0;
    const session = await drivePty(['interview', '--out', out], (p) => {
      n += 1;
      return n < 4 ? typed(p, ['钱明同志']) : '\u0003';
    });
    expect(session.code).toBe(130);
    expect(session.screen).toContain('已取消');
    expect(existsSync(out)).toBe(false);
  });

  it('draws a progress bar for a batch on a terminal, with the counts of the run', async () => {
    const out = join(work, 'batch-bar');
    const session = await drivePty(['batch', '--roster', 'examples/roster.yaml', '--format', 'docx', '--out', out], () => undefined);
    expect(session.code).toBe(0);
    // the bar's last state: 4 task lists + 14 responsibility lists, all written
    expect(session.screen).toMatch(/18\/18 \| 写入 18 · 跳过 0 · 失败 0 \|/u);
    expect(session.screen).not.toContain('共 18 份清单待处理。'); // the line printed without a terminal
  });
});
