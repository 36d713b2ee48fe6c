/**
 * `qingdan batch` killed half-way (SIGKILL right after its fifth document is listed, injected with
 * `QINGDAN_FAULT`, not by timing), then run again: every file ends complete, the manifest lists
 * exactly the files on disk, nothing temporary is left, and the documents finished before the kill
 * are skipped.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, listFiles, runCli } from '../apps/cli/test/support/cli.js';

const work = mkdtempSync(join(tmpdir(), 'qingdan-cli-resume-'));
beforeAll(() => assertBuilt());
afterAll(() => rmSync(work, { recursive: true, force: true }));

const documents = (out: string): string[] => listFiles(out).filter((f) => /\.(docx|pdf)$/u.test(f));

describe('qingdan batch killed half-way and run again', () => {
  it('ends with every file complete, the manifest listing exactly the files on disk, the finished ones skipped', async () => {
    const out = join(work, 'out');
    const killed = await runCli(['batch', '--roster', 'examples/roster.yaml', '--out', out, '--jobs', '2'], { env: { QINGDAN_FAULT: 'kill-after-list=5' } });
    expect(killed.signal).toBe('SIGKILL');
    expect(documents(out).length).toBeGreaterThanOrEqual(10);
    expect(documents(out).length).toBeLessThan(36);
    expect(existsSync(join(out, '.qingdan-batch.lock'))).toBe(true);

    const r = await runCli(['batch', '--roster', 'examples/roster.yaml', '--out', out, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as { written: number; skipped: number; notices: string[] };
    expect(summary.skipped).toBe(5);
    expect(summary.written).toBe(13);
    expect(summary.notices.join('\n')).toMatch(/已不在运行，留下的锁已接管/u);
    expect(summary.notices.join('\n')).toMatch(/上次运行在写入途中被中断/u);

    expect(listFiles(out).filter((f) => f !== 'manifest.json')).toEqual(documents(out));
    expect(documents(out)).toHaveLength(36);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { outputs: { files: { path: string; sha256: string }[] }[] };
    const listed = manifest.outputs.flatMap((o) => o.files);
    expect(listed.map((f) => f.path).sort()).toEqual(documents(out));
    for (const f of listed) expect(createHash('sha256').update(readFileSync(join(out, f.path))).digest('hex'), f.path).toBe(f.sha256);

    const third = await runCli(['batch', '--roster', 'examples/roster.yaml', '--out', out]);
    expect(third.code).toBe(0);
    expect(third.stdout).toContain('写入 0 份，跳过 18 份（输入未变化，文件保持不变）');
  });
});
