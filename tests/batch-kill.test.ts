/**
 * Crashes and write errors, injected deterministically through `QINGDAN_FAULT` (no sleeping and
 * killing): a batch killed with SIGKILL at a named point leaves a manifest (with its journal) that
 * lists exactly the complete files, no partial document, and a re-run completes the rest; a full
 * disk on one file fails that document by name and lists nothing that is not on disk.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readManifest } from '@qingdan/store';
import { expectManifestTrue } from '../packages/batch/test/fixtures/manifest.js';

const tmp = mkdtempSync(join(tmpdir(), 'qingdan-kill-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const root = fileURLToPath(new URL('..', import.meta.url));
const child = join(root, 'packages/batch/test/fixtures/run-batch-child.ts');
const LEADERS = 6;
const TOTAL = LEADERS + 2; // leaders + one task list per unit

function files(dir: string, ext: string): string[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith(ext) && statSync(join(dir, f)).isFile())
    .map((f) => f.split(/[\\/]/).join('/'))
    .sort();
}

interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the child batch (`run-batch-child.ts <leaders> <out> <jobs> [fail-all]`) with `QINGDAN_FAULT` = `fault`. */
function runChild(args: string[], fault = ''): Promise<ChildResult> {
  const proc = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', child, ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, QINGDAN_FAULT: fault },
  });
  let stdout = '';
  let stderr = '';
  proc.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    proc.on('error', reject);
    proc.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Every listed file is on disk with its bytes, and every document file on disk is listed. */
async function expectListedIsOnDisk(out: string): Promise<void> {
  const m = expectManifestTrue(out);
  const listed = m.outputs.flatMap((o) => o.files.map((f) => f.path)).sort();
  expect(listed).toEqual([...files(out, '.docx'), ...files(out, '.pdf')].sort());
  expect(files(out, '.tmp')).toEqual([]);
  expect(existsSync(join(out, 'manifest.journal'))).toBe(false);
}

function expectCompletePdfs(out: string): void {
  for (const f of files(out, '.pdf')) {
    const bytes = readFileSync(join(out, f));
    expect(bytes.subarray(0, 5).toString('latin1'), f).toBe('%PDF-');
    expect(bytes.subarray(-7).toString('latin1'), f).toMatch(/%%EOF\s*$/);
  }
}

describe('a batch killed right after its third document is listed', () => {
  it('leaves manifest + journal naming exactly those three; a re-run completes the rest and lists exactly what is on disk', async () => {
    const out = join(tmp, 'after-list');
    const killed = await runChild([String(LEADERS), out, '2'], 'kill-after-list=3');
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.stdout).not.toContain('finished');
    // Killed inside the third listing, before its `done` event: two were reported, three are listed.
    expect(killed.stdout.split('\n').filter((l) => l.startsWith('done '))).toHaveLength(2);
    expect(existsSync(join(out, 'manifest.journal'))).toBe(true);
    // What a reader of the folder sees: the manifest with the killed run's journal folded in.
    const read = await readManifest(out);
    expect(read.journal).toBe(true);
    expect(read.problem).toBeUndefined();
    expect(read.manifest?.outputs).toHaveLength(3);
    for (const o of read.manifest?.outputs ?? []) {
      for (const f of o.files) expect(statSync(join(out, f.path)).size, f.path).toBe(f.bytes);
    }
    expectCompletePdfs(out);

    const rerun = await runChild([String(LEADERS), out, '2']);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stdout).toContain('finished');
    await expectListedIsOnDisk(out);
    expect(files(out, '.pdf')).toHaveLength(TOTAL);
    expect(files(out, '.docx')).toHaveLength(TOTAL);
    expectCompletePdfs(out);
  }, 120_000);
});

describe('a batch killed between renaming a file into place and listing it', () => {
  it('does not list the unlisted file, and the re-run writes it again and lists it', async () => {
    const out = join(tmp, 'after-write');
    const killed = await runChild([String(LEADERS), out, '1'], 'kill-after-write=测试2号同志');
    expect(killed.signal).toBe('SIGKILL');
    const onDisk = files(out, '.docx');
    expect(onDisk.some((f) => f.includes('测试2号同志'))).toBe(true);
    const read = await readManifest(out);
    expect(read.manifest?.outputs.map((o) => o.leader)).toEqual(['测试1号同志']);

    const rerun = await runChild([String(LEADERS), out, '1']);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stdout.split('\n').filter((l) => l.startsWith('done '))).toHaveLength(TOTAL);
    await expectListedIsOnDisk(out);
    expect(files(out, '.pdf')).toHaveLength(TOTAL);
  }, 120_000);
});

describe('a full disk while one file is written', () => {
  it('fails that document naming the file and the reason, keeps its other format, lists only what is on disk', async () => {
    const out = join(tmp, 'disk-full');
    const result = await runChild([String(LEADERS), out, '2'], 'fail-write=测试3号同志履行全面从严治党重要领导责任清单.pdf');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('finished with failures');
    const failed = result.stdout.split('\n').filter((l) => l.startsWith('failed '));
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatch(/测试3号同志: PDF：无法写入文件 .+测试3号同志.+\.pdf：磁盘已满（ENOSPC）。请腾出磁盘空间/);
    await expectListedIsOnDisk(out);
    expect(files(out, '.pdf').some((f) => f.includes('测试3号同志'))).toBe(false);
    expect(files(out, '.docx').some((f) => f.includes('测试3号同志'))).toBe(true);
    expect(files(out, '.pdf')).toHaveLength(TOTAL - 1);
  }, 120_000);
});

describe('a damaged manifest', () => {
  it('is set aside with a notice and rebuilt: the re-run lists exactly the files on disk', async () => {
    const out = join(tmp, 'damaged');
    expect((await runChild(['2', out, '1'])).code).toBe(0);
    writeFileSync(join(out, 'manifest.json'), '{ "schema": "qingdan-manifest/2", "outputs": [ { "key": 1');
    const rerun = await runChild(['2', out, '1']);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(readdirSync(out).some((f) => f.startsWith('manifest.json.damaged-'))).toBe(true);
    await expectListedIsOnDisk(out);
    expect(files(out, '.pdf')).toHaveLength(4);
  }, 120_000);
});

describe('a batch whose every document fails while planned', () => {
  it('ends and its process exits on its own (the workers started ahead are closed), every document reported', async () => {
    const out = join(tmp, 'fail-all');
    const result = await runChild(['4', out, '2', 'fail-all']);
    expect(result.signal).toBeNull();
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('failed '))).toHaveLength(4 + 2); // 4 leaders + 2 unit task lists
    expect(lines.at(-1)).toBe('finished with failures');
    expect(files(out, '.pdf')).toEqual([]);
  }, 60_000);
});
