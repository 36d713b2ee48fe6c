/**
 * The one fontkit instance that pdfkit (under pdfmake) uses, and a way to hand it fonts that are
 * already parsed.
 *
 * pdfkit opens every font of every document with `fontkit.create(bytes)`, i.e. parses it again
 * per document. To parse each font once per process (a batch renders hundreds of documents), the
 * renderer gives pdfkit a small *token* instead of the font bytes: a few bytes that begin with
 * {@link TOKEN_MAGIC}. A font format registered with fontkit's public `registerFormat` recognises
 * the token and returns the font object parsed earlier, so the parse, the cmap and the glyph
 * tables are shared by every document; each document still makes its own subset.
 */
import { createRequire } from 'node:module';
import { ensureFontBytes } from './glyph-pages.js';
import { LayoutCache } from './layout-cache.js';

/** The parts of a fontkit font this package uses (fontkit ships no types). */
export interface FkGlyph {
  id: number;
  advanceWidth: number;
}

/** A parsed font (fontkit `TTFFont`). */
export interface FkFont {
  postscriptName: string;
  familyName: string;
  fullName?: string;
  unitsPerEm: number;
  /** hhea ascent in font units (positive). */
  ascent: number;
  /** hhea descent in font units (negative). */
  descent: number;
  hasGlyphForCodePoint(cp: number): boolean;
  glyphForCodePoint(cp: number): FkGlyph;
  name?: { records?: Record<string, Record<string, string> | undefined> };
}

/** A TrueType collection (`.ttc`). */
export interface FkCollection {
  fonts: FkFont[];
}

interface Fontkit {
  openSync(path: string): FkFont | FkCollection;
  create(buffer: Uint8Array, postscriptName?: string): FkFont | FkCollection;
  registerFormat(format: unknown): void;
}

const requireHere = createRequire(import.meta.url);
const requireFromPdfmake = createRequire(requireHere.resolve('pdfmake'));
const requireFromPdfkit = createRequire(requireFromPdfmake.resolve('pdfkit'));

/** The fontkit module pdfkit itself requires (same module instance, so registered formats apply). */
export const fontkit = requireFromPdfkit('fontkit') as Fontkit;

/** First bytes of a token; 0xFF bytes make every built-in fontkit format reject it. */
export const TOKEN_MAGIC = Buffer.from([0x51, 0x44, 0x46, 0x54, 0xff, 0xff, 0xff, 0xff]); // "QDFT" + 0xFFFFFFFF

const shared = new Map<string, FkFont>();

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

/**
 * Registers a parsed font under `id` and returns the token bytes that stand for it in pdfkit.
 *
 * @param id - a process-unique id (e.g. the file path and face name)
 * @param font - the parsed font
 * @returns a Buffer that `fontkit.create` turns back into `font`
 */
export function shareFont(id: string, font: FkFont): Buffer {
  shared.set(id, font);
  readGlyphsOnDemand(font);
  speedUp(font);
  return Buffer.concat([TOKEN_MAGIC, Buffer.from(id, 'utf8')]);
}

/** The parts of a fontkit TrueType font and glyph that {@link readGlyphsOnDemand} uses. */
interface FkTtf {
  stream?: { buffer?: Uint8Array };
  directory?: { tables?: Record<string, { offset: number } | undefined> };
  loca?: { offsets: ArrayLike<number> };
  getGlyph(gid: number): object;
}
interface FkTtfGlyph {
  id: number;
  _font: FkTtf;
  _getCBox(internal?: boolean): unknown;
  _decode(): unknown;
}

const onDemandGlyphs = new WeakSet<object>();

/**
 * Makes sure the `glyf` bytes of glyph `gid` are in memory before they are read (see
 * `glyph-pages.ts`: font files are read with their outlines left on disk until needed).
 */
export function ensureGlyphBytes(font: FkTtf, gid: number): void {
  const buffer = font.stream?.buffer?.buffer;
  const glyf = font.directory?.tables?.glyf;
  const offsets = font.loca?.offsets;
  if (!buffer || !glyf || !offsets) return;
  const start = offsets[gid] ?? 0;
  ensureFontBytes(buffer, glyf.offset + start, glyf.offset + (offsets[gid + 1] ?? start));
}

/**
 * fontkit reads a TrueType glyph's bytes in two places, `TTFGlyph._getCBox` (the bounding box, for
 * metrics) and `TTFGlyph._decode` (the outline, for compound glyphs and paths); both are wrapped
 * so that the glyph's bytes are read from the file first when they are not in memory yet. (The
 * subsetter reads them through {@link ensureGlyphBytes} itself, see {@link speedUp}.)
 */
function readGlyphsOnDemand(font: FkFont): void {
  const f = font as unknown as FkTtf;
  if (!f.directory?.tables?.glyf || typeof f.getGlyph !== 'function') return;
  const proto = Object.getPrototypeOf(f.getGlyph(0)) as FkTtfGlyph;
  if (onDemandGlyphs.has(proto) || typeof proto._getCBox !== 'function' || typeof proto._decode !== 'function') return;
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

/** A fontkit glyph run as pdfkit uses it (`GlyphRun`: glyphs, positions, more fields). */
interface FkRun {
  glyphs: unknown[];
  positions: Record<string, number>[];
}

/** The parts of fontkit's TrueType subset (`TTFSubset`) that {@link speedUp} replaces. */
interface FkTtfSubset {
  font: FkFont & {
    getGlyph(gid: number): FkGlyph & { _decode(): { numberOfContours: number; components?: { glyphID: number; pos: number }[] } | null; _getMetrics(): { leftBearing: number } };
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
const patchedSubsets = new WeakSet<object>();

/**
 * Makes a shared font cheaper to use in many documents, with the same output bytes:
 *
 * - `font.layout(text)` (OpenType shaping; pdfkit calls it for every text run of every document,
 *   its own cache lives one document) is remembered across documents per font in a
 *   {@link LayoutCache} (from a text's second layout on, least recently used out first); every
 *   call still returns a fresh run, since pdfkit scales the positions of the run in place.
 * - TrueType subsetting (`TTFSubset._addGlyph`, once per glyph per document) decodes each glyph's
 *   outline only to learn whether it is compound; here only a compound glyph (a negative
 *   `numberOfContours`) is decoded, and what the subset copies of a glyph (its `glyf` bytes, its
 *   components, its advance and left bearing) is remembered per glyph object. Variable fonts keep
 *   fontkit's own code (their outlines are re-encoded per instance).
 */
function speedUp(font: FkFont): void {
  const f = font as FkFont & { layout?: (text: string, features?: unknown, ...rest: unknown[]) => FkRun; createSubset?: () => object };
  const layout = f.layout;
  if (typeof layout === 'function' && !Object.prototype.hasOwnProperty.call(f, 'layout')) {
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
  }
  const subset = typeof f.createSubset === 'function' ? f.createSubset() : undefined;
  const proto = subset ? (Object.getPrototypeOf(subset) as FkTtfSubset) : undefined;
  if (!proto || patchedSubsets.has(proto) || typeof proto._addGlyph !== 'function' || !('glyphEncoder' in (subset as object))) return;
  patchedSubsets.add(proto);
  const addGlyph = proto._addGlyph;
  proto._addGlyph = function cachedAddGlyph(this: FkTtfSubset, gid: number): number {
    if (this.font._variationProcessor) return addGlyph.call(this, gid);
    const glyph = this.font.getGlyph(gid);
    let entry = glyphEntries.get(glyph);
    if (!entry) {
      ensureGlyphBytes(this.font as unknown as FkTtf, gid);
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
}
