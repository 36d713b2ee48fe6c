/**
 * The plain path (`QINGDAN_ACCEL=0`: plain pdfmake/pdfkit/fontkit) and the accelerated path
 * (every speed-up of `@qingdan/accel` on) give the same lines, the same PDF objects (dictionaries
 * and inflated streams: text, positions, fonts and their subsets), the same PDF bytes, and the
 * same DOCX parts. Each path runs in its own process (the speed-ups patch prototypes for good).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const child = fileURLToPath(new URL('./fixtures/accel-render-child.ts', import.meta.url));

interface ChildResult {
  report: string[];
  fonts: Record<string, string>;
  documents: { lines: string[]; pdf: string[]; docx: string[]; pdfSha: string; pdfBytes: number }[];
}

function run(accel: '0' | '1', fontDirs: string): ChildResult {
  const r = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', child, fontDirs], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, QINGDAN_ACCEL: accel },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as ChildResult;
}

/** A collection (.ttc) serves the 楷体 role here: the plain path names its face for pdfkit. */
const UKAI = '/usr/share/fonts/truetype/arphic';

describe('plain and accelerated paths', () => {
  const configs: [string, string][] = [['bundled fonts only', '']];
  if (existsSync(UKAI) || process.env.QINGDAN_REQUIRE_TOOLS === '1') configs.push(['a TrueType collection for 楷体 (AR PL UKai)', UKAI]);

  for (const [name, dirs] of configs) {
    it(`give the same lines, PDF objects and DOCX parts: ${name}`, () => {
      const plain = run('0', dirs);
      const fast = run('1', dirs);
      expect(plain.report.every((p) => p.endsWith(':off'))).toBe(true);
      expect(fast.report.every((p) => p.endsWith(':on')), fast.report.join(' ')).toBe(true);
      expect(fast.fonts).toEqual(plain.fonts);
      if (dirs) expect(plain.fonts.heading2).toBe('UKaiCN');
      expect(fast.documents).toHaveLength(plain.documents.length);
      plain.documents.forEach((p, i) => {
        const f = fast.documents[i]!;
        expect(f.lines, `document ${i}: lines`).toEqual(p.lines);
        expect(f.pdf, `document ${i}: PDF objects`).toEqual(p.pdf);
        expect(f.docx, `document ${i}: DOCX parts`).toEqual(p.docx);
      });
      // Not vacuous: the documents differ from each other. The speed-ups change no byte of a PDF.
      expect(new Set(plain.documents.map((d) => d.pdf.join())).size).toBeGreaterThan(2);
      expect(fast.documents.map((d) => d.pdfSha)).toEqual(plain.documents.map((d) => d.pdfSha));
      expect(plain.documents[0]!.lines.length).toBeGreaterThan(100);
    }, 180_000);
  }
});
