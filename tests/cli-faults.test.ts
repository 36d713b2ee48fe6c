/**
 * `qingdan batch` under faults, as a user meets them: output that closes early, Ctrl+C and
 * SIGTERM, an output folder that cannot be made, a full disk, a file edited by hand. Faults are
 * injected deterministically (`QINGDAN_FAULT`, see `@qingdan/store`), never by timing. Each test
 * checks the exit status, the message (Chinese, with the path and the reason, no stack trace) and
 * the files on disk against the manifest.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, cliArgv, cliEnv, listFiles, REPO, runCli } from '../apps/cli/test/support/cli.js';

const work = mkdtempSync(join(tmpdir(), 'qingdan-cli-faults-'));
beforeAll(() => assertBuilt());
afterAll(() => rmSync(work, { recursive: true, force: true }));

const ROSTER = ['--roster', 'examples/roster.yaml'];
const documents = (out: string): string[] => listFiles(out).filter((f) => /\.(docx|pdf)$/u.test(f));

/** The manifest lists exactly the document files on disk, each with its bytes; no lock, journal or temporary file is left. */
function expectTrueFolder(out: string): { outputs: { key: string; files: { path: string }[] }[] } {
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { outputs: { key: string; files: { path: string; sha256: string; bytes: number }[] }[] };
  const listed = manifest.outputs.flatMap((o) => o.files);
  expect(listed.map((f) => f.path).sort()).toEqual(documents(out));
  for (const f of listed) expect(createHash('sha256').update(readFileSync(join(out, f.path))).digest('hex'), f.path).toBe(f.sha256);
  expect(listFiles(out).filter((f) => f.endsWith('.tmp') || f.endsWith('.lock') || f.endsWith('.journal'))).toEqual([]);
  return manifest;
}

describe('output that closes early (qingdan batch … | head -1)', () => {
  it('does not stop or falsify the work: every document is written and listed, exit 0, no lock left', async () => {
    const out = join(work, 'epipe');
    const child = spawn(process.execPath, cliArgv(['batch', ...ROSTER, '--out', out]), { cwd: REPO, env: cliEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    // The reader goes away after the first bytes, as `head -1` does.
    const close = (): void => {
      child.stdout?.destroy();
      child.stderr?.destroy();
    };
    child.stdout?.once('data', close);
    child.stderr?.once('data', close);
    const code = await new Promise<number | null>((r) => child.on('close', (c) => r(c)));
    expect(code).toBe(0);
    expect(documents(out)).toHaveLength(36);
    expectTrueFolder(out);
  });
});

describe('a stop by signal', () => {
  it('SIGTERM: exit 143, the documents written so far complete and listed, a re-run completes the rest', async () => {
    const out = join(work, 'sigterm');
    const r = await runCli(['batch', ...ROSTER, '--out', out, '--jobs', '2'], { env: { QINGDAN_FAULT: 'signal-after-list=SIGTERM@3' } });
    expect(r.code, r.stderr).toBe(143);
    expect(r.stderr).toContain('已取消：已写入的文件完整，并已记入清单记录；再次运行会补齐其余的。');
    const m = expectTrueFolder(out);
    expect(m.outputs.length).toBeGreaterThanOrEqual(3);
    expect(m.outputs.length).toBeLessThan(18);
    const again = await runCli(['batch', ...ROSTER, '--out', out]);
    expect(again.code, again.stderr).toBe(0);
    expect(documents(out)).toHaveLength(36);
    expectTrueFolder(out);
  });

  it('Ctrl+C (SIGINT): exit 130, nothing partial', async () => {
    const out = join(work, 'sigint');
    const r = await runCli(['batch', ...ROSTER, '--out', out, '--jobs', '1'], { env: { QINGDAN_FAULT: 'signal-after-list=SIGINT@2' } });
    expect(r.code, r.stderr).toBe(130);
    expect(expectTrueFolder(out).outputs.length).toBeGreaterThanOrEqual(2);
  });
});

describe('file-system errors', () => {
  it('an output folder that cannot be made: exit 2, the path and the reason in Chinese, no stack trace (unless --debug)', async () => {
    const file = join(work, 'a-file');
    writeFileSync(file, '');
    const r = await runCli(['batch', ...ROSTER, '--out', join(file, 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`错误 [IO_FAILED]：无法创建输出文件夹 ${join(file, 'out')}：路径中有一部分不是文件夹（是一个文件）（ENOTDIR）。请换一个输出文件夹（--out），或移走同名的文件。`);
    expect(r.stderr).not.toMatch(/\n\s+at /u);
    const debug = await runCli(['--debug', 'batch', ...ROSTER, '--out', join(file, 'out')]);
    expect(debug.code).toBe(2);
    expect(debug.stderr).toMatch(/\n\s+at /u);
  });

  it('a full disk on one file: exit 1, the file and the reason named, that file not listed, the others written', async () => {
    const out = join(work, 'disk-full');
    const r = await runCli(['batch', ...ROSTER, '--out', out, '--json'], { env: { QINGDAN_FAULT: 'fail-write=2025年李卫东同志履行全面从严治党重要领导责任清单.pdf' } });
    expect(r.code, r.stderr).toBe(1);
    const summary = JSON.parse(r.stdout) as { ok: boolean; written: number; failed: { leader?: string; message: string }[] };
    expect(summary.ok).toBe(false);
    expect(summary.written).toBe(17);
    expect(summary.failed).toHaveLength(1);
    expect(summary.failed[0]?.leader).toBe('李卫东同志');
    expect(summary.failed[0]?.message).toMatch(/^PDF：无法写入文件 .+李卫东同志.+\.pdf：磁盘已满（ENOSPC）。请腾出磁盘空间，或换一个输出文件夹（--out）。$/u);
    expect(documents(out).filter((f) => f.includes('李卫东同志'))).toEqual(['2025/区发展和改革局/2025年李卫东同志履行全面从严治党重要领导责任清单.docx']);
    expectTrueFolder(out);
  });
});

describe('a character no font has (an emoji in a name)', () => {
  it('writes the DOCX (Word and WPS find a font), fails the PDF naming the character and its code point, exit 1', async () => {
    const out = join(work, 'emoji');
    const roster = join(work, 'emoji.yaml');
    writeFileSync(roster, readFileSync(join(REPO, 'examples/roster.yaml'), 'utf8').replace('王建国同志', '王建国😀同志'));
    const r = await runCli(['batch', '--roster', roster, '--out', out, '--template', 'responsibility-list', '--json']);
    expect(r.code, r.stderr).toBe(1);
    const summary = JSON.parse(r.stdout) as { written: number; failed: { leader?: string; message: string }[] };
    expect(summary.written).toBe(13);
    expect(summary.failed.map((f) => f.leader)).toEqual(['王建国😀同志']);
    expect(summary.failed[0]?.message).toMatch(/^PDF：无法生成 PDF「2025年王建国😀同志履行全面从严治党第一责任人责任清单」：字体中没有字符 「😀」（U\+1F600）/u);
    expect(documents(out).filter((f) => f.includes('王建国'))).toEqual(['2025/区发展和改革局/2025年王建国😀同志履行全面从严治党第一责任人责任清单.docx']);
    expectTrueFolder(out);
  });
});

describe('a file edited by hand after it was written', () => {
  it('is kept, never overwritten: the new version goes beside it, a notice (not a failure), exit 0; --force overwrites', async () => {
    const out = join(work, 'edited');
    expect((await runCli(['batch', ...ROSTER, '--out', out, '--format', 'docx'])).code).toBe(0);
    const edited = join(out, '2025/区统计局/2025年何丽娟同志履行全面从严治党第一责任人责任清单.docx');
    appendFileSync(edited, 'edited in Word');
    const before = readFileSync(edited);
    // A change of the roster that would re-render that document:
    const roster = join(work, 'edited-roster.yaml');
    const text = readFileSync(join(REPO, 'examples/roster.yaml'), 'utf8').replace('分管科室: [办公室, 综合统计科]', '分管科室: [办公室, 综合统计科, 统计督察科]');
    expect(text).toContain('统计督察科');
    writeFileSync(roster, text);
    const r = await runCli(['batch', '--roster', roster, '--out', out, '--format', 'docx']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('注意：「2025/区统计局/2025年何丽娟同志履行全面从严治党第一责任人责任清单.docx」在生成后被修改过（可能是手工编辑），已保留不覆盖；新版本写入「2025/区统计局/2025年何丽娟同志履行全面从严治党第一责任人责任清单 (2).docx」。');
    expect(readFileSync(edited).equals(before)).toBe(true);
    expect(existsSync(join(out, '2025/区统计局/2025年何丽娟同志履行全面从严治党第一责任人责任清单 (2).docx'))).toBe(true);
    const forced = await runCli(['batch', '--roster', roster, '--out', out, '--format', 'docx', '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(edited).equals(before)).toBe(false);
  });
});
