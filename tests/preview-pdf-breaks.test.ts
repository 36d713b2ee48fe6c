/**
 * The web preview's fallback layout (`layoutPages` of `@qingdan/render-html`, estimated widths)
 * and the PDF's layout (`layOutDocument` of `@qingdan/render-pdf`, glyph advances) share one line
 * breaker (`breakLines` of `@qingdan/layout`): on Chinese text, where the estimate is exact, every
 * line of the preview must be the PDF's line.
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
    const pdf = layOutDocument(await createPdfRenderer(), doc).map((page) => page.map((l) => (l ? l.chars.map((c) => c.ch).join('') : '')));
    const preview = layoutPages(doc).map((page) => page.lines.map((l) => l.runs.map((r) => r.text).join('')));
    expect(pdf.flat().length).toBeGreaterThan(100);
    expect(preview).toEqual(pdf);
  });
});
