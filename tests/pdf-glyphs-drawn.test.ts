/**
 * Every glyph of the PDF is drawn: subsetting CFF-flavoured OpenType fonts (FandolFang, the open
 * 仿宋 of the body) has known bugs in fontkit/pdfkit that leave glyphs blank or boxed while the
 * text layer still reads right. So the pages are rasterised (pdftoppm) and each character's em
 * box, where the composition put it, must hold ink, and not a frame (the .notdef box).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { documentLines, exampleAnswers, resolve } from '@qingdan/engine';
import { loadTemplates } from '@qingdan/template-files';
import { gbt9704, IDEOGRAPHIC_EM_BOX_ASCENT, mmToPt } from '@qingdan/layout';
import type { ResolvedDocument } from '@qingdan/model';
import { createPdfRenderer, layOutDocument } from '@qingdan/render-pdf';
import { afterAll, expect, it } from 'vitest';
import { describeWithTools } from './support/tools.js';

const DPI = 100;
const work = mkdtempSync(join(tmpdir(), 'qingdan-glyphs-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A binary PGM (P5) image: width, height, one byte a pixel (0 black … 255 white). */
function readPgm(file: string): { width: number; height: number; at: (x: number, y: number) => number } {
  const bytes = readFileSync(file);
  const header = bytes.subarray(0, 64).toString('latin1');
  const m = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(header);
  if (!m) throw new Error(`${file} is not a binary PGM`);
  const [width, height] = [Number(m[1]), Number(m[2])];
  const start = m[0].length;
  return { width, height, at: (x, y) => bytes[start + y * width + x] ?? 255 };
}

describeWithTools(['pdftoppm'], 'PDF glyphs as drawn on the page', () => {
  it('draws every character of both templates, none blank and none boxed', async () => {
    const templates = loadTemplates(fileURLToPath(new URL('../templates', import.meta.url)));
    const chars = new Set<string>();
    for (const t of templates.values()) for (const line of documentLines(resolve(t, exampleAnswers(t)))) for (const ch of line) if (ch.trim()) chars.add(ch);
    const all = [...chars].join('');
    const doc: ResolvedDocument = {
      templateId: 'glyphs',
      templateVersion: '1.0.0',
      kind: 'responsibility-list',
      title: ['字形检查'],
      fileName: 'glyphs',
      meta: {},
      blocks: Array.from({ length: Math.ceil(all.length / 200) }, (_, i) => ({ kind: 'paragraph' as const, text: all.slice(i * 200, (i + 1) * 200) })),
    };
    const renderer = await createPdfRenderer();
    if (process.env.QINGDAN_REQUIRE_TOOLS === '1') expect(renderer.fonts.body.face).toBe('FandolFang-Regular');
    const pdf = join(work, 'glyphs.pdf');
    writeFileSync(pdf, await renderer.render(doc));
    const r = spawnSync('pdftoppm', ['-r', String(DPI), '-gray', pdf, join(work, 'p')], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    const images = readdirSync(work).filter((f) => f.endsWith('.pgm')).sort();
    const px = (pt: number): number => Math.round((pt * DPI) / 72);
    const problems: string[] = [];
    let checked = 0;
    for (const page of layOutDocument(renderer, doc).pages) {
      const img = readPgm(join(work, images[page.number - 1] ?? ''));
      page.lines.forEach((line, row) => {
        if (line.kind !== 'text') return;
        const baseline = mmToPt(gbt9704.margins.top) + row * gbt9704.linePitchPt + line.baselinePt;
        let x = line.align === 'center' ? mmToPt(gbt9704.margins.left) + (mmToPt(156) - line.widthPt) / 2 : mmToPt(gbt9704.margins.left) + line.indentPt;
        for (const c of line.chars) {
          const box = { x0: px(x + 0.1 * c.glyphAdvancePt), x1: px(x + 0.9 * c.glyphAdvancePt), y0: px(baseline - IDEOGRAPHIC_EM_BOX_ASCENT * c.sizePt), y1: px(baseline + 0.12 * c.sizePt) };
          x += c.glyphAdvancePt + c.spacePt;
          if (c.ch.trim() === '' || box.x1 <= box.x0) continue;
          let ink = 0;
          let area = 0;
          for (let yy = box.y0; yy < box.y1; yy += 1) for (let xx = box.x0; xx < box.x1; xx += 1) (area += 1), (ink += img.at(xx, yy) < 128 ? 1 : 0);
          // A frame: the em box's left and right columns inked almost all the way down.
          const column = (xx: number): number => {
            let n = 0;
            for (let yy = box.y0 + 2; yy < box.y1 - 2; yy += 1) n += img.at(xx, yy) < 128 ? 1 : 0;
            return n / Math.max(1, box.y1 - box.y0 - 4);
          };
          checked += 1;
          if (ink === 0) problems.push(`「${c.ch}」空白`);
          else if (/\p{Script=Han}/u.test(c.ch) && column(box.x0) > 0.9 && column(box.x1 - 1) > 0.9 && ink / area > 0.15) problems.push(`「${c.ch}」像方框`);
        }
      });
    }
    expect(checked).toBeGreaterThanOrEqual(chars.size);
    expect(problems).toEqual([]);
  }, 120_000);
});
