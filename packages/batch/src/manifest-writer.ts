/**
 * `ManifestWriter`: keeps `manifest.json` true while a batch writes documents — atomic writes,
 * chained (never two at once), throttled while documents are being written. Internal to
 * `@qingdan/batch`.
 */
import { join } from 'node:path';
import { QingdanError, type Template } from '@qingdan/model';
import type { FontReport } from '@qingdan/render-pdf';
import { compareCodeUnits } from './hash.js';
import { MANIFEST_FILE, MANIFEST_SCHEMA, manifestOutputBytes, manifestParts, writeAtomic, type Manifest, type ManifestOutput } from './manifest.js';
import { messageOf } from './errors.js';

/**
 * Smallest interval between two manifest writes while documents are being written (ms): 300 ms,
 * and {@link MANIFEST_MS_PER_ENTRY} per listed document beyond that, at most 5 s. Each write
 * serialises the whole manifest (≈ 1.8 KB a document), so a fixed interval makes the bytes written
 * per second grow with the batch; on 500 leaders the strings and buffers of writes every 300 ms
 * doubled the main thread's young generation (16 → 32 MB). Growing the interval with the manifest
 * keeps that rate constant, and a batch killed between two writes loses only the last interval's
 * listings (those documents are rendered again by the next run).
 */
const MANIFEST_MIN_INTERVAL_MS = 300;
const MANIFEST_MS_PER_ENTRY = 4;
const MANIFEST_MAX_INTERVAL_MS = 5000;

/** The interval before the next manifest write when `entries` documents are listed (ms). */
export function manifestInterval(entries: number): number {
  return Math.min(MANIFEST_MAX_INTERVAL_MS, Math.max(MANIFEST_MIN_INTERVAL_MS, entries * MANIFEST_MS_PER_ENTRY));
}

/** What a {@link ManifestWriter} writes from. */
export interface ManifestWriterInput {
  outDir: string;
  /** Job key → entry: what is true on disk right now (each is serialised by the writer; the map is not kept). */
  entries: Map<string, ManifestOutput>;
  /** The manifest found at the start of the run (its template records and fonts are kept where this run has none). */
  old: Manifest | undefined;
  templates: ReadonlyMap<string, Template>;
  /** Template id → SHA-256 of its content, for the templates of this run's planned jobs. */
  templateHashes: ReadonlyMap<string, string>;
  /** SHA-256 of the roster file (`roster: null` in the manifest without one). */
  rosterHash?: string | undefined;
  /** Package → version of the engine, renderers and their libraries. */
  renderers: Record<string, string>;
  /** The PDF fonts of this run when already known, else `null` (see {@link ManifestWriter.learnFonts}). */
  fonts: FontReport | null;
}

/** A listed output, kept as its text in the manifest (see `manifestOutputBytes`) and what the template records need. */
interface Listed {
  templateId: string;
  templateVersion: string;
  /** UTF-8, outside the JS heap: a batch's main thread then keeps ≈ 100 bytes of heap a document. */
  bytes: Buffer;
}

/**
 * Writes `<outDir>/manifest.json` from its entries. Each write builds the manifest at the moment
 * it runs (so it lists exactly the entries put so far), writes it atomically, and is chained
 * after the previous one. Each entry is serialised once, when put; a write joins the texts (the
 * whole manifest was stringified on every write before: ≈ 2 MB of strings at 1,000 documents,
 * which grew the main thread's young generation). A failed write does not reject: the first
 * error is kept and {@link ManifestWriter.throwIfFailed} turns it into a `QingdanError`.
 */
export class ManifestWriter {
  /** Absolute path of `manifest.json`. */
  readonly path: string;
  /** Job key → listed output. */
  private readonly entries = new Map<string, Listed>();
  private fonts: FontReport | null;
  private chain: Promise<void> = Promise.resolve();
  private error: unknown;
  /** `performance.now()` when the last write started (0: none yet). */
  private last = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly input: ManifestWriterInput) {
    this.path = join(input.outDir, MANIFEST_FILE);
    for (const entry of input.entries.values()) this.put(entry);
    this.fonts = input.fonts;
  }

  /** Lists (or replaces) a document whose files are complete on disk; written with the next {@link flush}. */
  put(entry: ManifestOutput): void {
    this.entries.set(entry.key, { templateId: entry.templateId, templateVersion: entry.templateVersion, bytes: manifestOutputBytes(entry) });
  }

  /** Records the run's PDF fonts when they were not known yet (a first run learns them from its renderers). */
  learnFonts(report: FontReport | null): void {
    this.fonts ??= report;
  }

  /** Writes the manifest now (after any write in progress), cancelling a scheduled write; resolves when written or failed. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.chain = this.chain.then(async () => {
      this.last = performance.now();
      try {
        await writeAtomic(this.path, this.manifest());
      } catch (error) {
        this.error ??= error;
      }
    });
    return this.chain;
  }

  /** Schedules a {@link flush} no sooner than {@link manifestInterval} after the last write started; does nothing when one is scheduled already. */
  schedule(): void {
    if (this.timer) return;
    const wait = Math.max(0, this.last + manifestInterval(this.entries.size) - performance.now());
    this.timer = setTimeout(() => void this.flush(), wait);
  }

  /** @throws {QingdanError} `IO_FAILED` when a write so far failed (the first failure is reported). */
  throwIfFailed(): void {
    if (!this.error) return;
    throw new QingdanError('IO_FAILED', `无法写入 ${this.path}：${messageOf(this.error)}。请检查输出文件夹的写权限和剩余空间。`, {
      cause: this.error,
    });
  }

  /** The bytes of the manifest as it stands (outputs sorted by key), in pieces. */
  private manifest(): Buffer[] {
    const head: Omit<Manifest, 'outputs'> = {
      schema: MANIFEST_SCHEMA,
      updatedAt: new Date().toISOString(),
      roster: this.input.rosterHash ? { hash: this.input.rosterHash } : null,
      templates: this.templatesInfo(),
      renderers: this.input.renderers,
      fonts: this.fonts ?? this.input.old?.fonts ?? null,
    };
    const keys = [...this.entries.keys()].sort(compareCodeUnits);
    return manifestParts(head, keys.map((k) => (this.entries.get(k) as Listed).bytes));
  }

  /** Template records of the listed entries: this run's when the version matches, else the previous manifest's. */
  private templatesInfo(): Manifest['templates'] {
    const { templates, templateHashes, old } = this.input;
    const out: Manifest['templates'] = {};
    for (const o of this.entries.values()) {
      const t = templates.get(o.templateId);
      const hash = templateHashes.get(o.templateId);
      if (t && hash && t.version === o.templateVersion) out[o.templateId] = { name: t.name, version: t.version, hash };
      else if (old?.templates[o.templateId]) out[o.templateId] = old.templates[o.templateId] as Manifest['templates'][string];
    }
    return out;
  }
}
