/**
 * `pdf-font-pages` of `@qingdan/accel`, through the PDF renderer: a font file is held with its tables only; its outlines are read as documents draw them. The
 * level-2 heading's font (楷体 role), which no template uses, so costs its tables and nothing more
 * until a document has a （一） heading. One file, in this order: the pages read are process-wide.
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { accelReport } from '@qingdan/accel';
import { createPdfRenderer, fontFileBytes } from '@qingdan/render-pdf';
import { pagesRead } from '../packages/accel/src/font-pages.js';
import { smallDoc } from '../packages/render-pdf/test/fixture.js';

/** Installed by .ci/run (Debian fonts-lxgw-wenkai). */
const WENKAI = '/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf';

const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');

describe('font outlines read as documents draw them', () => {
  // Runs where the font is installed, and always in CI (QINGDAN_REQUIRE_TOOLS=1, set by .ci/run,
  // which installs it): there a missing font fails the test instead of skipping it.
  it.runIf(existsSync(WENKAI) || process.env.QINGDAN_REQUIRE_TOOLS === '1')(
    'holds LXGW WenKai (楷体) with its tables only until a （一） heading is drawn, then reads a few outline pages',
    async () => {
      const renderer = await createPdfRenderer({ systemFontDirs: [dirname(WENKAI)], fonts: [] });
      expect(renderer.fonts.heading2).toMatchObject({ file: WENKAI, face: 'LXGWWenKai-Regular', family: 'LXGW WenKai', source: 'system' });
      const kai = fontFileBytes().get(WENKAI);
      if (!kai) throw new Error('the 楷体 font file is not held');
      const atStart = pagesRead(kai);
      if (!atStart) throw new Error('the 楷体 font file is not held page by page');
      // 15 MB, ≈ 14.4 MB of it outlines: ≈ 0.6 MB of tables read.
      expect(atStart.total).toBe(Math.ceil(kai.byteLength / 4096));
      expect(atStart.read).toBeLessThan(atStart.total * 0.1);

      const plain = await renderer.render(
        smallDoc([
          { kind: 'heading', level: 1, number: '一、', text: '主体责任' },
          { kind: 'clause', number: '1.', lead: '抓好班子。', text: '带头落实。' },
        ]),
      );
      expect(latin1(plain)).not.toContain('LXGWWenKai');
      expect(pagesRead(kai)?.read).toBe(atStart.read);

      const withKai = await renderer.render(smallDoc([{ kind: 'heading', level: 2, number: '（一）', text: '压实责任' }]));
      expect(latin1(withKai)).toMatch(/\/BaseFont \/[A-Z]{6}\+LXGWWenKai-Regular/);
      const after = pagesRead(kai)?.read ?? 0;
      expect(after).toBeGreaterThan(atStart.read);
      expect(after).toBeLessThan(atStart.read + 40); // 8 glyphs: at most a page or two each
    },
  );
});
