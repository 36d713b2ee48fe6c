/**
 * `docx-static-parts` of `@qingdan/accel`, the cache of static DOCX parts: a render that reuses the parts compiled for an earlier
 * document of the same layout must give the same bytes, part by part, as a full compile.
 */
import { gbt9704, type LayoutProfile } from '@qingdan/layout';
import type { ResolvedDocument } from '@qingdan/model';
import { Packer } from 'docx';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildDocxDocument, type RenderDocxOptions } from '@qingdan/render-docx';
import { packDocx } from '../packages/accel/src/docx-pack.js';
import { resolvedDocument, seedResponsibilityList } from '../packages/render-docx/test/fixture.js';

/** DOCX bytes of a document, packed by accel with (`cached`) or without the static parts. */
async function renderDocx(doc: ResolvedDocument, options: RenderDocxOptions, cached: boolean): Promise<Uint8Array> {
  const bytes = packDocx(buildDocxDocument(doc, options), options.layout ?? gbt9704, cached);
  if (!bytes) throw new Error('packDocx gave nothing: docx has no compiler?');
  return bytes;
}

/** Every file of a zip, by path, in the zip's order. */
async function unzip(bytes: Uint8Array): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, Buffer>();
  for (const name of Object.keys(zip.files)) out.set(name, await zip.file(name)!.async('nodebuffer'));
  return out;
}

const seed = seedResponsibilityList();
const other = resolvedDocument(
  [
    { kind: 'heading', level: 2, number: '（一）', text: '第二级标题' },
    { kind: 'clause', number: '1.', lead: '加强领导。', text: '第一行\n第二行\t制表 ABC 123' },
    { kind: 'paragraph', text: '一段 & <特殊> "字符"' },
  ],
  ['2024年', '重点任务清单'],
  { templateId: 'key-tasks', templateVersion: '1.2.3', fileName: '2024年重点任务清单', meta: { year: 2024 } },
);
/** A layout object of its own, page numbers on one side: footers and settings differ from gbt9704. */
const oneSided: LayoutProfile = { ...gbt9704, pageNumber: { ...gbt9704.pageNumber, oddRightEvenLeft: false } };

const cases: [string, ResolvedDocument, RenderDocxOptions][] = [
  ['seed, gbt9704', seed, {}],
  ['other, gbt9704, plain leads', other, { boldLead: false }],
  ['seed again, gbt9704', seed, { layout: gbt9704 }],
  ['other, one-sided page numbers', other, { layout: oneSided }],
  ['seed, one-sided page numbers', seed, { layout: oneSided }],
];

describe('static parts cache', () => {
  beforeAll(() => {
    // core.xml carries the time of the render: hold the clock still so two renders can match.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-04T05:06:07.890Z'));
  });
  afterAll(() => {
    vi.useRealTimers();
  });

  it('gives the bytes of a full compile, part by part, for two documents and two layouts', async () => {
    const fresh: Uint8Array[] = [];
    for (const [, doc, options] of cases) fresh.push(await renderDocx(doc, options, false));
    // The two documents differ where they should, so equality below is not vacuous.
    const [a, b] = [await unzip(fresh[0]!), await unzip(fresh[1]!)];
    expect(a.get('word/document.xml')!.equals(b.get('word/document.xml')!)).toBe(false);
    expect(a.get('docProps/core.xml')!.equals(b.get('docProps/core.xml')!)).toBe(false);
    expect(a.get('word/styles.xml')!.equals(b.get('word/styles.xml')!)).toBe(true);
    const c = await unzip(fresh[3]!);
    expect(a.get('word/settings.xml')!.equals(c.get('word/settings.xml')!)).toBe(false);

    const compiler = (Packer as unknown as { compiler: { compile: (...args: unknown[]) => Map<string, string | Uint8Array> } }).compiler;
    const compile = vi.spyOn(compiler, 'compile');
    try {
      for (const [i, [name, doc, options]] of cases.entries()) {
        const cached = await renderDocx(doc, options, true);
        const [got, want] = [await unzip(cached), await unzip(fresh[i]!)];
        expect([...got.keys()], name).toEqual([...want.keys()]);
        for (const [path, bytes] of want) expect(got.get(path)!.equals(bytes), `${name}: ${path}`).toBe(true);
        expect(Buffer.from(cached).equals(Buffer.from(fresh[i]!)), `${name}: whole file`).toBe(true);
      }
      // The first render of each layout compiled every part; the others only the document's own
      // (the static parts were stand-ins, so their compiled XML was the placeholder).
      const styles = compile.mock.results.map((r) => String((r.value as Map<string, string>).get('word/styles.xml')));
      expect(styles.map((s) => s.includes('qingdan-skipped'))).toEqual([false, true, true, false, true]);
    } finally {
      compile.mockRestore();
    }
  });

  it('does not reuse parts after the layout object is changed in place', async () => {
    const layout: LayoutProfile = structuredClone(gbt9704);
    const twoSided = await renderDocx(other, { layout }, false);
    (layout.pageNumber as { oddRightEvenLeft: boolean }).oddRightEvenLeft = false;
    const oneSidedFresh = await renderDocx(other, { layout }, false);
    (layout.pageNumber as { oddRightEvenLeft: boolean }).oddRightEvenLeft = true;
    expect(Buffer.from(await renderDocx(other, { layout }, true)).equals(Buffer.from(twoSided))).toBe(true);
    (layout.pageNumber as { oddRightEvenLeft: boolean }).oddRightEvenLeft = false;
    expect(Buffer.from(await renderDocx(other, { layout }, true)).equals(Buffer.from(oneSidedFresh))).toBe(true);
  });
});
