/**
 * Phase 2 of `runBatch`: which planned documents are unchanged since the last run (and are
 * skipped), and which previous files failed jobs keep. Internal to `@qingdan/batch`.
 */
import { stat } from 'node:fs/promises';
import type { FontReport } from '@qingdan/render-pdf';
import { sha256File } from './hash.js';
import type { ManifestFile, ManifestOutput } from './manifest.js';
import type { BatchJob } from './plan.js';
import { filesPresent, fontsHashOf, outPath, type Planned, type Progress } from './run-common.js';
import { collisionKey } from './safe-name.js';

/** Files hashed at the same time when checking skipped documents. */
const VERIFY_PARALLEL = 8;

/** What {@link findUnchanged} works from. */
export interface UnchangedInput {
  planned: readonly Planned[];
  /** The previous manifest's entries by job key. */
  previous: ReadonlyMap<string, ManifestOutput>;
  outDir: string;
  /** True when PDF is made: the font report then takes part in the comparison. */
  wantPdf: boolean;
  /** The `fonts` option of the run (font files or folders for the PDF). */
  fonts?: string | string[] | undefined;
}

/** The documents found unchanged. */
export interface Unchanged {
  /** Job key → its manifest entry (with this run's roster row) and the absolute paths of its files, in the order the checks finished. */
  documents: Map<string, { entry: ManifestOutput; files: string[] }>;
  /** The PDF fonts of this run when the check had to learn them (a re-run with PDF), else `null`. */
  fonts: FontReport | null;
}

/**
 * Finds the planned documents whose previous manifest entry has the same input hash, the same
 * paths and the same font report (role → file), and whose files still have the listed size and
 * SHA-256. The font report is computed only when some document could be skipped and PDF is made
 * (a first run learns it from its renderers instead).
 */
export async function findUnchanged(input: UnchangedInput): Promise<Unchanged> {
  const candidates = input.planned.filter((p) => {
    const o = input.previous.get(p.job.key);
    return (
      o !== undefined &&
      o.inputHash === p.inputHash &&
      o.files.length === p.files.length &&
      p.files.every((f) => o.files.some((g) => g.format === f.format && g.path === f.path))
    );
  });
  let fonts: FontReport | null = null;
  if (input.wantPdf && candidates.length > 0) {
    const { fontReport } = await import('@qingdan/render-pdf');
    fonts = fontReport(input.fonts !== undefined ? { fonts: input.fonts } : {});
  }
  const currentFontsHash = fontsHashOf(fonts);
  const documents: Unchanged['documents'] = new Map();
  const abs = (rel: string): string => outPath(input.outDir, rel);
  await inBatches(candidates, VERIFY_PARALLEL, async (p) => {
    const o = input.previous.get(p.job.key) as ManifestOutput;
    if (o.fontsHash !== currentFontsHash) return;
    if ((await Promise.all(o.files.map((f) => fileMatches(abs(f.path), f)))).every(Boolean)) {
      documents.set(p.job.key, { entry: { ...o, row: p.job.row }, files: p.files.map((f) => abs(f.path)) });
    }
  });
  return { documents, fonts };
}

/** The planned documents split into skipped and to render, in job order. */
export interface SkipOutcome {
  toRender: Planned[];
  skipped: number;
  /** Absolute paths of the skipped documents' files, in job order. */
  files: string[];
}

/** Sends a `done` event with `skipped: true` for every unchanged document, in job order, and returns the rest to render. */
export function reportSkipped(planned: readonly Planned[], unchanged: Unchanged, progress: Progress): SkipOutcome {
  const out: SkipOutcome = { toRender: [], skipped: 0, files: [] };
  for (const p of planned) {
    const s = unchanged.documents.get(p.job.key)?.files;
    if (s) {
      out.skipped += 1;
      out.files.push(...s);
      progress.emit({ type: 'done', job: p.job, files: s, skipped: true });
    } else out.toRender.push(p);
  }
  return out;
}

/**
 * The previous entries that failed jobs keep: a failed job keeps its previous files in the
 * manifest (when they are still present) unless another job of this run now owns their paths.
 * @param entries the manifest's entries so far (a job already listed keeps what it has)
 */
export async function keepFailedOutputs(
  failed: readonly { job: BatchJob }[],
  previous: ReadonlyMap<string, ManifestOutput>,
  claimed: ReadonlyMap<string, string>,
  entries: ReadonlyMap<string, ManifestOutput>,
  outDir: string,
): Promise<ManifestOutput[]> {
  const kept = new Map<string, ManifestOutput>();
  for (const { job } of failed) {
    const o = previous.get(job.key);
    if (!o || entries.has(job.key) || kept.has(job.key) || !(await filesPresent(outDir, o))) continue;
    if (o.files.some((f) => (claimed.get(collisionKey(f.path)) ?? job.key) !== job.key)) continue;
    kept.set(job.key, o);
  }
  return [...kept.values()];
}

/** True when the file is a file of the listed size and SHA-256. */
async function fileMatches(absolute: string, f: ManifestFile): Promise<boolean> {
  try {
    const s = await stat(absolute);
    if (!s.isFile() || s.size !== f.bytes) return false;
    return (await sha256File(absolute)) === f.sha256;
  } catch {
    return false;
  }
}

/** Runs `fn` on `size` items at a time, in order. */
async function inBatches<T>(items: readonly T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}
