/**
 * The speed-ups inside fontkit (the one instance pdfkit uses): parsed fonts shared with pdfkit
 * across documents (`pdf-font-share`), glyph outlines read from disk when first drawn
 * (`pdf-font-pages`, with `font-pages.ts`), shaped text kept across documents
 * (`pdf-layout-cache`) and TrueType subsets that copy a glyph's bytes without decoding it
 * (`pdf-subset`). Each is installed by `install.ts` only when its guard passes; each gives the
 * bytes the plain library gives.
 */
import { ensureFontBytes } from './font-pages.js';
import { LayoutCache } from './layout-cache.js';

/** The parts of fontkit's module this file uses. */
export interface FontkitModule {
  registerFormat(format: unknown): void;
}

/** A parsed fontkit font, as far as the patches use it. */
interface FkFont {
  stream?: { buffer?: Uint8Array };
  directory?: { tables?: Record<string, { offset: number } | undefined> };
  loca?: { offsets: ArrayLike<number> };
  getGlyph(gid: number): object;
  createSubset?(): object;
  layout?: (text: string, features?: unknown, ...rest: unknown[]) => FkRun;
}

/** First bytes of a token; 0xFF bytes make every built-in fontkit format reject it. */
export const TOKEN_MAGIC = Buffer.from([0x51, 0x44, 0x46, 0x54, 0xff, 0xff, 0xff, 0xff]); // "QDFT" + 0xFFFFFFFF

const shared = new Map<string, object>();
const registered = new WeakSet<object>();

/**
 * `pdf-font-share`: pdfkit opens every font of every document with `fontkit.create(bytes)`, i.e.
 * parses it again per document. Instead pdfkit is given a small token (a few bytes that begin with
 * {@link TOKEN_MAGIC}); a font format registered with fontkit's public `registerFormat` recognises
 * it and returns the font object parsed earlier, so the parse, the cmap and the glyph tables are
 * shared by every document; each document still makes its own subset.
 */
export function registerSharedFormat(fontkit: FontkitModule): void {
  if (registered.has(fontkit)) return;
  registered.add(fontkit);
  class SharedFontFormat {
    static probe(buffer: Uint8Array): boolean {
      return buffer.length > TOKEN_MAGIC.length && Buffer.from(buffer.buffer, buffer.byteOffset, TOKEN_MAGIC.length).equals(TOKEN_MAGIC);
    }

    constructor(stream: { buffer: Uint8Array }) {
      const id = Buffer.from(stream.buffer).subarray(TOKEN_MAGIC.length).toString('utf8');
      const font = shared.get(id);
      if (!font) throw new Error(`qingdan: unknown shared font token ${id}`);
      // A constructor that returns an object makes `new` yield that object: the parsed font.
      return font as unknown as SharedFontFormat;
    }
  }
  fontkit.registerFormat(SharedFontFormat);
}

/**
 * Registers a parsed font under `id` and returns the token bytes that stand for it in pdfkit.
 *
 * @param id - a process-unique id (e.g. the file path and face name)
 * @param font - the parsed font
 * @returns a Buffer that `fontkit.create` turns back into `font`
 */
export function shareFont(id: string, font: object): Buffer {
  shared.set(id, font);
  return Buffer.concat([TOKEN_MAGIC, Buffer.from(id, 'utf8')]);
}

/** The parts of a fontkit TrueType glyph that {@link readGlyphsOnDemand} wraps. */
interface FkTtfGlyph {
  id: number;
  _font: FkFont;
  _getCBox(internal?: boolean): unknown;
  _decode(): unknown;
}

/**
 * Makes sure the `glyf` bytes of glyph `gid` are in memory before they are read (see
 * `font-pages.ts`: font files are read with their outlines left on disk until needed).
 */
export function ensureGlyphBytes(font: FkFont, gid: number): void {
  const buffer = font.stream?.buffer?.buffer;
  const glyf = font.directory?.tables?.glyf;
  const offsets = font.loca?.offsets;
  if (!buffer || !glyf || !offsets) return;
  const start = offsets[gid] ?? 0;
  ensureFontBytes(buffer, glyf.offset + start, glyf.offset + (offsets[gid + 1] ?? start));
}

const onDemandGlyphs = new WeakSet<object>();
const onDemandSubsets = new WeakSet<object>();

/**
 * `pdf-font-pages`: fontkit reads a TrueType glyph's bytes in three places, `TTFGlyph._getCBox`
 * (the bounding box, for metrics), `TTFGlyph._decode` (the outline, for compound glyphs and paths)
 * and `TTFSubset._addGlyph` (the subset copies them); each is wrapped (once per prototype, found
 * through `font`) so that the glyph's bytes are read from the file first when they are not in
 * memory yet. Fonts whose bytes are not paged are unaffected (the check finds nothing to read).
 *
 * @returns false when `font` is not a TrueType font with the methods this wraps
 */
export function readGlyphsOnDemand(font: object): boolean {
  const f = font as FkFont;
  if (!f.directory?.tables?.glyf || typeof f.getGlyph !== 'function') return false;
  const proto = Object.getPrototypeOf(f.getGlyph(0)) as FkTtfGlyph;
  if (typeof proto._getCBox !== 'function' || typeof proto._decode !== 'function') return false;
  if (!onDemandGlyphs.has(proto)) {
    onDemandGlyphs.add(proto);
    const getCBox = proto._getCBox;
    const decode = proto._decode;
    proto._getCBox = function cboxWithBytes(this: FkTtfGlyph, internal?: boolean): unknown {
      ensureGlyphBytes(this._font, this.id);
      return getCBox.call(this, internal);
    };
    proto._decode = function decodeWithBytes(this: FkTtfGlyph): unknown {
      ensureGlyphBytes(this._font, this.id);
      return decode.call(this);
    };
  }
  const subset = typeof f.createSubset === 'function' ? f.createSubset() : undefined;
  const subsetProto = subset ? (Object.getPrototypeOf(subset) as FkTtfSubset) : undefined;
  if (subsetProto && typeof subsetProto._addGlyph === 'function' && !onDemandSubsets.has(subsetProto)) {
    onDemandSubsets.add(subsetProto);
    const addGlyph = subsetProto._addGlyph;
    subsetProto._addGlyph = function addGlyphWithBytes(this: FkTtfSubset, gid: number): number {
      ensureGlyphBytes(this.font as unknown as FkFont, gid);
      return addGlyph.call(this, gid);
    };
  }
  return true;
}

/** A fontkit glyph run as pdfkit uses it (`GlyphRun`: glyphs, positions, more fields). */
interface FkRun {
  glyphs: unknown[];
  positions: Record<string, number>[];
}

/**
 * `pdf-layout-cache`: `font.layout(text)` (OpenType shaping; pdfkit calls it for every text run of
 * every document, and its own cache lives one document) is remembered across documents per font
 * in a {@link LayoutCache} (from a text's second layout on, least recently used out first); every
 * call still returns a fresh run, since pdfkit scales the positions of the run in place. Only for
 * shared fonts (`pdf-font-share`): a font pdfkit parses per document lives one document.
 */
export function cacheLayouts(font: object): boolean {
  const f = font as FkFont;
  const layout = f.layout;
  if (typeof layout !== 'function') return false;
  if (Object.prototype.hasOwnProperty.call(f, 'layout')) return true;
  const runs = new LayoutCache<FkRun>();
  f.layout = function cachedLayout(text: string, features?: unknown, ...rest: unknown[]): FkRun {
    if (features !== undefined || rest.length > 0 || typeof text !== 'string') return layout.call(this, text, features, ...rest);
    let run = runs.get(text);
    if (!run) {
      run = layout.call(this, text);
      runs.offer(text, run);
    }
    const copy = Object.assign(Object.create(Object.getPrototypeOf(run) as object) as FkRun, run);
    copy.glyphs = run.glyphs.slice();
    copy.positions = run.positions.map((p) => Object.assign(Object.create(Object.getPrototypeOf(p) as object) as Record<string, number>, p));
    return copy;
  };
  return true;
}

/** The parts of fontkit's TrueType subset (`TTFSubset`) that {@link copyGlyphBytes} replaces. */
interface FkTtfSubset {
  font: {
    getGlyph(gid: number): { advanceWidth: number; _decode(): { numberOfContours: number; components?: { glyphID: number; pos: number }[] } | null; _getMetrics(): { leftBearing: number } };
    loca: { offsets: number[] };
    _getTableStream(tag: string): { pos: number; readBuffer(n: number): Uint8Array };
    _variationProcessor?: unknown;
  };
  glyf: Uint8Array[];
  loca: { offsets: number[] };
  hmtx: { metrics: { advance: number; bearing: number }[] };
  offset: number;
  includeGlyph(gid: number): number;
  _addGlyph(gid: number): number;
}

/** What a subset needs of one glyph: its `glyf` bytes, its components (compound glyphs), its metrics. */
interface GlyphEntry {
  bytes: Uint8Array;
  components: { glyphID: number; pos: number }[] | null;
  advance: number;
  bearing: number;
}

/** Glyph object (shared per font by fontkit) → what a subset copies of it. */
const glyphEntries = new WeakMap<object, GlyphEntry>();
const copyingSubsets = new WeakSet<object>();

/**
 * `pdf-subset`: TrueType subsetting (`TTFSubset._addGlyph`, once per glyph per document) decodes
 * each glyph's outline only to learn whether it is compound; here only a compound glyph (a
 * negative `numberOfContours`) is decoded, and what the subset copies of a glyph (its `glyf`
 * bytes, its components, its advance and left bearing) is remembered per glyph object. Variable
 * fonts keep fontkit's own code (their outlines are re-encoded per instance).
 *
 * @returns false when `font` has no TrueType subset with the method this replaces
 */
export function copyGlyphBytes(font: object): boolean {
  const f = font as FkFont;
  const subset = typeof f.createSubset === 'function' ? f.createSubset() : undefined;
  const proto = subset ? (Object.getPrototypeOf(subset) as FkTtfSubset) : undefined;
  if (!proto || typeof proto._addGlyph !== 'function' || !('glyphEncoder' in (subset as object))) return false;
  if (copyingSubsets.has(proto)) return true;
  copyingSubsets.add(proto);
  const addGlyph = proto._addGlyph;
  proto._addGlyph = function cachedAddGlyph(this: FkTtfSubset, gid: number): number {
    if (this.font._variationProcessor) return addGlyph.call(this, gid);
    const glyph = this.font.getGlyph(gid);
    let entry = glyphEntries.get(glyph);
    if (!entry) {
      ensureGlyphBytes(this.font as unknown as FkFont, gid);
      const cur = this.font.loca.offsets[gid] ?? 0;
      const next = this.font.loca.offsets[gid + 1] ?? cur;
      const stream = this.font._getTableStream('glyf');
      stream.pos += cur;
      const bytes = stream.readBuffer(next - cur);
      // numberOfContours (int16 at the start of the glyph's data, OpenType `glyf`): negative for a
      // compound glyph, whose components only fontkit's decoder reads; a simple glyph's outline is
      // not decoded at all (the subset copies its bytes).
      const contours = bytes.length >= 2 ? (((bytes[0] ?? 0) << 24) >> 16) | (bytes[1] ?? 0) : 0;
      const glyf = contours < 0 ? glyph._decode() : null;
      entry = {
        bytes,
        components: glyf && glyf.numberOfContours < 0 ? (glyf.components ?? []).map((c) => ({ glyphID: c.glyphID, pos: c.pos })) : null,
        advance: glyph.advanceWidth,
        bearing: glyph._getMetrics().leftBearing,
      };
      glyphEntries.set(glyph, entry);
    }
    let buffer = entry.bytes;
    if (entry.components) {
      buffer = new Uint8Array(buffer);
      const view = new DataView(buffer.buffer);
      for (const c of entry.components) view.setUint16(c.pos, this.includeGlyph(c.glyphID));
    }
    this.glyf.push(buffer);
    this.loca.offsets.push(this.offset);
    this.hmtx.metrics.push({ advance: entry.advance, bearing: entry.bearing });
    this.offset += buffer.length;
    return this.glyf.length - 1;
  };
  return true;
}
