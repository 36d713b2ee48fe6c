import { randomBytes } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DeflateMemo, PDF_DEFLATE_LEVEL } from '../src/deflate.js';

/** Compressible, distinct test data of `n` bytes (text with a seed in it). */
function data(seed: string, n: number): Buffer {
  return Buffer.from(`${seed} 全面从严治党主体责任清单 `.repeat(n)).subarray(0, n);
}

describe('DeflateMemo', () => {
  it('gives exactly the bytes zlib gives at the PDF level, and keeps a stream from its second sighting on', () => {
    const memo = new DeflateMemo();
    const input = data('a', 50_000);
    const expected = deflateSync(input, { level: PDF_DEFLATE_LEVEL });
    expect(memo.deflate(input).equals(expected)).toBe(true);
    // Equal bytes in another buffer: the second sighting is deflated again and kept …
    expect(memo.deflate(Buffer.from(input)).equals(expected)).toBe(true);
    expect(memo.stats).toEqual({ hits: 0, misses: 2 });
    // … and answered from the memo from then on.
    expect(memo.deflate(Buffer.from(input)).equals(expected)).toBe(true);
    expect(memo.stats).toEqual({ hits: 1, misses: 2 });
    expect(inflateSync(memo.deflate(input)).equals(input)).toBe(true);
  });

  it('tells apart streams of the same length that differ in one byte', () => {
    const memo = new DeflateMemo();
    const a = data('b', 20_000);
    const b = Buffer.from(a);
    b[19_999] = (b[19_999] ?? 0) ^ 1;
    memo.deflate(a);
    memo.deflate(a); // kept
    const out = memo.deflate(b);
    expect(memo.stats).toEqual({ hits: 0, misses: 3 });
    expect(inflateSync(out).equals(b)).toBe(true);
  });

  it('keeps its own copy: a caller reusing its buffer cannot change what the memo answers', () => {
    const memo = new DeflateMemo();
    const input = data('c', 10_000);
    memo.deflate(input);
    const first = Buffer.from(input);
    memo.deflate(first); // kept (a copy)
    first.fill(0x20);
    const again = memo.deflate(input);
    expect(memo.stats.hits).toBe(1);
    expect(inflateSync(again).equals(input)).toBe(true);
  });

  it('does not keep streams below the minimum size', () => {
    const memo = new DeflateMemo(1_000_000, 1024);
    const small = data('d', 1023);
    memo.deflate(small);
    memo.deflate(small);
    expect(memo.stats).toEqual({ hits: 0, misses: 0 });
  });

  it('drops the least recently used streams beyond its byte limit, and keeps the ones in use', () => {
    // Incompressible 40 KB inputs: each kept entry holds ≈ 80 KB (input + output); the limit fits two.
    const memo = new DeflateMemo(170_000, 1024);
    const [a, b, c] = [randomBytes(40_000), randomBytes(40_000), randomBytes(40_000)];
    const twice = (x: Buffer): void => {
      memo.deflate(x);
      memo.deflate(x);
    };
    twice(a);
    twice(b);
    memo.deflate(a); // a hit: a is now the most recent
    twice(c); // kept: drops b, the least recently used
    expect(memo.stats).toEqual({ hits: 1, misses: 6 });
    memo.deflate(a);
    expect(memo.stats.hits).toBe(2);
    memo.deflate(b);
    expect(memo.stats.misses).toBe(7);
  });

  it('deflates a stream larger than the whole limit without keeping it', () => {
    const memo = new DeflateMemo(10_000, 1024);
    const big = randomBytes(20_000);
    expect(inflateSync(memo.deflate(big)).equals(big)).toBe(true);
    memo.deflate(big);
    expect(memo.stats).toEqual({ hits: 0, misses: 2 });
  });
});
