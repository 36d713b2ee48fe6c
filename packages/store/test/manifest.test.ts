import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MANIFEST_SCHEMA, type Manifest, type ManifestOutput } from '@qingdan/model';
import { JOURNAL_FILE, MANIFEST_FILE, openOutputFolder, readManifest, sha256 } from '../src/index.js';

const tmp = mkdtempSync(join(tmpdir(), 'qingdan-manifest-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const folder = (): string => {
  const dir = join(tmp, `f${++n}`);
  mkdirSync(dir, { recursive: true });
  return dir;
};

/** Writes a document's files under `dir` and returns its manifest entry. */
function doc(dir: string, key: string, content: Record<'docx' | 'pdf', string>): ManifestOutput {
  mkdirSync(join(dir, '2025/区财政局'), { recursive: true });
  const files = (['docx', 'pdf'] as const).map((format) => {
    const path = `2025/区财政局/${key}.${format}`;
    writeFileSync(join(dir, path), content[format]);
    return { format, path, sha256: sha256(content[format]), bytes: Buffer.byteLength(content[format]) };
  });
  return { key, templateId: 'responsibility-list', templateVersion: '1.0.0', year: 2025, unit: '区财政局', leader: key, row: 2, inputHash: 'h', files, findings: [], writtenAt: '2026-12-04T00:00:00.000Z' };
}
const manifest = (outputs: ManifestOutput[]): Manifest => ({
  schema: MANIFEST_SCHEMA,
  updatedAt: '2026-12-04T00:00:00.000Z',
  roster: null,
  templates: {},
  renderers: {},
  fonts: null,
  warnings: [],
  outputs,
  edited: [],
});
const head = { roster: null, templates: {}, renderers: {}, fonts: null, warnings: [] };

describe('readManifest', () => {
  it('parses with the schema; none, bad JSON and another schema are told apart', async () => {
    const dir = folder();
    expect(await readManifest(dir)).toEqual({ manifest: undefined, journal: false });
    writeFileSync(join(dir, MANIFEST_FILE), '{ "schema": ');
    expect((await readManifest(dir)).problem).toMatch(/^不是有效的 JSON/);
    writeFileSync(join(dir, MANIFEST_FILE), JSON.stringify({ schema: 'qingdan-manifest/1', outputs: [] }));
    expect((await readManifest(dir)).problem).toBe('记录格式为 "qingdan-manifest/1"，本版本使用 qingdan-manifest/2');
    writeFileSync(join(dir, MANIFEST_FILE), JSON.stringify({ ...manifest([]), outputs: [{ key: 1 }] }));
    expect((await readManifest(dir)).problem).toMatch(/^字段 outputs\.0\.key：/);
  });

  it('folds in a killed run’s journal: writing unlists, list lists; a torn last line is ignored, a bad line before others is damage', async () => {
    const dir = folder();
    const a = doc(dir, '甲', { docx: 'a1', pdf: 'a2' });
    const b = doc(dir, '乙', { docx: 'b1', pdf: 'b2' });
    writeFileSync(join(dir, MANIFEST_FILE), JSON.stringify(manifest([a])));
    const journal = join(dir, JOURNAL_FILE);
    writeFileSync(journal, `${JSON.stringify({ op: 'writing', key: '甲', paths: a.files.map((f) => f.path) })}\n${JSON.stringify({ op: 'list', entry: b })}\n{"op":"li`);
    const read = await readManifest(dir);
    expect(read.journal).toBe(true);
    expect(read.problem).toBeUndefined();
    expect(read.manifest?.outputs.map((o) => o.key)).toEqual(['乙']);
    appendFileSync(journal, `\n${JSON.stringify({ op: 'unlist', key: '乙' })}\n`);
    expect((await readManifest(dir)).problem).toBe(`日志 ${JOURNAL_FILE} 第 3 行无法读取`);
  });
});

describe('openOutputFolder', () => {
  it('keeps intact documents, drops one with a missing file, keeps a hand-edited document whole (unless forced)', async () => {
    const dir = folder();
    const intact = doc(dir, '甲', { docx: 'a1', pdf: 'a2' });
    const missing = doc(dir, '乙', { docx: 'b1', pdf: 'b2' });
    const edited = doc(dir, '丙', { docx: 'c1', pdf: 'c2' });
    writeFileSync(join(dir, MANIFEST_FILE), JSON.stringify(manifest([intact, missing, edited])));
    rmSync(join(dir, missing.files[1]!.path));
    writeFileSync(join(dir, edited.files[0]!.path), 'c1 edited in Word');
    const f = await openOutputFolder(dir);
    expect([...f.previous.keys()]).toEqual(['甲']);
    expect(f.edited.map((e) => [e.key, e.path.split('.').pop(), e.sha256 === sha256('c1 edited in Word')])).toEqual([
      ['丙', 'docx', true],
      ['丙', 'pdf', false],
    ]);
    expect(f.newlyEdited.map((e) => e.path)).toEqual([edited.files[0]!.path]);
    // Written at once, so the protection holds even if this run is killed before it lists anything.
    const onDisk = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8')) as Manifest;
    expect(onDisk.edited.map((e) => e.key)).toEqual(['丙', '丙']);
    await f.close(head);
    const again = await openOutputFolder(dir);
    expect(again.edited).toHaveLength(2);
    expect(again.newlyEdited).toEqual([]);
    await again.abandon();
    const forced = await openOutputFolder(dir, { force: true });
    expect(forced.edited).toEqual([]);
    await forced.abandon();
  });

  it('writes a journal line per change and folds it into the manifest on close', async () => {
    const dir = folder();
    const f = await openOutputFolder(dir);
    const a = doc(dir, '甲', { docx: 'a1', pdf: 'a2' });
    f.writing('甲', a.files.map((x) => x.path));
    f.list(a);
    const lines = readFileSync(join(dir, JOURNAL_FILE), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { op: string });
    expect(lines.map((l) => l.op)).toEqual(['writing', 'list']);
    await f.close(head);
    expect(existsSync(join(dir, JOURNAL_FILE))).toBe(false);
    expect((JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8')) as Manifest).outputs.map((o) => o.key)).toEqual(['甲']);
  });

  it('sets a damaged manifest aside with a notice, and removes stale temporary files', async () => {
    const dir = folder();
    writeFileSync(join(dir, MANIFEST_FILE), 'not json');
    mkdirSync(join(dir, '2025/区财政局'), { recursive: true });
    writeFileSync(join(dir, '2025/区财政局/.qingdan-123-1-abcd.tmp'), 'half');
    const f = await openOutputFolder(dir);
    expect(f.notices[0]).toBe('已删除上次中断时留下的 1 个临时文件。');
    expect(f.notices[1]).toMatch(/^清单记录 .+manifest\.json 已损坏（不是有效的 JSON.+），已另存为 .+manifest\.json\.damaged-\d+；本次按输出文件夹中的文件重新生成并重建记录。$/);
    expect(readdirSync(join(dir, '2025/区财政局'))).toEqual([]);
    await f.close(head);
  });

  it('says in Chinese why a folder cannot be made', async () => {
    const file = join(folder(), 'a-file');
    writeFileSync(file, '');
    await expect(openOutputFolder(join(file, 'out'))).rejects.toMatchObject({
      code: 'IO_FAILED',
      message: expect.stringMatching(/^无法创建输出文件夹 .+a-file\/out：路径中有一部分不是文件夹（是一个文件）（ENOTDIR）。请换一个输出文件夹（--out），或移走同名的文件。$/),
    });
  });
});
