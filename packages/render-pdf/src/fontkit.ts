/**
 * The one fontkit instance that pdfkit (under pdfmake) uses, found through pdfmake and pdfkit, so
 * that the fonts this package parses to measure text are of the same library as those pdfkit
 * embeds (and `@qingdan/accel` can hand pdfkit the parsed fonts).
 */
import { createRequire } from 'node:module';

/** The parts of a fontkit glyph this package uses (fontkit ships no types). */
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
  create(buffer: Uint8Array, postscriptName?: string): FkFont | FkCollection;
}

const requireHere = createRequire(import.meta.url);
const requireFromPdfmake = createRequire(requireHere.resolve('pdfmake'));
const requireFromPdfkit = createRequire(requireFromPdfmake.resolve('pdfkit'));

/** The fontkit module pdfkit itself requires (same module instance). */
export const fontkit = requireFromPdfkit('fontkit') as Fontkit;
