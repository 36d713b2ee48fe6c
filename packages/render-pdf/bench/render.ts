/**
 * Benchmark of the PDF renderer on the responsibility list (run from the repo root):
 *
 *   npx tsx --conditions=source packages/render-pdf/bench/render.ts [renders]
 *
 * Prints the cost of creating the renderer (font resolution and parse, cold, in this process), the
 * first render, the median and 90th percentile of the following renders, and the PDF size.
 */
import { fileURLToPath } from 'node:url';
import { exampleAnswers, resolve } from '@qingdan/engine';
import { loadTemplate } from '@qingdan/template-files';
import { createPdfRenderer } from '../src/index.js';

const n = Number(process.argv[2] ?? 30);
const template = loadTemplate(fileURLToPath(new URL('../../../templates/responsibility-list/template.yaml', import.meta.url)));
const doc = resolve(template, exampleAnswers(template));

let t = performance.now();
const renderer = await createPdfRenderer();
const createMs = performance.now() - t;
t = performance.now();
const first = await renderer.render(doc);
const firstMs = performance.now() - t;
const times: number[] = [];
for (let i = 0; i < n; i += 1) {
  t = performance.now();
  await renderer.render(doc);
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
const pct = (p: number): number => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? Number.NaN;
console.log(
  JSON.stringify(
    {
      createRendererMs: +createMs.toFixed(1),
      firstRenderMs: +firstMs.toFixed(1),
      renders: n,
      medianRenderMs: +pct(0.5).toFixed(1),
      p90RenderMs: +pct(0.9).toFixed(1),
      pdfBytes: first.length,
      fonts: Object.fromEntries(Object.entries(renderer.fonts).map(([r, f]) => [r, `${f.face} (${f.source})`])),
    },
    null,
    2,
  ),
);
