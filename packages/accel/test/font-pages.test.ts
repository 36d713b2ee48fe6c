import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ensureFontBytes, GLYPH_PAGE_BYTES, pagesRead, readFontFile } from '../src/font-pages.js';

const require = createRequire(import.meta.url);
const SERIF = require.resolve('@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf');

/** `[start, end)` of the `glyf` table of a (single-face) font file. */
function glyfRange(file: Buffer): [number, number] {
  const tables = file.readUInt16BE(4);
  for (let i = 0; i < tables; i += 1) {
    const rec = 12 + 16 * i;
    if (file.toString('latin1', rec, rec + 4) === 'glyf') return [file.readUInt32BE(rec + 8), file.readUInt32BE(rec + 8) + file.readUInt32BE(rec + 12)];
  }
  throw new Error('no glyf');
}

describe('font files with their outlines read on demand', () => {
  const whole = readFileSync(SERIF);
  const [glyfStart, glyfEnd] = glyfRange(whole);

  it('holds every byte outside the glyf table at once, and leaves the outlines on disk', () => {
    const bytes = readFontFile(SERIF);
    expect(bytes.byteLength).toBe(whole.byteLength);
    expect(bytes.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(bytes.subarray(0, glyfStart).equals(whole.subarray(0, glyfStart))).toBe(true);
    expect(bytes.subarray(glyfEnd).equals(whole.subarray(glyfEnd))).toBe(true);
    const pages = pagesRead(bytes);
    const glyfPages = Math.floor(glyfEnd / GLYPH_PAGE_BYTES) - Math.ceil(glyfStart / GLYPH_PAGE_BYTES);
    expect(pages?.total).toBe(Math.ceil(whole.byteLength / GLYPH_PAGE_BYTES));
    expect(pages?.read).toBe((pages?.total ?? 0) - glyfPages);
    // A page in the middle of glyf is not read: zeros where the file has outline data.
    const mid = Math.floor((glyfStart + glyfEnd) / 2 / GLYPH_PAGE_BYTES) * GLYPH_PAGE_BYTES;
    expect(bytes.subarray(mid, mid + GLYPH_PAGE_BYTES).every((b) => b === 0)).toBe(true);
    expect(whole.subarray(mid, mid + GLYPH_PAGE_BYTES).some((b) => b !== 0)).toBe(true);
  });

  it('reads the pages a range needs, once, with the file’s bytes; the whole file ends equal to it', () => {
    const bytes = readFontFile(SERIF);
    const before = pagesRead(bytes)?.read ?? 0;
    const start = glyfStart + 100_000;
    ensureFontBytes(bytes.buffer, start, start + 10);
    expect(pagesRead(bytes)?.read).toBe(before + 1);
    expect(bytes.subarray(start, start + 10).equals(whole.subarray(start, start + 10))).toBe(true);
    ensureFontBytes(bytes.buffer, start, start + 10);
    expect(pagesRead(bytes)?.read).toBe(before + 1);
    ensureFontBytes(bytes.buffer, 0, whole.byteLength);
    expect(Buffer.from(bytes).equals(whole)).toBe(true);
  });

  it('does nothing for a buffer that is not a paged font file', () => {
    const plain = new Uint8Array(whole);
    ensureFontBytes(plain.buffer, 0, plain.byteLength);
    expect(pagesRead(plain)).toBeUndefined();
  });
});
