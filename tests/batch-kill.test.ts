/**
 * A batch killed with SIGKILL half-way, then run again, ends with every file complete and the
 * manifest true; the manifest is true even right after the kill, and no temporary file is left.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { planBatch, runBatch } from '@qingdan/batch';
import { expectManifestTrue } from '../packages/batch/test/fixtures/manifest.js';
import { makeRoster, shippedTemplates, templatesDir } from '../packages/batch/test/fixtures/roster.js';

const tmp = mkdtempSync(join(tmpdir(), 'qingdan-kill-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const root = fileURLToPath(new URL('..', import.meta.url));
const child = join(root, 'packages/batch/test/fixtures/run-batch-child.ts');
const LEADERS = 10;

function files(dir: string, ext: string): string[] {
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith(ext) && statSync(join(dir, f)).isFile());
}

/** Starts the child batch (`run-batch-child.ts <leaders> <out> <jobs> [fail-all]`); its output is collected in `output`. */
function startChild(args: string[]): { proc: ReturnType<typeof spawn>; output: { stdout: string; stderr: string } } {
  const proc = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', child, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = { stdout: '', stderr: '' };
  proc.stdout?.on('data', (d: Buffer) => (output.stdout += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (output.stderr += d.toString()));
  return { proc, output };
}

/** Runs the child batch and kills it with SIGKILL once `after` PDFs are complete under their final names. */
function runAndKill(out: string, after: number): Promise<{ killed: boolean; finished: boolean }> {
  return new Promise((resolve, reject) => {
    const { proc, output } = startChild([String(LEADERS), out, '2']);
    let killed = false;
    const timer = setInterval(() => {
      if (!killed && files(out, '.pdf').length >= after) {
        killed = proc.kill('SIGKILL');
      }
    }, 10);
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      clearInterval(timer);
      if (signal !== 'SIGKILL' && code !== 0) reject(new Error(`child failed (${code}): ${output.stderr}`));
      else resolve({ killed: signal === 'SIGKILL', finished: output.stdout.includes('finished') });
    });
  });
}

describe('a batch killed half-way', () => {
  it('leaves a true manifest and no partial document; a re-run completes every file', async () => {
    const out = join(tmp, 'out');
    const total = LEADERS + 2; // leaders + one task list per unit
    const { killed, finished } = await runAndKill(out, 3);
    expect(killed).toBe(true);
    expect(finished).toBe(false);
    const pdfsAfterKill = files(out, '.pdf').length;
    expect(pdfsAfterKill).toBeGreaterThanOrEqual(3);
    expect(pdfsAfterKill).toBeLessThan(total);
    // The manifest is written before the first document is rendered, so it is there after the
    // kill; whatever it lists is true (it may list fewer documents than exist).
    expect(existsSync(join(out, 'manifest.json'))).toBe(true);
    expect(expectManifestTrue(out).outputs.length).toBeLessThanOrEqual(pdfsAfterKill);
    // Every document under its final name is complete (written to a temporary name, then renamed).
    for (const f of files(out, '.pdf')) expect(readFileSync(join(out, f)).subarray(-7).toString('latin1'), f).toMatch(/%%EOF\s*$/);

    const templates = shippedTemplates();
    const names = Array.from({ length: LEADERS }, (_, i) => `测试${i + 1}号同志`);
    const roster = makeRoster(templates, [names.slice(0, LEADERS / 2), names.slice(LEADERS / 2)]);
    const summary = await runBatch({ jobs: planBatch(roster, templates), templates, templatesDir, outDir: out, formats: ['docx', 'pdf'], concurrency: 2 });
    expect(summary.failed).toEqual([]);
    expect(summary.written + summary.skipped).toBe(total);
    expect(summary.written).toBeGreaterThan(0);

    const m = expectManifestTrue(out);
    expect(m.outputs).toHaveLength(total);
    expect(files(out, '.pdf')).toHaveLength(total);
    expect(files(out, '.docx')).toHaveLength(total);
    for (const f of files(out, '.pdf')) {
      const bytes = readFileSync(join(out, f));
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(bytes.subarray(-7).toString('latin1'), f).toMatch(/%%EOF\s*$/);
    }
    for (const f of files(out, '.docx')) {
      const zip = await JSZip.loadAsync(readFileSync(join(out, f)));
      expect(zip.file('word/document.xml'), f).not.toBeNull();
    }
    expect(files(out, '.tmp')).toEqual([]);
    const listed = new Set(m.outputs.flatMap((o) => o.files.map((x) => x.path)));
    for (const f of [...files(out, '.pdf'), ...files(out, '.docx')]) expect(listed.has(f.split(/[\\/]/).join('/')), f).toBe(true);
  });
});

describe('a batch whose every job fails while planned', () => {
  it('ends, and its process exits on its own: the workers started ahead of planning are closed', async () => {
    const out = join(tmp, 'fail-all');
    const result = await new Promise<{ code: number | null; stdout: string; timedOut: boolean }>((resolve, reject) => {
      const { proc, output } = startChild(['4', out, '2', 'fail-all']);
      // A worker left running keeps the process alive: give it 30 s, then call it hung.
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        proc.kill('SIGKILL');
      }, 30_000);
      proc.on('error', reject);
      proc.on('exit', (code) => {
        clearTimeout(timer);
        if (output.stderr.trim() !== '' && code !== 0) reject(new Error(output.stderr));
        else resolve({ code, stdout: output.stdout, timedOut });
      });
    });
    expect(result.timedOut).toBe(false);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('failed '))).toHaveLength(4 + 2); // 4 leaders + 2 unit task lists
    expect(lines.at(-1)).toBe('finished');
    expect(files(out, '.pdf')).toEqual([]);
  }, 60_000);
});
