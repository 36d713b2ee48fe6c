import { describe, expect, it } from 'vitest';
import { compareCodeUnits } from '../src/hash.js';
import { manifestOutputBytes, manifestParts, type Manifest, type ManifestOutput } from '../src/manifest.js';

const manifestBytes = (h: Omit<Manifest, 'outputs'>, outputs: Buffer[]): Buffer => Buffer.concat(manifestParts(h, outputs));

const output = (key: string, extra: Partial<ManifestOutput> = {}): ManifestOutput => ({
  key,
  templateId: 'responsibility-list',
  templateVersion: '1.2.0',
  unit: '区“财政”局\\<试行>',
  row: 7,
  inputHash: 'ab'.repeat(32),
  files: [
    { format: 'docx', path: `2025/区财政局/${key}.docx`, sha256: 'cd'.repeat(32), bytes: 23_456 },
    { format: 'pdf', path: `2025/区财政局/${key}.pdf`, sha256: 'ef'.repeat(32), bytes: 198_765 },
  ],
  writtenAt: '2026-11-29T13:00:00.000Z',
  ...extra,
});

const head: Omit<Manifest, 'outputs'> = {
  schema: 'qingdan-manifest/1',
  updatedAt: '2026-11-29T13:00:01.000Z',
  roster: { hash: '01'.repeat(32) },
  templates: { 'responsibility-list': { name: '履行全面从严治党重要领导责任清单', version: '1.2.0', hash: '23'.repeat(32) } },
  renderers: { '@qingdan/engine': '0.1.0', pdfmake: '0.3.0' },
  fonts: null,
};

describe('manifest bytes', () => {
  it('are JSON.stringify(manifest, null, 2) and a line break, byte for byte, from outputs serialised one by one', () => {
    const outputs = [
      output('responsibility-list/区财政局/张三', { leader: '张三', fontsHash: '45'.repeat(32) }),
      output('task-list/区财政局'),
      output('responsibility-list/区财政局/李四 "小李"', { leader: '李四 "小李"\n' }),
    ].sort((a, b) => compareCodeUnits(a.key, b.key));
    const expected = `${JSON.stringify({ ...head, outputs }, null, 2)}\n`;
    expect(manifestBytes(head, outputs.map(manifestOutputBytes)).toString('utf8')).toBe(expected);
    expect(JSON.parse(manifestBytes(head, outputs.map(manifestOutputBytes)).toString('utf8'))).toEqual({ ...head, outputs });
  });

  it('write an empty list as JSON.stringify does', () => {
    expect(manifestBytes(head, []).toString('utf8')).toBe(`${JSON.stringify({ ...head, outputs: [] }, null, 2)}\n`);
    expect(manifestBytes(head, []).toString('utf8')).toContain('"outputs": []\n}\n');
  });

  it('order keys by code unit, as the manifest lists them', () => {
    expect(['b', 'B', 'a', '区', 'a/b'].sort(compareCodeUnits)).toEqual(['B', 'a', 'a/b', 'b', '区']);
  });
});
