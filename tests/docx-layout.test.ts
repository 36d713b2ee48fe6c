/**
 * End to end: template → resolve → DOCX → LibreOffice headless → PDF → `pdftotext -bbox-layout`,
 * then the page is measured as `docs/layout-gbt9704.md` asks (22 lines at 28.95 pt, ≤ 28
 * characters a line, 禁则, page numbers "— n —" odd right / even left).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { exampleAnswers, resolve } from '@qingdan/engine';
import { loadTemplate } from '@qingdan/template-files';
import { gbt9704, KINSOKU_NO_END, KINSOKU_NO_START, mmToPt } from '@qingdan/layout';
import type { ResolvedDocument } from '@qingdan/model';
import { renderDocx } from '@qingdan/render-docx';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { leastCells, measureTypeset } from './support/typeset-metrics.js';
import { bodyLines, fullWidthLength,
  fullWidthCount, kinsokuViolations, medianPitch, pageNumberOf, pitches, readPdfPages, type PdfPage } from './support/pdf-lines.js';
import { describeWithTools } from './support/tools.js';

const ROOT = new URL('..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'qingdan-docx-e2e-'));

/** DOCX bytes → PDF path, with LibreOffice headless in a profile of its own (parallel-safe). */
function toPdf(bytes: Uint8Array, name: string): string {
  const docx = join(work, `${name}.docx`);
  writeFileSync(docx, bytes);
  const profile = pathToFileURL(join(work, `lo-profile-${name}`)).href;
  const r = spawnSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', work, docx], {
    encoding: 'utf8',
    timeout: 170_000,
  });
  const pdf = join(work, `${name}.pdf`);
  if (r.status !== 0 || !existsSync(pdf)) throw new Error(`soffice failed (${String(r.status)}): ${r.stderr}${r.stdout}`);
  return pdf;
}

const L = gbt9704;
const typeArea = {
  left: mmToPt(L.margins.left),
  right: mmToPt(L.paper.widthMm - L.margins.right),
  bottom: mmToPt(L.paper.heightMm - L.margins.bottom),
};
const noSpace = (s: string): string => s.replace(/\s+/g, '');

afterAll(() => rmSync(work, { recursive: true, force: true }));

for (const id of ['responsibility-list', 'task-list']) describeWithTools(['soffice', 'pdftotext'], `DOCX of the ${id}, laid out by LibreOffice`, () => {
  let doc: ResolvedDocument;
  let pages: PdfPage[];

  beforeAll(async () => {
    const template = await loadTemplate(join(ROOT, `templates/${id}/template.yaml`));
    doc = resolve(template, exampleAnswers(template));
    pages = readPdfPages(toPdf(await renderDocx(doc), id));
  }, 180_000);

  it('fills every full page with 22 lines at a 28.95 ± 0.3 pt pitch', () => {
    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (const page of pages.slice(0, -1)) {
      const lines = bodyLines(page);
      // Page 1: the title's lines, one empty grid row after the title, then body lines.
      const rows = page.number === 1 ? lines.length + 1 : lines.length;
      expect(rows, `page ${page.number}`).toBe(L.grid.linesPerPage);
      // On page 1 the body starts after the one gap of two rows (the empty row under the title).
      const gap = pitches(lines).findIndex((p) => p > 1.5 * L.linePitchPt);
      if (page.number === 1) expect(gap, 'empty row under the title').toBeGreaterThanOrEqual(0);
      const body = page.number === 1 ? lines.slice(gap + 1) : lines;
      expect(body.length).toBeGreaterThan(15);
      expect(Math.abs(medianPitch(body) - L.linePitchPt), `page ${page.number}`).toBeLessThanOrEqual(0.3);
      for (const p of pitches(body)) expect(Math.abs(p - L.linePitchPt), `page ${page.number}`).toBeLessThanOrEqual(0.3);
      // The last line sits on the last row of the type area.
      expect(typeArea.bottom - lines[lines.length - 1]!.yMax).toBeLessThan(L.linePitchPt);
    }
  });

  it('holds at most 28 cells a line (marks at half width counted so), inside the type area; ≥ 95 % of full lines fill them, no orphan last line', () => {
    for (const page of pages) {
      for (const line of bodyLines(page)) {
        // Nothing hangs into the margin (w:overflowPunct, see render-docx bodyParagraph).
        expect(line.xMax, line.text).toBeLessThanOrEqual(typeArea.right + 1);
        expect(leastCells(line.text), line.text).toBeLessThanOrEqual(L.grid.charsPerLine);
      }
    }
    const f = measureTypeset(pages, { leftPt: typeArea.left, pitchPt: L.charPitchPt, linePitchPt: L.linePitchPt, cells: L.grid.charsPerLine, noStart: KINSOKU_NO_START, noEnd: KINSOKU_NO_END });
    console.info(`[docx-layout] ${id}: ${f.fullLines} full lines, ${f.fullLinesFilled} of them fill the ${L.grid.charsPerLine} cells`);
    expect(f.fullLines).toBeGreaterThan(50);
    expect(f.fullLinesFilled / f.fullLines, f.short.map((l) => l.text).join('\n')).toBeGreaterThanOrEqual(0.95);
    expect(f.orphans.map((l) => l.text)).toEqual([]);
  });

  it('breaks no line against 禁则', () => {
    expect(kinsokuViolations(pages, KINSOKU_NO_START, KINSOKU_NO_END)).toEqual([]);
  });

  it('prints "— n —" right on odd pages and left on even pages, one character in, 7 mm below the type area', () => {
    const inset = mmToPt(L.margins.left) + L.fonts.pageNumber.sizePt;
    const insetRight = mmToPt(L.margins.right) + L.fonts.pageNumber.sizePt;
    for (const page of pages) {
      const pn = pageNumberOf(page);
      expect(pn, `page ${page.number}`).toBeDefined();
      expect(pn!.text).toBe(`— ${page.number} —`);
      if (page.number % 2 === 1) {
        expect(pn!.side).toBe('right');
        expect(Math.abs(pn!.rightGapPt - insetRight)).toBeLessThan(2);
      } else {
        expect(pn!.side).toBe('left');
        expect(Math.abs(pn!.leftGapPt - inset)).toBeLessThan(2);
      }
      const middle = (pn!.line.yMin + pn!.line.yMax) / 2;
      expect(Math.abs(middle - typeArea.bottom - mmToPt(L.pageNumber.belowTypeAreaMm))).toBeLessThan(3);
    }
  });

  it('shows exactly the resolved text, in order', () => {
    const shown = pages.flatMap((p) => bodyLines(p).map((l) => l.text)).join('');
    const expected = [...doc.title, ...doc.blocks.map((b) => (b.kind === 'paragraph' ? b.text : `${b.number}${b.kind === 'clause' ? (b.lead ?? '') : ''}${b.text}`))].join('');
    expect(noSpace(shown)).toBe(noSpace(expected));
  });
});

describeWithTools(['soffice', 'pdftotext'], 'DOCX with hostile values opens in LibreOffice', () => {
  it('shows A&B 联合办公室<试行> and the line break of \\u000b, drops a control character', async () => {
    const warnings: string[] = [];
    const doc: ResolvedDocument = {
      templateId: 'x',
      templateVersion: '1.0.0',
      kind: 'task-list',
      title: ['A&B 联合办公室<试行>'],
      fileName: 'x',
      meta: {},
      blocks: [{ kind: 'paragraph', text: 'A&B 联合办公室<试行>\u000b第二行“引号”\u0007完' }],
    };
    const pages = readPdfPages(toPdf(await renderDocx(doc, { onWarning: (w) => warnings.push(w.message) }), 'hostile'));
    expect(pages).toHaveLength(1);
    const texts = bodyLines(pages[0]!).map((l) => l.text);
    expect(texts).toEqual(['A&B 联合办公室<试行>', 'A&B 联合办公室<试行>', '第二行“引号”完']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('U+0007');
  }, 180_000);
});
