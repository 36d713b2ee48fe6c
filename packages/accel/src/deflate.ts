/**
 * `pdf-deflate`: pdfkit's streams deflated at a faster zlib level, with a memo of streams that
 * recur byte for byte across documents.
 *
 * In a batch many streams are the same in every document of a template: the subset of the
 * heading font (the headings are fixed text), its ToUnicode CMap, pages whose text does not
 * depend on the answers. Deflating them again costs time (the heading subset alone ≈ 44 KB, ≈ 1 ms
 * a document at level 1) for the same bytes. The memo keeps the last few streams and their deflated
 * bytes; a stream is taken from it only when its bytes are equal to a kept one (compared in full,
 * no hash), so the output is exactly what zlib would have produced. A stream is kept from the
 * second time it is deflated on, so streams that occur once are never copied into the memo.
 */
import { deflateSync } from 'node:zlib';


/**
 * zlib level of the PDF's streams (fonts, page contents). pdfkit deflates at zlib's default (6);
 * level 1 takes ≈ 3.5 ms less per responsibility list (of ≈ 28 ms) for a PDF ≈ 4 % larger
 * (≈ 196 KB instead of 189 KB); the content is the same.
 */
export const PDF_DEFLATE_LEVEL = 1;

/** Streams shorter than this (bytes) are deflated without looking in the memo. */
export const DEFLATE_MEMO_MIN_BYTES = 1024;

/**
 * Most bytes (inputs + outputs) the memo keeps; the least recently used streams are dropped first.
 * Streams that recur are used by every document and so stay; streams seen once are pushed out.
 * The streams that recur in every responsibility list take ≈ 160 KB (≈ 3 hits a document):
 * measured on one worker's 500 documents, 256 KB answered 1,503 streams, 512 KB 1,510, 2 MB 1,549;
 * a 2 MB memo filled over ≈ 450 documents (rarely recurring streams), so a long batch held ≈ 1.5 MB
 * more a thread than a short one for ≈ 0.1 hit a document. 512 KB leaves room for a second
 * template's recurring streams.
 */
export const DEFLATE_MEMO_LIMIT_BYTES = 512 * 1024;

/** Fingerprints remembered at most (emptied when full). */
const SEEN_LIMIT = 1024;

/**
 * A cheap fingerprint of a stream: its length and 64 bytes sampled across it. Equal streams have
 * equal fingerprints; two different streams may share one, which only makes the memo keep a
 * stream it did not need to (a lookup still compares every byte).
 */
function fingerprint(input: Buffer): string {
  const step = Math.max(1, Math.floor(input.length / 64));
  let sample = '';
  for (let i = 0; i < input.length && sample.length < 64; i += step) sample += String.fromCharCode(input[i] ?? 0);
  return `${input.length}:${sample}`;
}

/** A copy of `bytes` in a buffer of exactly their length (not a slice of Node's shared pool). */
function exactCopy(bytes: Buffer): Buffer {
  const copy = Buffer.allocUnsafeSlow(bytes.length);
  bytes.copy(copy);
  return copy;
}

interface Entry {
  input: Buffer;
  output: Buffer;
}

/**
 * An exact-bytes memo of deflated streams (zlib format, {@link PDF_DEFLATE_LEVEL}), least recently
 * used out first, bounded by {@link DEFLATE_MEMO_LIMIT_BYTES}.
 */
export class DeflateMemo {
  /** Entries by input length (the cheap first check). */
  private readonly byLength = new Map<number, Entry[]>();
  /** Every entry, least recently used first (a Map keeps insertion order). */
  private readonly recency = new Map<Entry, true>();
  private bytes = 0;
  /** Fingerprints of streams deflated once (see {@link fingerprint}); a second sighting is kept. */
  private readonly seen = new Set<string>();
  /** Streams answered from the memo, and deflated (for tests and benchmarks). */
  readonly stats = { hits: 0, misses: 0 };

  constructor(
    private readonly limitBytes = DEFLATE_MEMO_LIMIT_BYTES,
    private readonly minBytes = DEFLATE_MEMO_MIN_BYTES,
  ) {}

  /**
   * The zlib-format deflate of `input` at {@link PDF_DEFLATE_LEVEL}: from the memo when the same
   * bytes were deflated recently, else deflated now (and kept when at least `minBytes` long).
   * The returned Buffer may be shared with later calls: do not modify it.
   */
  deflate(input: Buffer): Buffer {
    if (input.length < this.minBytes) return deflateSync(input, { level: PDF_DEFLATE_LEVEL });
    const same = this.byLength.get(input.length);
    const hit = same?.find((e) => e.input.equals(input));
    if (hit) {
      this.stats.hits += 1;
      this.recency.delete(hit);
      this.recency.set(hit, true);
      return hit.output;
    }
    this.stats.misses += 1;
    const output = deflateSync(input, { level: PDF_DEFLATE_LEVEL });
    const size = input.length + output.length;
    if (size > this.limitBytes) return output;
    // Kept from its second sighting on: most streams (the pages and the body font's subset of
    // each document) occur once, and copying them into the memo would only churn memory.
    const print = fingerprint(input);
    if (!this.seen.has(print)) {
      if (this.seen.size >= SEEN_LIMIT) this.seen.clear();
      this.seen.add(print);
      return output;
    }
    // Keep exact-size copies: the caller's input may be a view into a pool that is reused, and
    // zlib's output is a view into a chunk of 16 KB or more, which the memo would otherwise hold
    // whole (≈ 16 KB for a 1 KB stream: the memo then held ≈ 2.5 times its limit).
    const entry: Entry = { input: exactCopy(input), output: exactCopy(output) };
    if (same) same.push(entry);
    else this.byLength.set(input.length, [entry]);
    this.recency.set(entry, true);
    this.bytes += size;
    for (const old of this.recency.keys()) {
      if (this.bytes <= this.limitBytes) break;
      this.drop(old);
    }
    return output;
  }

  private drop(entry: Entry): void {
    this.recency.delete(entry);
    const list = this.byLength.get(entry.input.length);
    const rest = list?.filter((e) => e !== entry) ?? [];
    if (rest.length > 0) this.byLength.set(entry.input.length, rest);
    else this.byLength.delete(entry.input.length);
    this.bytes -= entry.input.length + entry.output.length;
  }
}

/** The part of pdfkit's `PDFReference` that {@link useDeflateLevel} wraps. */
interface PdfKitRef {
  compress: boolean;
  buffer: Buffer[];
  finalize(): void;
}

/** Deflated streams that recur across the documents of this thread. */
const streamMemo = new DeflateMemo();

/**
 * Makes pdfkit deflate streams at {@link PDF_DEFLATE_LEVEL}, through the memo of recurring
 * streams ({@link DeflateMemo}), before any document is made: pdfmake finalizes page streams while
 * it creates a document, so a patch installed on the first document would miss its pages.
 * pdfkit's `PDFReference.finalize` deflates with `zlib.deflateSync(buffer)`, no level; the wrapper
 * deflates first (the `Filter` is already set by `write`) and lets pdfkit's own code write the
 * object as it would a stream it has not to compress. The prototype is found through the catalog
 * (`_root`, a `PDFReference`) of a bare pdfkit document.
 *
 * @param PdfKitDocument - pdfkit's `PDFDocument` (the module pdfmake requires)
 * @returns false when pdfkit's document has no reference with a `finalize` method
 */
export function useDeflateLevel(PdfKitDocument: new (options: Record<string, unknown>) => unknown): boolean {
  const root = (new PdfKitDocument({ autoFirstPage: false, font: null }) as { _root?: object })._root;
  const proto = root ? (Object.getPrototypeOf(root) as PdfKitRef | null) : null;
  if (!proto || typeof proto.finalize !== 'function' || !('compress' in root!) || !Array.isArray((root as PdfKitRef).buffer)) return false;
  const finalize = proto.finalize;
  proto.finalize = function deflateThenFinalize(this: PdfKitRef): void {
    if (this.compress && Array.isArray(this.buffer) && this.buffer.length) {
      this.buffer = [streamMemo.deflate(Buffer.concat(this.buffer))];
      this.compress = false;
    }
    finalize.call(this);
  };
  return true;
}
