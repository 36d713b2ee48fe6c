/**
 * The whole roster in the web app, in Debian's Chromium: load examples/roster.xlsx through the
 * page, see every unit and leader with their documents, preview a leader (the PDF's pages, with
 * its proofreading beside them), download everything as one zip and find in it exactly what the
 * CLI's code path (`runBatch`) writes for the same roster, manifest included; bad rosters show
 * located errors; nothing is cut off at 1024×768.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import JSZip from 'jszip';
import type { BrowserContext, Page } from 'playwright-core';
import { runBatch } from '@qingdan/batch';
import { parseRoster } from '@qingdan/roster';
import { startServer, type RunningServer } from '@qingdan/web';
import { CHROMIUM, cutOff, openPage } from './support/browser.js';
import { describeWithTools } from './support/tools.js';

const EXAMPLES = new URL('../examples/', import.meta.url);
const previewFlat = async (page: Page): Promise<string> => (await page.locator('#preview').innerText()).replace(/\s+/g, '');

interface Manifest {
  roster: { hash: string };
  outputs: { key: string; inputHash: string; files: { path: string }[] }[];
}

describeWithTools([CHROMIUM], 'web roster batch in Chromium', () => {
  let server: RunningServer;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'qingdan-web-batch-'));

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

  it('loads the Excel roster through the page and lists every unit and leader with their documents', async () => {
    await page.click('#tab-roster');
    await page.setInputFiles('#roster-file', new URL('roster.xlsx', EXAMPLES).pathname);
    // The first upload loads the XLSX reader on the server: seconds on a busy two-core machine.
    await expect.poll(() => page.locator('#roster-status').innerText(), { timeout: 30_000 }).toBe('已读取「roster.xlsx」：4 个单位，14 位班子成员。');
    expect(await page.locator('#roster-list [data-unit] h3 > span:first-child').allInnerTexts()).toEqual(['区发展和改革局', '区教育局', '区市场监督管理局', '区统计局']);
    expect(await page.locator('#roster-list [data-leader]').count()).toBe(14);
    expect(await page.locator('#roster-list button.doc').count()).toBe(18);
    expect(await page.locator('#roster-list [data-unit="区发展和改革局"] [data-leader]').evaluateAll((els) => els.map((e) => e.getAttribute('data-leader')))).toEqual([
      '王建国同志',
      '李卫东同志',
      '张秀兰同志',
      '陈志刚同志',
    ]);
    expect(await page.locator('#batch-summary').innerText()).toBe('共 18 份清单，36 个文件，另有 manifest.json。');
    expect(await page.locator('#roster-issues li').count()).toBe(0);
  });

  it('previews a leader’s list: the PDF’s pages, its title, its proofreading beside them', async () => {
    const button = page.locator('#roster-list button[aria-label="预览 李卫东同志 的领导责任清单"]');
    await button.click();
    await expect.poll(() => previewFlat(page)).toContain('李卫东同志根据局党组工作分工，分管重大项目科、价格管理科');
    expect(await button.getAttribute('aria-current')).toBe('true');
    expect(await page.locator('#preview-title').innerText()).toBe('区发展和改革局 · 李卫东同志 · 领导责任清单');
    expect(await page.locator('#preview').getAttribute('data-layout')).toBe('pdf');
    expect(await page.locator('#page-count').innerText()).toBe(`共 ${await page.locator('.qd-page').count()} 页`);
    // The list and the preview proofread the same document: as many findings as the list's badge says.
    const badge = page.locator('#roster-list [data-leader="李卫东同志"] .badge');
    const expected = (await badge.count()) > 0 ? Number(/\d+/.exec(await badge.innerText())?.[0]) : 0;
    expect(await page.locator('#lint li').count()).toBe(expected);
    expect(await page.locator('#lint-note').innerText()).toBe(expected === 0 ? '未发现问题。' : `${expected} 处可能需要改正。`);
  });

  it('downloads everything as one zip holding exactly what the CLI writes for the roster, and the manifest', async () => {
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 240_000 }), page.click('#download-all')]);
    expect(download.suggestedFilename()).toBe('roster-清单.zip');
    const zipPath = join(dir, 'all.zip');
    await download.saveAs(zipPath);
    expect(await page.locator('#batch-status').innerText()).toBe('已生成 18 份，正在下载压缩包（内含 manifest.json）。');
    expect(await page.locator('#batch-progress').evaluate((p: HTMLProgressElement) => [p.value, p.max])).toEqual([18, 18]);
    const zip = await JSZip.loadAsync(readFileSync(zipPath));
    const names = Object.keys(zip.files).filter((n) => !zip.files[n]?.dir).sort();

    // `qingdan batch --roster examples/roster.xlsx`'s code path, into a folder.
    const templates = [...server.templates.values()];
    const bytes = readFileSync(new URL('roster.xlsx', EXAMPLES));
    const roster = await parseRoster({ bytes, fileName: 'roster.xlsx' }, templates);
    const outDir = join(dir, 'cli');
    const summary = await runBatch({ roster, templates, outDir, formats: ['docx', 'pdf'], concurrency: 2, rosterHash: roster.hash, warnings: roster.warnings.map((w) => w.message) });
    expect(summary.complete).toBe(true);
    const cliFiles = readdirSync(outDir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name).slice(outDir.length + 1))
      .sort();
    expect(names).toEqual(cliFiles);
    expect(names.filter((n) => n.endsWith('.docx'))).toHaveLength(18);
    expect(names.filter((n) => n.endsWith('.pdf'))).toHaveLength(18);
    expect(names).toContain('2025/区发展和改革局/2025年李卫东同志履行全面从严治党重要领导责任清单.pdf');
    const ours = JSON.parse((await zip.file('manifest.json')?.async('string')) ?? '{}') as Manifest;
    const cli = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8')) as Manifest;
    expect(Object.keys(ours).sort()).toEqual(Object.keys(cli).sort());
    expect(ours.roster).toEqual(cli.roster);
    const hashes = (m: Manifest): Record<string, string> => Object.fromEntries(m.outputs.map((o) => [o.key, o.inputHash]));
    expect(hashes(ours)).toEqual(hashes(cli));
    expect(ours.outputs.flatMap((o) => o.files.map((f) => f.path)).sort()).toEqual(names.filter((n) => n !== 'manifest.json'));
    const pdf = await zip.file('2025/区发展和改革局/2025年李卫东同志履行全面从严治党重要领导责任清单.pdf')?.async('uint8array');
    expect(Buffer.from(pdf?.subarray(0, 5) ?? []).toString()).toBe('%PDF-');
  }, 300_000);

  it('cuts nothing off at 1024×768 with the roster list and a preview', async () => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await expect.poll(() => cutOff(page)).toEqual([]);
    const lastDoc = page.locator('#roster-list button.doc').last();
    await lastDoc.scrollIntoViewIfNeeded();
    const b = await lastDoc.boundingBox();
    expect(b && b.y >= 0 && b.y + b.height <= 768 && b.x + b.width <= 1024).toBe(true);
    await page.setViewportSize({ width: 1366, height: 768 });
  });

  it('takes a roster dropped on the page (YAML)', async () => {
    const yaml = readFileSync(new URL('roster.yaml', EXAMPLES), 'utf8');
    const dataTransfer = await page.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], '花名册.yaml', { type: 'application/yaml' }));
      return dt;
    }, yaml);
    await page.dispatchEvent('#roster-drop', 'drop', { dataTransfer });
    await expect.poll(() => page.locator('#roster-status').innerText()).toBe('已读取「花名册.yaml」：4 个单位，14 位班子成员。');
    expect(await page.locator('#roster-list button.doc').count()).toBe(18);
  });

  it('shows a bad roster’s problems in Chinese, located by row and column', async () => {
    const text = Buffer.from('这是一段说明文字，不是花名册。\n');
    await page.setInputFiles('#roster-file', { name: '说明.txt', mimeType: 'text/plain', buffer: text });
    await expect.poll(() => page.locator('#roster-status').innerText()).toBe(
      '无法读取「说明.txt」：不支持的花名册格式「.txt」（说明.txt）：文本表格请改存为 .csv；请使用 .yaml / .yml、.csv 或 .xlsx 文件（示例见 examples/roster.*）。',
    );
    expect(await page.locator('#batch').isVisible()).toBe(false);
    expect(await page.locator('#roster-list button.doc').count()).toBe(0);

    await page.setInputFiles('#roster-file', { name: '说明.csv', mimeType: 'text/csv', buffer: text });
    await expect.poll(() => page.locator('#roster-status').innerText()).toContain('已读取「说明.csv」：0 个单位，0 位班子成员。有 1 处问题');
    expect(await page.locator('#roster-issues li').first().innerText()).toMatch(/^说明\.csv：没有找到表头行/);

    const lines = readFileSync(new URL('roster.csv', EXAMPLES), 'utf8').split('\n');
    lines[2] = (lines[2] ?? '').replace('重大项目科、价格管理科', '');
    await page.setInputFiles('#roster-file', { name: '花名册.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
    await expect.poll(() => page.locator('#roster-status').innerText()).toContain('已读取「花名册.csv」：4 个单位，13 位班子成员。有 1 处问题');
    expect(await page.locator('#roster-issues li').allInnerTexts()).toEqual([expect.stringMatching(/^花名册\.csv 第 3 行 C 列（分管科室）/)]);
    // The good rows are still listed and can be downloaded.
    expect(await page.locator('#roster-list button.doc').count()).toBe(17);
    expect(await page.locator('#download-all').isEnabled()).toBe(true);
    expect(errors).toEqual([]);
  });
});
