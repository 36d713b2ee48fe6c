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
  return Buffer.concat([TOKEN_MAGIC, Buffer.from(id, 'utf8')]);
}
