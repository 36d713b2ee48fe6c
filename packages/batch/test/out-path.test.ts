import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outPath } from '../src/run-common.js';

describe('outPath', () => {
  it('is path.join of the folder and the segments, for the batch’s own names and for odd ones from a hand-edited manifest', () => {
    const dirs = [resolve('/tmp/qingdan-out'), `${resolve('/tmp/qingdan-out')}/`, resolve('/')];
    const relatives = ['2025/区财政局/2025年张三同志履行全面从严治党重要领导责任清单.pdf', 'manifest.json', '.a/b..', 'a/.hidden', '../x', 'a/../b', 'a/./b', 'a//b', '/a', 'a/', '.', 'a/..'];
    for (const dir of dirs) {
      for (const rel of relatives) expect(outPath(dir, rel), `${dir} + ${rel}`).toBe(join(dir, ...rel.split('/')));
    }
    expect(outPath(resolve('/tmp/qingdan-out'), '2025/区财政局/x.pdf')).toBe(join(resolve('/tmp/qingdan-out'), '2025', '区财政局', 'x.pdf'));
  });
});
