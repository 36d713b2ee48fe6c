/**
 * Font files in memory with their glyph outlines read from disk when first needed.
 *
 * A CJK TrueType font is mostly its `glyf` table (the outlines: ≈ 12 of the 14.8 MB of Noto Serif
 * SC), and a batch draws a few thousand of its 65,000 glyphs. So a font file is read into a
 * `SharedArrayBuffer` of the file's size with every table but `glyf`; the `glyf` bytes are read,
 * 4 KB page by page at their place in the buffer, the first time fontkit or the subsetter needs a
 * glyph there ({@link ensureFontBytes}). Untouched pages of the buffer stay zero pages that the
 * system never backs with memory. The bytes fontkit reads are always the file's bytes.
 *
 * The buffer carries, after the file's bytes, one bit per page ("read"), so that threads sharing
 * the buffer (a batch's workers) share the pages read too: a thread that finds a page unread reads
 * it (two threads reading one page at once write the same bytes) and then sets the bit.
 *
 * Rule: OpenType font file structure (table directory, TrueType collections): ISO/IEC 14496-22 §4.5,
 * §4.6.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** Page size of the on-demand reads (bytes): the granularity the system backs memory at. */
export const GLYPH_PAGE_BYTES = 4096;

/** A font file held with on-demand `glyf` pages. */
interface PagedFile {
  path: string;
  /** The file's bytes (a view of the shared buffer). */
  bytes: Uint8Array;
  /** One bit per page of the file: set when the page holds the file's bytes. */
  read: Int32Array;
  /** File descriptor for the on-demand reads (opened on first need, kept open). */
  fd?: number;
}

/** Paged files by their shared buffer (the key every view of the file leads to). */
const paged = new WeakMap<ArrayBufferLike, PagedFile>();

const u32 = (b: Uint8Array, at: number): number => ((b[at] ?? 0) * 0x1000000 + (((b[at + 1] ?? 0) << 16) | ((b[at + 2] ?? 0) << 8) | (b[at + 3] ?? 0))) >>> 0;
const u16 = (b: Uint8Array, at: number): number => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);

function readRange(fd: number, into: Uint8Array, start: number, end: number): void {
  let at = start;
  while (at < end) {
    const n = readSync(fd, into, at, end - at, at);
    if (n === 0) throw new Error(`文件在读取时变短了（${at} / ${end} 字节）`);
    at += n;
  }
}

/** Offsets of the table directories (one per face) of a font file of this tag whose first bytes are in `head`. */
function directoryOffsets(tag: string, head: Uint8Array): number[] {
  if (tag === 'ttcf') {
    const faces = u32(head, 8);
    return Array.from({ length: faces }, (_, i) => u32(head, 12 + 4 * i));
  }
  return [0];
}

/** `[start, end)` of every `glyf` table of the file (deduplicated), given the bytes read so far. */
function glyfRanges(bytes: Uint8Array, directories: readonly number[], size: number): [number, number][] {
  const out = new Map<number, number>();
  for (const dir of directories) {
    const tables = u16(bytes, dir + 4);
    for (let i = 0; i < tables; i += 1) {
      const rec = dir + 12 + 16 * i;
      if (String.fromCharCode(...bytes.subarray(rec, rec + 4)) !== 'glyf') continue;
      const start = u32(bytes, rec + 8);
      const end = Math.min(size, start + u32(bytes, rec + 12));
      if (end > start) out.set(start, Math.max(end, out.get(start) ?? 0));
    }
  }
  return [...out.entries()].sort((a, b) => a[0] - b[0]);
}

/**
 * Where the page bits of a file of `size` bytes sit in its shared buffer (after the bytes, 4-byte
 * aligned), how many 32-bit words they take, and the buffer's whole length.
 */
function bufferLayout(size: number): { bitsAt: number; words: number; length: number } {
  const bitsAt = Math.ceil(size / 4) * 4;
  const words = Math.ceil(Math.ceil(size / GLYPH_PAGE_BYTES) / 32);
  return { bitsAt, words, length: bitsAt + 4 * words };
}

function bitsFor(sab: ArrayBufferLike, size: number): Int32Array {
  const { bitsAt, words } = bufferLayout(size);
  return new Int32Array(sab, bitsAt, words);
}

const isSet = (read: Int32Array, page: number): boolean => (Atomics.load(read, page >> 5) & (1 << (page & 31))) !== 0;
const mark = (read: Int32Array, page: number): void => void Atomics.or(read, page >> 5, 1 << (page & 31));

/**
 * Reads a font file into a `SharedArrayBuffer`: everything but its `glyf` tables now, the `glyf`
 * pages when {@link ensureFontBytes} asks for them. A file that is not TrueType/OpenType (or has
 * no `glyf`) is read whole.
 *
 * @param path - the font file
 * @returns the file's bytes (a view of the shared buffer, `byteLength` = the file's size)
 * @throws the file system's error when the file cannot be read
 */
export function readFontFile(path: string): Buffer {
  const fd = openSync(path, 'r');
  let keep = false;
  try {
    const size = fstatSync(fd).size;
    const sab = new SharedArrayBuffer(bufferLayout(size).length);
    const bytes = Buffer.from(sab, 0, size);
    readRange(fd, bytes, 0, Math.min(size, 12));
    const tag = bytes.subarray(0, 4).toString('latin1');
    const sfnt = tag === 'ttcf' || tag === 'true' || tag === '\0\u0001\0\0';
    // The directories (a collection's header first, then each face's).
    if (tag === 'ttcf') readRange(fd, bytes, 12, Math.min(size, 12 + 4 * u32(bytes, 8)));
    const directories = sfnt ? directoryOffsets(tag, bytes) : [];
    for (const dir of directories) {
      readRange(fd, bytes, dir, Math.min(size, dir + 12));
      readRange(fd, bytes, dir + 12, Math.min(size, dir + 12 + 16 * u16(bytes, dir + 4)));
    }
    const glyf = sfnt ? glyfRanges(bytes, directories, size) : [];
    const read = bitsFor(sab, size);
    let at = 0;
    for (const [start, end] of [...glyf, [size, size] as [number, number]]) {
      // Everything outside glyf, page-aligned around it (a page shared with glyf is read whole).
      const from = at;
      const to = Math.min(size, Math.ceil(start / GLYPH_PAGE_BYTES) * GLYPH_PAGE_BYTES);
      if (to > from) {
        readRange(fd, bytes, from, to);
        for (let p = Math.floor(from / GLYPH_PAGE_BYTES); p < Math.ceil(to / GLYPH_PAGE_BYTES); p += 1) mark(read, p);
      }
      at = Math.max(to, Math.floor(end / GLYPH_PAGE_BYTES) * GLYPH_PAGE_BYTES);
    }
    const file: PagedFile = { path, bytes, read, fd };
    paged.set(sab, file);
    keep = glyf.length > 0;
    if (!keep) delete file.fd;
    return bytes;
  } finally {
    if (!keep) closeSync(fd);
  }
}

/**
 * Takes a font file's bytes read by {@link readFontFile} in another thread (the same shared
 * buffer, posted to this one), so that this thread reads the missing pages as they are needed.
 * Bytes without the page bits (a plain copy of the whole file) need nothing and are left alone.
 */
export function adoptFontBytes(path: string, bytes: Uint8Array): void {
  const sab = bytes.buffer;
  if (paged.has(sab) || !(sab instanceof SharedArrayBuffer) || bytes.byteOffset !== 0) return;
  if (sab.byteLength !== bufferLayout(bytes.byteLength).length) return;
  paged.set(sab, { path, bytes, read: bitsFor(sab, bytes.byteLength) });
}

/**
 * Makes sure bytes `[start, end)` of the font file behind `buffer` hold the file's bytes, reading
 * the pages that are not read yet. Does nothing for a buffer that is not a paged font file.
 *
 * @param buffer - the ArrayBuffer of a view fontkit reads (its `stream.buffer.buffer`)
 * @param start - first byte (offset in the file)
 * @param end - one past the last byte
 * @throws the file system's error when the file can no longer be read (then the document fails)
 */
export function ensureFontBytes(buffer: ArrayBufferLike, start: number, end: number): void {
  const file = paged.get(buffer);
  if (!file || end <= start) return;
  const size = file.bytes.byteLength;
  for (let p = Math.floor(start / GLYPH_PAGE_BYTES); p * GLYPH_PAGE_BYTES < Math.min(end, size); p += 1) {
    if (isSet(file.read, p)) continue;
    file.fd ??= openSync(file.path, 'r');
    readRange(file.fd, file.bytes, p * GLYPH_PAGE_BYTES, Math.min(size, (p + 1) * GLYPH_PAGE_BYTES));
    mark(file.read, p);
  }
}

/** Pages of a paged font file that hold the file's bytes now, and all its pages (for tests). */
export function pagesRead(bytes: Uint8Array): { read: number; total: number } | undefined {
  const file = paged.get(bytes.buffer);
  if (!file) return undefined;
  const total = Math.ceil(file.bytes.byteLength / GLYPH_PAGE_BYTES);
  let read = 0;
  for (let p = 0; p < total; p += 1) if (isSet(file.read, p)) read += 1;
  return { read, total };
}
