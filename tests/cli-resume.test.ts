/**
 * A batch killed half-way through the `qingdan` binary, then run again: every file ends complete,
 * the manifest is true, nothing temporary is left, and the documents finished before the kill
 * are skipped.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, cliArgv, cliEnv, listFiles, REPO, runCli } from '../apps/cli/test/support/cli.js';

const work = mkdtempSync(join(tmpdir(), 'qingdan-cli-resume-'));
beforeAll(() => assertBuilt());
afterAll(() => rmSync(work, { recursive: true, force: true }));

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const finished = (out: string): string[] => listFiles(out).filter((f) => /\.(docx|pdf)$/u.test(f));
/** Documents the manifest lists now (0 while there is none or it is being replaced). */
function listedCount(out: string): number {
  try {
    return (JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { outputs: unknown[] }).outputs.length;
  } catch {
    return 0;
  }
}

describe('qingdan batch killed half-way and run again', () => {
  it('ends with every file complete and the manifest true', async () => {
    const out = join(work, 'out');
    const args = cliArgv(['batch', '--roster', 'examples/roster.yaml', '--out', out, '--jobs', '1']);
    // its own process group, so the kill reaches any worker it started
    const child = spawn(process.execPath, args, { cwd: REPO, env: cliEnv(), stdio: 'ignore', detached: true });
    const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_code, signal) => r(signal)));
    // Killed once some documents are listed in the manifest (written every 300 ms or more while
    // documents are made): those must be skipped by the next run; later ones are made again.
    const deadline = Date.now() + 60_000;
    while ((finished(out).length < 6 || listedCount(out) === 0) && Date.now() < deadline) await sleep(20);
    const before = finished(out).length;
    process.kill(-(child.pid as number), 'SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(before).toBeGreaterThanOrEqual(6);
    expect(before).toBeLessThan(36);

    const r = await runCli(['batch', '--roster', 'examples/roster.yaml', '--out', out, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as { written: number; skipped: number };
    expect(summary.written + summary.skipped).toBe(18);
    expect(summary.skipped).toBeGreaterThan(0);
    expect(summary.written).toBeGreaterThan(0);

    const files = listFiles(out);
    expect(files.filter((f) => f !== 'manifest.json')).toEqual(finished(out));
    expect(finished(out)).toHaveLength(36);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { outputs: { files: { path: string; sha256: string }[] }[] };
    const listed = manifest.outputs.flatMap((o) => o.files);
    expect(listed.map((f) => f.path).sort()).toEqual(finished(out));
    for (const f of listed) expect(createHash('sha256').update(readFileSync(join(out, f.path))).digest('hex'), f.path).toBe(f.sha256);

    const third = await runCli(['batch', '--roster', 'examples/roster.yaml', '--out', out]);
    expect(third.code).toBe(0);
    expect(third.stdout).toContain('写入 0 份，跳过 18 份（输入未变化，文件保持不变）');
  });
});
