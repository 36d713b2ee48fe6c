import { describe, expect, it } from 'vitest';
import { LayoutCache } from '../src/layout-cache.js';

/** Looks `text` up as the font's `layout` does: a miss makes the value and offers it. */
function layOut(cache: LayoutCache<string>, text: string): string {
  const kept = cache.get(text);
  if (kept !== undefined) return kept;
  const made = `run of ${text}`;
  cache.offer(text, made);
  return made;
}

describe('LayoutCache', () => {
  it('keeps a text from its second layout on', () => {
    const cache = new LayoutCache<string>(10, 10);
    expect(layOut(cache, '全面从严治党')).toBe('run of 全面从严治党');
    expect(cache.size).toBe(0);
    layOut(cache, '全面从严治党');
    expect(cache.size).toBe(1);
    expect(layOut(cache, '全面从严治党')).toBe('run of 全面从严治党');
    expect(cache.stats).toEqual({ hits: 1, misses: 2 });
  });

  it('drops the least recently used text when full, and keeps the ones in use', () => {
    const cache = new LayoutCache<string>(2, 10);
    for (const t of ['a', 'a', 'b', 'b']) layOut(cache, t);
    layOut(cache, 'a'); // a hit: 'a' is now the most recent
    layOut(cache, 'c');
    layOut(cache, 'c'); // kept: drops 'b', the least recently used
    expect(cache.size).toBe(2);
    expect(cache.get('a')).toBe('run of a');
    expect(cache.get('c')).toBe('run of c');
    expect(cache.get('b')).toBeUndefined();
  });

  it('stays at its limit over a long batch while the recurring lines keep being answered', () => {
    // Each "document": 50 fixed lines, 5 lines of its unit (20 documents a unit), 3 lines of its leader.
    const cache = new LayoutCache<string>(100, 10_000);
    const sizes: number[] = [];
    for (let doc = 0; doc < 1000; doc++) {
      const unit = Math.floor(doc / 20);
      for (let i = 0; i < 50; i++) layOut(cache, `固定行 ${i}`);
      for (let i = 0; i < 5; i++) layOut(cache, `单位 ${unit} 行 ${i}`);
      for (let i = 0; i < 3; i++) layOut(cache, `领导 ${doc} 行 ${i}`);
      if (doc === 99 || doc === 499 || doc === 999) sizes.push(cache.size);
    }
    // 50 fixed lines + 5 of each unit so far (5 units by document 100), then at the limit for good.
    expect(sizes).toEqual([75, 100, 100]);
    // Every fixed line is still kept after 1,000 documents.
    for (let i = 0; i < 50; i++) expect(cache.get(`固定行 ${i}`)).toBe(`run of 固定行 ${i}`);
    // Misses: the first two documents' fixed lines, each unit's first two documents' lines, every leader line.
    expect(cache.stats.misses).toBe(2 * 50 + 50 * 2 * 5 + 1000 * 3);
  });

  it('forgets the texts seen once when that set is full', () => {
    const cache = new LayoutCache<string>(10, 2);
    layOut(cache, 'x');
    layOut(cache, 'y');
    layOut(cache, 'z'); // the seen-once set was full: emptied, then 'z' remembered
    layOut(cache, 'x'); // seen once again, not kept
    expect(cache.size).toBe(0);
    layOut(cache, 'z');
    expect(cache.size).toBe(1);
  });
});
