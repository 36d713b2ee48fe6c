/**
 * `npm run bench:web -w @qingdan/web`: keystroke → preview latency on the responsibility list.
 *
 * Starts the server, opens the page in Debian's Chromium, types a leader's name one key at a
 * time (with the pauses of a fast typist), and reads back, for each keystroke, the time from the
 * input event until the new pages are in the DOM, and until the next frame is painted after it.
 * Prints median, p95 and max. Goal: under 100 ms (issue 8). Not a test: nothing is asserted.
 *
 * Options: `--keys N` (default 60), `--delay MS` between keys (default 120).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { startServer } from '../src/server.js';

const { values } = parseArgs({ options: { keys: { type: 'string', default: '60' }, delay: { type: 'string', default: '120' } } });
const keys = Number(values.keys);
const delay = Number(values.delay);

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
};

const server = await startServer({ port: 0 });
const profile = mkdtempSync(join(tmpdir(), 'qingdan-bench-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1400, height: 1000 },
});
try {
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForSelector('.qd-page');
  // Measure in the page: input event → preview DOM replaced (and → next frame).
  // (A script string: this file is type-checked without the DOM library.)
  await page.evaluate(`(() => {
    const b = (window.__bench = { t0: 0, dom: [], paint: [] });
    document.getElementById('f-leader_name').addEventListener('input', () => { b.t0 = performance.now(); }, { capture: true });
    new MutationObserver(() => {
      const t0 = b.t0;
      if (t0 === 0) return;
      b.t0 = 0;
      b.dom.push(performance.now() - t0);
      requestAnimationFrame(() => setTimeout(() => b.paint.push(performance.now() - t0), 0));
    }).observe(document.getElementById('preview'), { childList: true });
  })()`);
  await page.click('#f-leader_name');
  const name = '张三同志王五李四赵六钱七孙八周九吴十郑十一冯十二陈十三褚十四卫十五蒋十六沈十七韩十八杨十九朱二十秦二十一尤二十二许二十三何二十四';
  for (let i = 0; i < keys; i += 1) {
    await page.keyboard.insertText(name[i % name.length] ?? '一');
    await page.waitForTimeout(delay);
  }
  await page.waitForTimeout(500);
  const { dom, paint } = (await page.evaluate('window.__bench')) as { dom: number[]; paint: number[] };
  const pages = await page.locator('#page-count').innerText();
  const layout = await page.locator('#preview').getAttribute('data-layout');
  const fmt = (xs: number[]): string => `median ${quantile(xs, 0.5).toFixed(1)} ms, p95 ${quantile(xs, 0.95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms`;
  console.log(`领导责任清单（${pages}，分页来源：${layout === 'pdf' ? 'PDF 渲染器的排版' : '估算'}），${dom.length}/${keys} 次按键：`);
  console.log(`  按键 → 预览页面更新（DOM）：${fmt(dom)}`);
  console.log(`  按键 → 下一帧绘制：      ${fmt(paint)}`);
  console.log(`  目标：< 100 ms —— ${quantile(paint, 0.95) < 100 ? '达到' : '未达到'}（p95）`);
} finally {
  await context.close();
  await server.close();
  rmSync(profile, { recursive: true, force: true });
}
