/**
 * The web preview end to end, in Debian's Chromium driven by playwright-core: fill a leader's
 * name and two divisions, see them in the A4 preview with clauses 1. … 22., download the DOCX
 * and the PDF and read their text, type a script tag and see it as text, take a screenshot, and
 * change the 职务 to see another kind of responsibility list.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import JSZip from 'jszip';
import type { BrowserContext, Page } from 'playwright-core';
import { exampleAnswers } from '@qingdan/engine';
import type { Template } from '@qingdan/model';
import { startServer, type RunningServer } from '@qingdan/web';
import { readPdfPages } from './support/pdf-lines.js';
import { CHROMIUM, openPage } from './support/browser.js';
import { describeWithTools } from './support/tools.js';

/** Fills the responsibility list's unit fields with the sample's own values (as a user would type them). */
async function fillUnitFields(page: Page, t: Template): Promise<void> {
  const ex = exampleAnswers(t);
  for (const v of t.variables) {
    if (v.scope !== 'unit' || v.default !== undefined) continue;
    await page.fill(`#f-${v.key}`, Array.isArray(ex[v.key]) ? (ex[v.key] as string[]).join('、') : String(ex[v.key]));
  }
  await page.fill('#f-year', '2024');
  await page.fill('#f-unit_name', '区发展和改革局');
}

const previewText = (page: Page): Promise<string> => page.locator('#preview').innerText();
/** The preview's text without line breaks (a phrase may run over two lines). */
const previewFlat = async (page: Page): Promise<string> => (await previewText(page)).replace(/\n/g, '');

describeWithTools([CHROMIUM, 'pdftotext'], 'web preview in Chromium', () => {
  let server: RunningServer;
  let context: BrowserContext;
  let page: Page;
  /** Script errors and dialogs of the page (none expected). */
  const errors: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'qingdan-web-'));

  beforeAll(async () => {
    server = await startServer({ port: 0 });
    // A fresh profile folder for each run.
    ({ context, page } = await openPage(dir, { width: 1400, height: 1000 }, errors));
    await page.goto(server.url);
    await page.waitForSelector('.qd-page');
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
  });

  it('builds the form from the template: Chinese labels, help, a list field for 分管科室', async () => {
    expect(await page.locator('#template').inputValue()).toBe('responsibility-list');
    expect(await page.locator('label[for="f-leader_name"]').innerText()).toContain('班子成员姓名');
    expect(await page.locator('[data-field="divisions"] .label').innerText()).toContain('分管科室');
    expect(await page.locator('[data-field="divisions"] .help').innerText()).toContain('办公室、财务科');
    expect(await page.locator('#f-divisions input[data-key="divisions"]').count()).toBe(1);
  });

  it('marks no field before it was touched, then shows the engine’s message (label, not key) next to a field left with a bad value', async () => {
    // Fresh: every required field is empty, yet none is red and no message shows.
    await expect.poll(() => page.locator('#preview-state').innerText()).toContain('待填写');
    expect(await page.locator('.field.invalid').count()).toBe(0);
    expect((await page.locator('.field .error').allInnerTexts()).join('')).toBe('');
    await page.fill('#f-year', '20x4');
    await page.press('#f-year', 'Tab');
    await expect.poll(() => page.locator('#err-year').innerText()).toBe('「年度」应为数字，收到 "20x4"。');
    expect(await page.locator('[data-field="year"].invalid').count()).toBe(1);
    // Other fields, not touched, stay unmarked.
    expect(await page.locator('.field.invalid').count()).toBe(1);
    await page.fill('#f-year', '2024');
    await expect.poll(() => page.locator('#err-year').innerText()).toBe('');
  });

  it('shows name and two divisions in the preview with clauses 1. to 22., and the page count', async () => {
    const template = server.templates.get('responsibility-list');
    if (!template) throw new Error('no responsibility-list template');
    await fillUnitFields(page, template);
    await page.fill('#f-leader_name', '张三同志');
    await page.fill('#f-divisions input[data-index="0"]', '办公室');
    await page.click('[data-add="divisions"]');
    await page.fill('#f-divisions input[data-index="1"]', '财务科');
    await expect.poll(() => previewFlat(page)).toContain('张三同志根据局党组工作分工，分管办公室、财务科');
    const text = (await previewText(page)).replace(/\s+/g, '');
    expect(text).toContain('2024年履行全面从严治党重要领导责任清单');
    // Clause numbers at the start of their paragraph's first line, 1. … 22., in order.
    const firstLines = await page.locator('.qd-line.qd-indent.qd-body').allInnerTexts();
    const numbers = firstLines.map((l) => /^(\d+)\./.exec(l.trim())?.[1]).filter((n): n is string => n !== undefined);
    expect(numbers).toEqual(Array.from({ length: 22 }, (_, i) => String(i + 1)));
    const pages = await page.locator('.qd-page').count();
    expect(pages).toBeGreaterThanOrEqual(5);
    expect(await page.locator('#page-count').innerText()).toBe(`共 ${pages} 页`);
    expect(await page.locator('#err-leader_name').innerText()).toBe('');
    expect(await page.locator('.qd-page[data-page="2"] .qd-page-number').innerText()).toBe('— 2 —');
    // Every page holds at most 22 lines on the grid.
    for (const n of await page.locator('.qd-page .qd-type-area').evaluateAll((els) => els.map((e) => e.children.length))) expect(n).toBeLessThanOrEqual(22);
  });

  it('lays the page out in A4 millimetres with the official fonts by role', async () => {
    const box = await page.locator('.qd-page').first().boundingBox();
    // 210 × 297 mm at 96 px per inch.
    expect(box?.width).toBeCloseTo((210 / 25.4) * 96, 0);
    expect(box?.height).toBeCloseTo((297 / 25.4) * 96, 0);
    const style = await page.locator('.qd-line.qd-body').first().evaluate((e) => {
      const s = getComputedStyle(e);
      return { size: s.fontSize, lineHeight: s.lineHeight, family: s.fontFamily };
    });
    expect(parseFloat(style.size)).toBeCloseTo((16 / 72) * 96, 1);
    expect(parseFloat(style.lineHeight)).toBeCloseTo((28.95 / 72) * 96, 1);
    expect(style.family).toContain('仿宋_GB2312');
    const h1 = await page.locator('.qd-heading1').first().evaluate((e) => getComputedStyle(e).fontFamily);
    expect(h1).toContain('黑体');
  });

  it('downloads a DOCX and a PDF with the same text as the preview', async () => {
    const [docx] = await Promise.all([page.waitForEvent('download'), page.click('#download-docx')]);
    expect(docx.suggestedFilename()).toBe('2024年张三同志履行全面从严治党重要领导责任清单.docx');
    const docxPath = join(dir, 'out.docx');
    await docx.saveAs(docxPath);
    const zip = await JSZip.loadAsync(readFileSync(docxPath));
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    const docxText = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    expect(docxText).toContain('张三同志根据局党组工作分工，分管办公室、财务科');
    expect(docxText).toContain('22.模范遵守党章党规党纪');

    const [pdf] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.click('#download-pdf')]);
    expect(pdf.suggestedFilename()).toBe('2024年张三同志履行全面从严治党重要领导责任清单.pdf');
    const pdfPath = join(dir, 'out.pdf');
    await pdf.saveAs(pdfPath);
    const pdfPages = readPdfPages(pdfPath);
    const pdfText = pdfPages.flatMap((p) => p.lines.map((l) => l.text)).join('').replace(/\s+/g, '');
    expect(pdfText).toContain('张三同志根据局党组工作分工，分管办公室、财务科');
    expect(pdfText).toContain('22.模范遵守党章党规党纪');
    // The preview breaks pages where the PDF does (it shows the PDF renderer's own line layout).
    expect(await page.locator('#preview').getAttribute('data-layout')).toBe('pdf');
    expect(await page.locator('#page-count').innerText()).toBe(`共 ${pdfPages.length} 页`);
    // … and the same first line on page 2.
    const pdfPage2 = pdfPages[1]?.lines[0]?.text.replace(/\s+/g, '');
    const previewPage2 = (await page.locator('.qd-page[data-page="2"] .qd-line').first().innerText()).replace(/\s+/g, '');
    expect(previewPage2).toBe(pdfPage2);
  }, 120_000);

  it('takes a screenshot of the preview', async () => {
    await page.setViewportSize({ width: 1400, height: 1400 });
    const path = join(dir, 'preview.png');
    await page.locator('.qd-page').first().screenshot({ path });
    writeFileSync(join(tmpdir(), 'qingdan-web-screenshot-path.txt'), path);
    console.log(`预览截图：${path}`);
    expect(readFileSync(path).subarray(1, 4).toString()).toBe('PNG');
  });

  it('shows a typed <script> as text and runs nothing', async () => {
    await page.fill('#f-leader_name', '<script>alert(1)</script>');
    await expect.poll(() => previewFlat(page)).toContain('<script>alert(1)</script>根据局党组工作分工');
    expect(await page.locator('#preview script').count()).toBe(0);
    await page.fill('#f-leader_name', '<img src=x onerror=alert(2)>');
    await expect.poll(() => previewFlat(page)).toContain('<img src=x onerror=alert(2)>');
    expect(await page.locator('#preview img').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('loads an Excel roster and fills the form from a unit and a leader', async () => {
    await page.setInputFiles('#roster-file', new URL('../examples/roster.xlsx', import.meta.url).pathname);
    // the first upload loads the XLSX reader on the server: seconds on a busy two-core machine
    await expect.poll(() => page.locator('#roster-status').innerText(), { timeout: 20_000 }).toContain('已读取「roster.xlsx」');
    await page.selectOption('#roster-unit', { label: '区发展和改革局' });
    await page.selectOption('#roster-leader', { index: 2 });
    expect(await page.locator('#roster-leader option:checked').innerText()).toContain('李卫东同志');
    await expect.poll(() => previewFlat(page)).toContain('李卫东同志根据局党组工作分工，分管重大项目科、价格管理科');
    expect(await page.locator('#f-leader_name').inputValue()).toBe('李卫东同志');
    expect(await page.locator('#f-divisions input[data-index="1"]').inputValue()).toBe('价格管理科');
    expect(await page.locator('#f-year').inputValue()).toBe('2025');
    await expect.poll(() => page.locator('#download-docx').isEnabled()).toBe(true);
  });

  it('asks for 职务 and 责任类别 (from the template, no code) and previews the list of the role they give', async () => {
    expect(await page.locator('label[for="f-position"]').innerText()).toContain('职务');
    expect(await page.locator('#f-leader_role option').allInnerTexts()).toEqual(['（默认：按职务确定）', '按职务确定', '主要负责人', '班子成员', '纪检监察']);
    expect(await page.locator('#f-position').inputValue()).toBe('党组成员、副局长'); // 李卫东同志's, from the roster
    await page.fill('#f-position', '党组书记、局长');
    await expect.poll(() => previewFlat(page)).toContain('2025年履行全面从严治党第一责任人责任清单');
    expect(await previewFlat(page)).toContain('带头开好区发展和改革局领导班子民主生活会');
    await page.selectOption('#f-leader_role', '纪检监察');
    await expect.poll(() => previewFlat(page)).toContain('2025年履行全面从严治党监督责任清单');
    await page.selectOption('#f-leader_role', '');
    await page.fill('#f-position', '党组成员、副局长');
    await expect.poll(() => previewFlat(page)).toContain('2025年履行全面从严治党重要领导责任清单');
    expect(await previewFlat(page)).not.toContain('带头开好');
    expect(errors).toEqual([]);
  });
});
