/**
 * Debian's Chromium driven by playwright-core, for the web app's end-to-end tests, and the checks
 * those tests share (nothing cut off at a given window size).
 */
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); the tests skip loudly without it (see tools.ts). */
export const CHROMIUM = '/usr/bin/chromium';

/** Headless, no sandbox (CI runs as root), nothing fetched from the internet. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * A fresh browser profile in `dir` and a page of the given size; script errors and dialogs of the
 * page are collected in `errors` (the tests expect none).
 */
export async function openPage(dir: string, viewport: { width: number; height: number }, errors: string[]): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(join(dir, 'profile'), { executablePath: CHROMIUM, args: CHROMIUM_ARGS, acceptDownloads: true, viewport });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => {
    errors.push(`unexpected dialog: ${d.message()}`);
    void d.dismiss();
  });
  return { context, page };
}

/**
 * What is cut off or spills out at the page's current size: the page wider than the window, an
 * element whose content is wider than its box (`scrollWidth > clientWidth`: clipped, or running
 * into its neighbour), an element clipped in height without a scroll bar, or an element beyond
 * the window's right edge. The A4 pages' own lines are left out (a page clips nothing: its lines
 * fit its type area by construction; the page as a whole is checked).
 *
 * @returns one line per problem, naming the element and its widths in CSS pixels; empty when none
 */
export function cutOff(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const name = (e: Element): string => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.classList.length > 0 ? `.${[...e.classList].join('.')}` : ''}`;
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1) out.push(`page: scrollWidth ${root.scrollWidth} > clientWidth ${root.clientWidth}`);
    for (const e of document.querySelectorAll('body *')) {
      if (e.parentElement?.closest('.qd-page') || e.closest('.visually-hidden')) continue;
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.display === 'inline' || s.display === 'contents') continue;
      if (e.scrollWidth > e.clientWidth + 1) out.push(`${name(e)}: scrollWidth ${e.scrollWidth} > clientWidth ${e.clientWidth}`);
      if ((s.overflowY === 'hidden' || s.overflowY === 'clip') && !e.classList.contains('qd-page') && e.scrollHeight > e.clientHeight + 1) {
        out.push(`${name(e)}: clipped in height, scrollHeight ${e.scrollHeight} > clientHeight ${e.clientHeight}`);
      }
      const r = e.getBoundingClientRect();
      if (r.width > 0 && r.right > root.clientWidth + 1) out.push(`${name(e)}: right edge ${Math.round(r.right)} beyond the window (${root.clientWidth})`);
    }
    return out;
  });
}
