/**
 * End to end: the responsibility list template, resolved with the sample's own values, rendered by
 * the PDF renderer and read back with poppler (pdftotext -bbox-layout, pdffonts).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { documentLines, exampleAnswers, resolve } from '@qingdan/engine';
import { loadTemplate } from '@qingdan/template-files';
import { KINSOKU_NO_END, KINSOKU_NO_START, gbt9704, mmToPt } from '@qingdan/layout';
import type { ResolvedDocument } from '@qingdan/model';
import { createPdfRenderer, type PdfRenderer } from '@qingdan/render-pdf';
import { beforeAll, expect, it } from 'vitest';
import { bodyLines, kinsokuViolations, medianPitch, pageNumberOf, readPdfPages, type PdfPage } from './support/pdf-lines.js';
import { leastCells, measureTypeset } from './support/typeset-metrics.js';
import { describeWithTools } from './support/tools.js';

const TEMPLATE = fileURLToPath(new URL('../templates/responsibility-list/template.yaml', import.meta.url));

describeWithTools(['pdftotext', 'pdffonts'], 'PDF of the responsibility list (GB/T 9704 page checks)', () => {
  let renderer: PdfRenderer;
  let doc: ResolvedDocument;
  let bytes: Uint8Array;
  let file: string;
  let pages: PdfPage[];

  beforeAll(async () => {
    renderer = await createPdfRenderer();
    const template = loadTemplate(TEMPLATE);
    doc = resolve(template, exampleAnswers(template));
    bytes = await renderer.render(doc);
    file = join(mkdtempSync(join(tmpdir(), 'qd-pdf-')), 'responsibility-list.pdf');
    writeFileSync(file, bytes);
    pages = readPdfPages(file);
  });

  it('has 22 lines on every full page at a 28.95 pt pitch', () => {
    expect(pages.length).toBeGreaterThanOrEqual(5);
    // Page 1: the title, a blank grid line, 20 body lines; pages 2 … n−1: 22 lines.
    expect(bodyLines(pages[0]!)).toHaveLength(21);
    for (const page of pages.slice(1, -1)) {
      const lines = bodyLines(page);
      expect(lines, `page ${page.number}`).toHaveLength(22);
      expect(Math.abs(medianPitch(lines) - 28.95), `page ${page.number}`).toBeLessThanOrEqual(0.3);
      // The last line's bottom lies inside the type area (37 mm + 225 mm from the top).
      expect(lines[21]!.yMax).toBeLessThanOrEqual(mmToPt(37 + 225));
    }
  });

  it('holds at most 28 cells a line (marks at half width counted so), and ≥ 95 % of full lines fill the 28 cells', () => {
    for (const page of pages) for (const line of bodyLines(page)) expect(leastCells(line.text), `page ${page.number}: ${line.text}`).toBeLessThanOrEqual(28);
    const f = measureTypeset(pages, {
      leftPt: mmToPt(gbt9704.margins.left),
      pitchPt: gbt9704.charPitchPt,
      linePitchPt: gbt9704.linePitchPt,
      cells: gbt9704.grid.charsPerLine,
      noStart: KINSOKU_NO_START,
      noEnd: KINSOKU_NO_END,
    });
    expect(f.fullLines).toBeGreaterThan(80);
    expect(f.fullLinesFilled / f.fullLines, f.short.map((l) => l.text).join('\n')).toBeGreaterThanOrEqual(0.95);
    expect(f.orphans.map((l) => l.text)).toEqual([]);
  });

  it('starts and ends no line with a mark 禁则 forbids there', () => {
    expect(kinsokuViolations(pages, KINSOKU_NO_START, KINSOKU_NO_END)).toEqual([]);
  });

  it('numbers pages "— n —", odd pages right and even pages left, one character in, 7 mm below the type area', () => {
    const right = mmToPt(gbt9704.margins.right) + 14;
    const left = mmToPt(gbt9704.margins.left) + 14;
    const centreY = mmToPt(37 + 225 + 7);
    for (const page of pages) {
      const pn = pageNumberOf(page);
      expect(pn, `page ${page.number}`).toBeDefined();
      expect(pn!.value).toBe(page.number);
      if (page.number % 2 === 1) {
        expect(pn!.side).toBe('right');
        expect(Math.abs(pn!.rightGapPt - right)).toBeLessThan(1);
      } else {
        expect(pn!.side).toBe('left');
        expect(Math.abs(pn!.leftGapPt - left)).toBeLessThan(1);
      }
      // The bbox spans ascent to descent; the em box's centre is 7 mm below the type area (± 3 pt).
      expect(Math.abs((pn!.line.yMin + pn!.line.yMax) / 2 - centreY)).toBeLessThan(3);
    }
  });

  it('gives back the resolved text', () => {
    const got = pages
      .flatMap((p) => bodyLines(p).map((l) => l.text))
      .join('')
      .replace(/\s+/gu, '');
    expect(got).toBe(documentLines(doc).join('').replace(/\s+/gu, ''));
  });

  it('embeds only subset fonts', () => {
    const r = spawnSync('pdffonts', [file], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const rows = r.stdout.split('\n').slice(2).filter((l) => l.trim() !== '');
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) {
      expect(row).toMatch(/^[A-Z]{6}\+\S+\s+CID (TrueType|Type 0C)\s+Identity-H\s+yes yes yes/);
    }
  });

  // FandolFang's outlines are detailed: its subset takes ≈ 280 KB of the PDF (Noto Serif SC's ≈ 100 KB).
  it('is at most 400 KB', () => {
    expect(bytes.length).toBeLessThanOrEqual(400 * 1024);
  });

  it('renders a leader named 刘䶮 with the glyph, and stops on a name no font covers', async () => {
    const template = loadTemplate(TEMPLATE);
    const liu = resolve(template, { ...exampleAnswers(template), leader_name: '刘䶮' });
    const out = join(mkdtempSync(join(tmpdir(), 'qd-pdf-')), 'liu.pdf');
    writeFileSync(out, await renderer.render(liu));
    const text = spawnSync('pdftotext', [out, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/gu, '');
    expect(text).toContain('刘䶮根据');
    const rare = resolve(template, { ...exampleAnswers(template), leader_name: '王\u{31350}' });
    await expect(renderer.render(rare)).rejects.toMatchObject({
      code: 'FONT_MISSING_GLYPH',
      message: expect.stringMatching(/「\u{31350}」（U\+31350）出现在正文第 1 段/u),
    });
  });
});
