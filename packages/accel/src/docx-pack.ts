/**
 * `docx-zip` and `docx-static-parts`: packing a `docx` Document without `Packer.pack`.
 *
 * - `docx-zip`: the parts compiled by docx's own compiler (`Packer.compiler`, a static member the
 *   typings do not declare) and zipped by fflate with Node's zlib deflating each part.
 * - `docx-static-parts`: the parts that follow from the layout profile alone are compiled and
 *   deflated once per layout object; later documents compile only the body, its relationships and
 *   the core properties, with the rest of the File seen through a Proxy that formats it as an
 *   empty stand-in.
 *
 * Both give the parts of `Packer.pack` byte for byte (tests/accel-same-output.test.ts).
 */
import { deflateRawSync } from 'node:zlib';
import { Document, Packer } from 'docx';
import { strToU8, Zip, ZipPassThrough, type Zippable } from 'fflate';

/** The compiler `Packer` uses (a static member the docx typings don't declare). */
interface DocxCompiler {
  compile(file: Document, prettify?: undefined): Map<string, string | Uint8Array>;
}
const docxCompiler = (Packer as unknown as { compiler?: DocxCompiler }).compiler;

/** Bytes of a compiled part (docx gives strings for XML parts, Uint8Arrays for binary ones). */
function partBytes(data: string | Uint8Array): Uint8Array {
  return typeof data === 'string' ? strToU8(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * The files of the DOCX package (path → bytes, in docx's order), as `Packer.pack` would zip them;
 * `undefined` when this version of docx has no `Packer.compiler`. `docx-zip`: compiling the parts
 * with docx's own compiler and zipping them with Node's zlib (the same parts byte for byte, in the
 * same order, DEFLATE at zlib's default level) instead of `Packer.pack` (JSZip).
 */
function packageFiles(document: Document, transform?: PartTransform): Zippable | undefined {
  if (!docxCompiler || typeof docxCompiler.compile !== 'function') return undefined;
  const out: Zippable = {};
  for (const [path, data] of docxCompiler.compile(document)) out[path] = partBytes(typeof data === 'string' && transform ? transform(path, data) : data);
  return out;
}

/** Changes the renderer makes to a compiled XML part before it is zipped (path, XML → XML). */
export type PartTransform = (path: string, xml: string) => string;

/**
 * The parts compiled for every document: the body, the core properties (title, description, and
 * the creation/modification time, which is the time of the render), and the body's relationships
 * (the same for every document today, but a hyperlink or image in the body would add one; it is
 * small). Comparing every compiled part of two different documents of one layout
 * (test/part-cache.test.ts) shows every other part identical: styles, numbering, settings, footers
 * and their relationships, theme, font table, footnotes, endnotes, app/custom properties, content
 * types and the package relationships all follow from the layout profile alone.
 */
const DOCUMENT_PARTS: ReadonlySet<string> = new Set(['word/document.xml', 'docProps/core.xml', 'word/_rels/document.xml.rels']);

/**
 * A formatted-to-nothing stand-in for a part that is not compiled on a cached render; its XML
 * (`<qingdan-skipped/>`) is thrown away.
 */
const skippedPart = { prepForXml: (): object => ({ 'qingdan-skipped': {} }) };

/** `obj` with `prepForXml` (and the properties in `replace`) answered by stand-ins; the rest read through. */
function lightView<T extends object>(obj: T, replace: Record<string, unknown> = { prepForXml: skippedPart.prepForXml }): T {
  return new Proxy(obj, {
    get: (target, prop) => (typeof prop === 'string' && prop in replace ? replace[prop] : Reflect.get(target, prop, target)),
  });
}

/**
 * The `docx` File as the compiler should see it when only {@link DOCUMENT_PARTS} are wanted: the
 * parts that follow from the layout alone (styles, numbering's XML, settings, footers, headers,
 * font table, theme, footnotes, endnotes, comments, app/custom properties, package relationships,
 * content types) are formatted as an empty stand-in instead of their real (and costly) XML.
 * Everything the body's XML reads stays real: the document and its relationships, numbering
 * instances (their placeholders are replaced in document.xml), media, core properties. docx
 * formats document.xml first, so nothing formatted after it can change it.
 */
function documentOnlyView(file: Document): Document {
  const f = file as unknown as Record<string, unknown>;
  const replace: Record<string, unknown> = {
    Styles: skippedPart,
    Settings: skippedPart,
    Theme: skippedPart,
    ContentTypes: skippedPart,
    Headers: [],
    Footers: [],
    Numbering: lightView(f.Numbering as object),
    FontTable: lightView(f.FontTable as object, { View: skippedPart }),
    FootNotes: lightView(f.FootNotes as object, { View: skippedPart }),
    Endnotes: lightView(f.Endnotes as object, { View: skippedPart }),
    Comments: lightView(f.Comments as object),
    FileRelationships: skippedPart,
    AppProperties: skippedPart,
    CustomProperties: skippedPart,
  };
  return lightView(file, replace);
}

/** One part of the package, already deflated: what a zip entry needs. */
interface DeflatedPart {
  path: string;
  /** Raw DEFLATE data (zlib's default level). */
  deflated: Uint8Array<ArrayBuffer>;
  /** CRC-32 and length of the uncompressed bytes. */
  crc: number;
  size: number;
}

/**
 * The parts of a layout's packages that do not depend on the document: each deflated once, in
 * package order, with the path alone where a {@link DOCUMENT_PARTS} part goes.
 */
interface StaticParts {
  /** `JSON.stringify` of the layout when cached: a layout object changed in place is not reused. */
  fingerprint: string;
  entries: (DeflatedPart | string)[];
}

/**
 * Static parts by layout profile (the only option that changes them: `boldLead` and `onWarning`
 * touch the body only). Weak, so a caller's own layout objects are not kept alive.
 */
const staticPartsCache = new WeakMap<object, StaticParts>();

/**
 * A zip entry deflated by Node's zlib (native) instead of fflate's JavaScript deflate: fflate's
 * documented way to plug in another compressor (a `ZipPassThrough` with `compression` 8 whose
 * `process` gives the raw DEFLATE data; fflate still computes the CRC and size of the source).
 */
class NativeDeflateEntry extends ZipPassThrough {
  constructor(filename: string) {
    super(filename);
    this.compression = 8;
  }

  override process(chunk: Uint8Array, final: boolean): void {
    this.ondata(null, deflateRawSync(chunk), final);
  }
}

/**
 * A zip entry whose DEFLATE data, CRC and size are known already (a cached {@link DeflatedPart}):
 * written exactly as a {@link NativeDeflateEntry} of the same bytes would be (CRC and size set at
 * the final push, as `ZipPassThrough.push` does), without deflating again.
 */
class PredeflatedEntry extends ZipPassThrough {
  constructor(private readonly part: DeflatedPart) {
    super(part.path);
    this.compression = 8;
  }

  /** Emits the cached data; `chunk` is ignored (call with an empty array). */
  override push(_chunk: Uint8Array, final: boolean): void {
    this.size = this.part.size;
    this.crc = this.part.crc;
    this.ondata(null, this.part.deflated, final);
  }
}

/** Deflates one part and records what its zip entry needs. */
function deflatePart(path: string, data: Uint8Array): DeflatedPart {
  let deflated: Uint8Array<ArrayBuffer> | undefined;
  const entry = new NativeDeflateEntry(path);
  entry.ondata = (error, chunk, final) => {
    if (error) throw error;
    if (final) deflated = chunk;
  };
  entry.push(data, true);
  if (!deflated) throw new Error(`deflate of ${path} gave no data`);
  return { path, deflated, crc: entry.crc, size: entry.size };
}

/**
 * Zips entries in order (each fed its whole data in one final push) and returns the zip's bytes.
 * The bytes are those of fflate's `Zip` with the entries as given.
 */
function zipEntries(entries: [ZipPassThrough, Uint8Array][]): Uint8Array {
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, data) => {
    if (error) failure = error;
    else chunks.push(data);
  });
  for (const [entry, data] of entries) {
    zip.add(entry);
    entry.push(data, true);
  }
  zip.end();
  if (failure) throw failure;
  return Buffer.concat(chunks);
}

/**
 * Zips the parts of a package (path → bytes, in order), each deflated at zlib's default level by
 * Node's zlib — the same entries, order and method (DEFLATE) as `Packer.pack`.
 */
function zipParts(files: Zippable): Uint8Array {
  return zipEntries(Object.entries(files).map(([path, data]) => [new NativeDeflateEntry(path), data as Uint8Array]));
}

/**
 * Packs a document with the static parts of its layout compiled and deflated once: the first
 * document of a layout is compiled in full (and its static parts kept); later ones compile only
 * {@link DOCUMENT_PARTS} (the rest of the File is seen through {@link documentOnlyView}) and reuse
 * the kept entries. The bytes are the same as {@link zipParts}(packageFiles(document)).
 * `undefined` when docx has no `Packer.compiler`.
 */
function packWithStaticParts(document: Document, layout: object, transform?: PartTransform): Uint8Array | undefined {
  if (!docxCompiler || typeof docxCompiler.compile !== 'function') return undefined;
  const fingerprint = JSON.stringify(layout);
  const cached = staticPartsCache.get(layout);
  if (cached && cached.fingerprint === fingerprint) {
    const compiled = docxCompiler.compile(documentOnlyView(document));
    const entries: [ZipPassThrough, Uint8Array][] = cached.entries.map((e) => {
      if (typeof e !== 'string') return [new PredeflatedEntry(e), new Uint8Array(0)];
      const data = compiled.get(e);
      if (data === undefined) throw new Error(`docx did not compile ${e}`);
      return [new NativeDeflateEntry(e), partBytes(typeof data === 'string' && transform ? transform(e, data) : data)];
    });
    return zipEntries(entries);
  }
  const files = packageFiles(document, transform)!;
  const entries: (DeflatedPart | string)[] = [];
  const zipped: [ZipPassThrough, Uint8Array][] = [];
  for (const [path, data] of Object.entries(files) as [string, Uint8Array][]) {
    if (DOCUMENT_PARTS.has(path)) {
      entries.push(path);
      zipped.push([new NativeDeflateEntry(path), data]);
    } else {
      const part = deflatePart(path, data);
      entries.push(part);
      zipped.push([new PredeflatedEntry(part), new Uint8Array(0)]);
    }
  }
  const parts: StaticParts = { fingerprint, entries };
  staticPartsCache.set(layout, parts);
  return zipEntries(zipped);
}


/**
 * Packs a docx Document to DOCX bytes with the speed-ups that are on; `undefined` when none
 * applies (the document is not of the docx copy this package patched, or docx has no compiler):
 * the caller then uses `Packer.pack`.
 *
 * @param document - the Document (of this package's docx)
 * @param layout - the object the static parts follow from (the layout profile): the cache key
 * @param staticParts - reuse the static parts of an earlier document of the same layout object
 * @param transform - changes to compiled XML parts (the same function for every call with one layout:
 *   static parts are kept as transformed)
 */
export function packDocx(document: object, layout: object, staticParts: boolean, transform?: PartTransform): Uint8Array | undefined {
  if (!(document instanceof Document)) return undefined;
  if (staticParts) {
    const bytes = packWithStaticParts(document, layout, transform);
    if (bytes) return bytes;
  }
  const files = packageFiles(document, transform);
  return files ? zipParts(files) : undefined;
}

/** Whether docx has the compiler these speed-ups use (the guard of `docx-zip`). */
export function hasDocxCompiler(): boolean {
  return !!docxCompiler && typeof docxCompiler.compile === 'function';
}
