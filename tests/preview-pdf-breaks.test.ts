/**
 * The web preview's fallback pages (`layoutPages` of `@qingdan/render-html`: the composition of
 * `@qingdan/layout` with estimated widths) and the PDF's (`layOutDocument` of
 * `@qingdan/render-pdf`: the same composition with glyph advances): on Chinese text, where the
 * estimate is exact, every line of the preview must be the PDF's line.
 */
import { fileURLToPath } from 'node:url';
import { exampleAnswers, resolve } from '@qingdan/engine';
import { loadTemplate } from '@qingdan/template-files';
import { layoutPages } from '@qingdan/render-html';
import { createPdfRenderer, layOutDocument } from '@qingdan/render-pdf';
import { describe, expect, it } from 'vitest';

const TEMPLATE = fileURLToPath(new URL('../templates/responsibility-list/template.yaml', import.meta.url));

describe('preview and PDF break the same lines', () => {
  it('gives every line of the responsibility list, blank line and page breaks included, as the PDF does', async () => {
    const template = loadTemplate(TEMPLATE);
    const doc = resolve(template, { ...exampleAnswers(template), leader_name: '张三同志', divisions: ['办公室', '财务科'] });
    const pdf = layOutDocument(await createPdfRenderer(), doc).pages.map((page) => page.lines.map((l) => (l.kind === 'text' ? l.chars.map((c) => c.ch).join('') : '')));
    const preview = layoutPages(doc).map((page) => page.lines.map((l) => l.runs.map((r) => r.text).join('')));
    expect(pdf.flat().length).toBeGreaterThan(100);
    expect(preview).toEqual(pdf);
  });
});
