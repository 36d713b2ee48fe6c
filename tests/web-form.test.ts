/**
 * The web app's form in Debian's Chromium: visible gaps instead of the sample's wording, Chinese
 * labels only, answers kept across templates and visits, saved to and loaded from the CLI's
 * answers.yaml, keyboard tabs, nothing cut off at 1024×768 and 1366×768, print styles.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { parseAnswersFile } from '@qingdan/roster';
import { startServer, type RunningServer } from '@qingdan/web';
import { CHROMIUM, cutOff, openPage } from './support/browser.js';
import { describeWithTools } from './support/tools.js';

const previewFlat = async (page: Page): Promise<string> => (await page.locator('#preview').innerText()).replace(/\s+/g, '');

describeWithTools([CHROMIUM], 'web form in Chromium', () => {
  let server: RunningServer;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'qingdan-web-form-'));

  beforeAll(async () => {
    server = await startServer({ port: 0 });
    ({ context, page } = await openPage(dir, { width: 1366, height: 768 }, errors));
    await page.goto(server.url);
    await page.waitForSelector('.qd-page');
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows unfilled answers as marked gaps (【单位名称】), never the sample’s wording', async () => {
    await expect.poll(() => previewFlat(page)).toContain('【班子成员姓名】根据【本单位党组（党委）】工作分工，分管【分管科室】');
    const text = await previewFlat(page);
    expect(text).toMatch(/^【年度】年/);
    expect(text).not.toContain('XX');
    expect(text).not.toContain('2023');
    expect(await page.locator('#preview .qd-gap').count()).toBeGreaterThan(5);
    expect(await page.locator('#preview .qd-gap').first().innerText()).toBe('【年度】');
    expect(await page.locator('#lint-note').innerText()).toBe('填写完整后显示校对提示。');
  });

  it('labels every field in Chinese, never with an internal key', async () => {
    const labels = await page.locator('.field > label, .field > .label').allInnerTexts();
    expect(labels.length).toBeGreaterThan(10);
    for (const l of labels) {
      expect(l).toMatch(/[\u4e00-\u9fff]/u);
      expect(l).not.toMatch(/[a-z_]{3,}/);
    }
  });

  it('keeps the answers the templates share when the template changes', async () => {
    await page.fill('#f-year', '2025');
    await page.fill('#f-unit_name', '区统计局');
    await page.fill('#f-leader_name', '王五同志');
    await page.fill('#f-divisions input[data-index="0"]', '综合科');
    await page.selectOption('#template', 'task-list');
    expect(await page.locator('#f-unit_name').inputValue()).toBe('区统计局');
    expect(await page.locator('#f-year').inputValue()).toBe('2025');
    await expect.poll(() => previewFlat(page)).toMatch(/^2025年度落实全面从严治党重点任务清单/);
    await page.selectOption('#template', 'responsibility-list');
    expect(await page.locator('#f-leader_name').inputValue()).toBe('王五同志');
    expect(await page.locator('#f-divisions input[data-index="0"]').inputValue()).toBe('综合科');
    await expect.poll(() => previewFlat(page)).toContain('王五同志根据【本单位党组（党委）】工作分工，分管综合科');
  });

  it('keeps the answers in the browser between visits, with nothing marked', async () => {
    await page.reload();
    await page.waitForSelector('.qd-page');
    expect(await page.locator('#template').inputValue()).toBe('responsibility-list');
    expect(await page.locator('#f-leader_name').inputValue()).toBe('王五同志');
    expect(await page.locator('#f-unit_name').inputValue()).toBe('区统计局');
    await expect.poll(() => previewFlat(page)).toContain('王五同志根据');
    expect(await page.locator('.field.invalid').count()).toBe(0);
  });

  it('saves the answers as the CLI’s answers.yaml and loads them back', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#answers-save')]);
    expect(download.suggestedFilename()).toBe('answers.yaml');
    const saved = join(dir, 'answers.yaml');
    await download.saveAs(saved);
    const file = parseAnswersFile(readFileSync(saved), saved, [...server.templates.values()]);
    expect(file.unit).toMatchObject({ year: 2025, unit_name: '区统计局' });
    expect(file.leaders).toEqual([{ leader_name: '王五同志', divisions: ['综合科'] }]);
    expect(readFileSync(saved, 'utf8')).toContain('# 单位名称');

    await page.click('#answers-clear');
    expect(await page.locator('#f-leader_name').inputValue()).toBe('');
    await expect.poll(() => previewFlat(page)).toContain('【班子成员姓名】根据');
    await page.setInputFiles('#answers-load', saved);
    await expect.poll(() => page.locator('#answers-status').innerText()).toBe('已载入「answers.yaml」。');
    expect(await page.locator('#f-leader_name').inputValue()).toBe('王五同志');
    expect(await page.locator('#f-year').inputValue()).toBe('2025');
    expect(await page.locator('#f-divisions input[data-index="0"]').inputValue()).toBe('综合科');
  });

  it('switches between the two ways of working with the keyboard', async () => {
    await page.focus('#tab-form');
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('#tab-roster').getAttribute('aria-selected')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-roster');
    expect(await page.locator('#panel-roster').isVisible()).toBe(true);
    expect(await page.locator('#panel-form').isVisible()).toBe(false);
    await page.keyboard.press('ArrowLeft');
    expect(await page.locator('#tab-form').getAttribute('aria-selected')).toBe('true');
    // The next stop after the tabs is the form's first control.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('template');
  });

  for (const [width, height] of [
    [1024, 768],
    [1366, 768],
  ] as const) {
    it(`cuts nothing off at ${width}×${height}: the page scrolls to its last A4 page`, async () => {
      await page.setViewportSize({ width, height });
      await expect.poll(() => cutOff(page)).toEqual([]);
      // The pages are scaled to the preview's width; the page scrolls down to the end of the last one.
      const lastPage = async (): Promise<{ left: number; right: number; bottom: number }> => {
        await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
        return page.locator('.qd-page').last().evaluate((e) => {
          const r = e.getBoundingClientRect();
          return { left: Math.round(r.left), right: Math.round(r.right), bottom: Math.round(r.bottom) };
        });
      };
      // Polled: the pages are rescaled when the window's size changes.
      await expect.poll(async () => {
        const r = await lastPage();
        return r.left >= 0 && r.right <= width && r.bottom > 0 && r.bottom <= height;
      }).toBe(true);
      await page.evaluate(() => window.scrollTo(0, 0));
      // The form panel scrolls on its own to its last field.
      const lastField = page.locator('#answers .field').last();
      await lastField.scrollIntoViewIfNeeded();
      const f = await lastField.boundingBox();
      expect(f && f.y >= 0 && f.y + f.height <= height).toBe(true);
    });
  }

  it('prints only the A4 pages, at full size', async () => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.emulateMedia({ media: 'print' });
    for (const selector of ['.bar', '.panel', '.preview-bar', '.proof']) expect(await page.locator(selector).isVisible(), selector).toBe(false);
    const box = await page.locator('.qd-page').first().boundingBox();
    expect(box?.width).toBeCloseTo((210 / 25.4) * 96, 0);
    await page.emulateMedia({ media: 'screen' });
    expect(errors).toEqual([]);
  });
});
