/**
 * The cache of shaped text runs (`font.layout(text)`) that a shared font keeps across the
 * documents of a batch (`cacheLayouts` in `fontkit-patches.ts`, the speed-up `pdf-layout-cache`).
 *
 * Which texts recur: the template's own lines recur in every document; a line with a unit's name
 * recurs in that unit's documents (a roster lists a unit's leaders together), then not again; a
 * line with a leader's name or divisions mostly never recurs. So a text is kept from its second
 * layout on, and the least recently used text goes first when the cache is full: the template's
 * lines, used by every document, stay; a finished unit's lines leave. The cache therefore reaches
 * its size within the first documents of a batch and stays there, whatever the roster's length.
 */

/**
 * Texts a {@link LayoutCache} keeps at most, per font: enough for the lines of the two templates
 * that recur in every document (a few hundred), so that a batch lays out almost only the lines
 * with a leader's own values; each kept text costs ≈ 2 KB of heap (its glyph positions).
 */
export const LAYOUT_CACHE_LIMIT = 600;

/** Texts laid out once that a {@link LayoutCache} remembers (as keys only), to keep a text from its second layout on; emptied when full. */
export const LAYOUT_SEEN_LIMIT = 1_000;

/**
 * A bounded cache of values by text: a value is kept from the second time it is offered for the
 * same text, least recently used out first once more than `limit` are kept.
 *
 * @typeParam V - what is kept per text (a fontkit `GlyphRun`)
 */
export class LayoutCache<V> {
  /** Kept values, least recently used first (a Map keeps insertion order). */
  private readonly kept = new Map<string, V>();
  /** Texts offered once and not kept yet. */
  private readonly seenOnce = new Set<string>();
  /** Lookups answered and not answered (for tests and benchmarks). */
  readonly stats = { hits: 0, misses: 0 };

  /**
   * @param limit - most values kept (≥ 1)
   * @param seenLimit - most texts remembered as seen once; the set is emptied when full
   */
  constructor(
    private readonly limit = LAYOUT_CACHE_LIMIT,
    private readonly seenLimit = LAYOUT_SEEN_LIMIT,
  ) {}

  /** Number of values kept. */
  get size(): number {
    return this.kept.size;
  }

  /** The value kept for `text` (now the most recently used), or `undefined`. */
  get(text: string): V | undefined {
    const value = this.kept.get(text);
    if (value === undefined) {
      this.stats.misses += 1;
      return undefined;
    }
    this.stats.hits += 1;
    this.kept.delete(text);
    this.kept.set(text, value);
    return value;
  }

  /**
   * Offers the value just made for `text` (after {@link get} missed): kept when `text` was offered
   * before (and is still remembered), else only remembered as seen once. When more than `limit`
   * values are kept, the least recently used one is dropped.
   */
  offer(text: string, value: V): void {
    if (!this.seenOnce.delete(text)) {
      if (this.seenOnce.size >= this.seenLimit) this.seenOnce.clear();
      this.seenOnce.add(text);
      return;
    }
    this.kept.set(text, value);
    if (this.kept.size > this.limit) {
      const oldest = this.kept.keys().next();
      if (!oldest.done) this.kept.delete(oldest.value);
    }
  }
}
