import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createPdfRenderer, fontFileBytes } from '../src/index.js';
import { responsibilityList, smallDoc } from './fixture.js';

describe('font files read once into shared memory', () => {
  it('fontFileBytes lists every file serving a role, whole, in SharedArrayBuffers', async () => {
    const renderer = await createPdfRenderer();
    const bytes = fontFileBytes();
    for (const choice of Object.values(renderer.fonts)) {
      const b = bytes.get(choice.file);
      expect(b, choice.file).toBeDefined();
      expect(b?.byteLength).toBe(statSync(choice.file).size);
      expect(b?.buffer).toBeInstanceOf(SharedArrayBuffer);
    }
  });

  it('a renderer given those bytes (fontBytes) serves the same files', async () => {
    const first = await createPdfRenderer();
    const again = await createPdfRenderer({ fontBytes: new Map(fontFileBytes()) });
    expect(again.fonts).toEqual(first.fonts);
  });
});

describe('text layout and glyph data remembered across documents', () => {
  /** The PDF without its creation date and file ID (the bytes that change from one render to the next). */
  const undated = (b: Uint8Array): string => Buffer.from(b).toString('latin1').replace(/\(D:\d+Z\)/g, '').replace(/\/ID \[[^\]]*\]/g, '');

  it('renders a document the same before and after another document', async () => {
    const renderer = await createPdfRenderer();
    const doc = responsibilityList();
    // The renderer's first PDF too: its streams are deflated like every later one's.
    const first = undated(await renderer.render(doc));
    const other = undated(await renderer.render(smallDoc([{ kind: 'paragraph', text: '另一份文档：排版缓存不得改变其他文档。' }], ['另一份'])));
    const third = undated(await renderer.render(doc));
    expect(third.length).toBe(first.length);
    expect(third === first).toBe(true);
    expect(other === first).toBe(false);
  });
});
