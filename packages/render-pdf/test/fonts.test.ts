import { existsSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createPdfRenderer, fontReason, fontReport, formatFontReport, layOutDocument } from '../src/index.js';
import { smallDoc } from './fixture.js';

const require = createRequire(import.meta.url);
const SERIF = require.resolve('@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf');
const SANS = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
/** Installed by .ci/run (Debian fonts-lxgw-wenkai). */
const WENKAI = '/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf';

describe('fonts by role', () => {
  it('falls back to the bundled Noto fonts on a machine without office or system fonts', () => {
    const r = fontReport({ systemFontDirs: [], fonts: [] });
    expect(r.body).toMatchObject({ face: 'NotoSerifSC-Regular', source: 'bundled', file: SERIF });
    expect(r.title).toMatchObject({ face: 'NotoSerifSC-Black', source: 'bundled' });
    expect(r.bodyBold.face).toBe('NotoSerifSC-Bold');
    expect(r.heading1).toMatchObject({ face: 'NotoSansSC-Regular', source: 'bundled', file: SANS });
    expect(r.heading2).toMatchObject({ face: 'NotoSerifSC-Regular', source: 'bundled' });
    expect(r.pageNumber.face).toBe('NotoSerifSC-Regular');
    expect(formatFontReport(r)[1]).toBe(
      `正文（仿宋）：Noto Serif SC（NotoSerifSC-Regular，随附开源字体）${SERIF}——本机没有仿宋_GB2312 / 仿宋，改用随附的 Noto Serif SC（宋体风格：找不到开源仿宋 FandolFang（TeX Live 或 Debian 软件包 texlive-lang-chinese 自带，可用 --fonts 指定））`,
    );
    expect(fontReason('title', r.title)).toBe('本机没有方正小标宋简体，改用随附的 Noto Serif SC Black（粗重的宋体，最接近小标宋）');
    expect(fontReason('bodyBold', r.bodyBold)).toBe('正文为随附字体时，条款首句用其粗体（Noto Serif SC Bold）');
  });

  it('takes an office font by its file name in a font folder (simhei.ttf → 黑体 role)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qd-office-'));
    symlinkSync(SANS, join(dir, 'SimHei.ttf'));
    const r = fontReport({ systemFontDirs: [dir], fonts: [] });
    expect(r.heading1).toMatchObject({ source: 'office', file: join(dir, 'SimHei.ttf'), face: 'NotoSansSC-Regular' });
    expect(r.body.source).toBe('bundled');
  });

  it('lets the user bind a file to a role, before office fonts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qd-office-'));
    symlinkSync(SANS, join(dir, 'simfang.ttf'));
    const r = fontReport({ systemFontDirs: [dir], fonts: [`body=${SERIF}`] });
    expect(r.body).toMatchObject({ source: 'user', file: SERIF });
    // A body from the user has no bold face: the lead uses the same face.
    expect(r.bodyBold).toMatchObject({ file: SERIF });
  });

  it('names a missing user font in the error', () => {
    expect(() => fontReport({ fonts: ['/nonexistent/fonts'] })).toThrow(/找不到指定的字体「\/nonexistent\/fonts」/);
  });

  // Runs where the font is installed, and always in CI (QINGDAN_REQUIRE_TOOLS=1, set by .ci/run,
  // which installs it): there a missing font fails the test instead of skipping it.
  it.runIf(existsSync(WENKAI) || process.env.QINGDAN_REQUIRE_TOOLS === '1')('uses LXGW WenKai for 楷体 and draws 𠮷 (U+20BB7) from it when the system has it', async () => {
    const renderer = await createPdfRenderer({ systemFontDirs: [dirname(WENKAI)], fonts: [] });
    expect(renderer.fonts.heading2).toMatchObject({ face: 'LXGWWenKai-Regular', source: 'system' });
    const line = layOutDocument(renderer, smallDoc([{ kind: 'paragraph', text: '吉𠮷' }])).pages[0]!.lines[2]!;
    const chars = line.kind === 'text' ? line.chars : [];
    expect(chars.map((c) => [c.ch, c.font.choice.face])).toEqual([
      ['吉', 'NotoSerifSC-Regular'],
      ['𠮷', 'LXGWWenKai-Regular'],
    ]);
  });
});

describe('FandolFang, the open 仿宋', () => {
  const FANDOL = '/usr/local/share/fonts/fandol/FandolFang-Regular.otf';
  // Installed by .ci/run (from Debian texlive-lang-chinese): there a missing font fails the test.
  it.runIf(existsSync(FANDOL) || process.env.QINGDAN_REQUIRE_TOOLS === '1')('serves the body when no office 仿宋 is there, and says why', () => {
    const r = fontReport({ systemFontDirs: [dirname(FANDOL)], fonts: [] });
    expect(r.body).toMatchObject({ file: FANDOL, face: 'FandolFang-Regular', source: 'system' });
    expect(r.bodyBold.face).toBe('FandolFang-Regular');
    expect(fontReason('body', r.body)).toContain('改用开源仿宋体 FandolFang');
  });
});
