/**
 * What the phases of `runBatch` share: the job plan entry, the progress reporter and small helpers.
 * Internal to `@qingdan/batch`.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Template } from '@qingdan/model';
import type { FontReport } from '@qingdan/render-pdf';
import { canonicalJson, sha256 } from './hash.js';
import type { ManifestOutput } from './manifest.js';
import type { BatchJob } from './plan.js';
import type { Format } from './render-job.js';
import type { BatchEvent, BatchSummary } from './run.js';

/** A job that resolved: its template, the hash of its inputs and the output paths chosen for it. */
export interface Planned {
  job: BatchJob;
  template: Template;
  /** SHA-256 of the job's inputs (see `ManifestOutput.inputHash`). */
  inputHash: string;
  /** Relative paths with `/`, one per format. */
  files: { format: Format; path: string }[];
}

/** Sends {@link BatchEvent}s to the caller's `onEvent` and collects the failures of the run. */
export class Progress {
  /** Every `failed` event so far, in the order they were sent. */
  readonly failed: BatchSummary['failed'] = [];

  constructor(private readonly onEvent: ((event: BatchEvent) => void) | undefined) {}

  /** Sends one event. */
  emit(event: BatchEvent): void {
    this.onEvent?.(event);
  }

  /** Records a failed job and sends its `failed` event; `message` is Chinese, without the job's label. */
  fail(job: BatchJob, message: string): void {
    this.failed.push({ job, message });
    this.emit({ type: 'failed', job, message });
  }
}

/** Absolute path of a manifest path (relative, `/`-separated) under `outDir`. */
export function outPath(outDir: string, relative: string): string {
  return join(outDir, ...relative.split('/'));
}

/** SHA-256 of a font report (role → font file), `undefined` without one (no PDF). */
export function fontsHashOf(report: FontReport | null): string | undefined {
  return report ? sha256(canonicalJson(report)) : undefined;
}

/** True when every file of a manifest entry is still a file of the listed size under `outDir` (contents not read). */
export async function filesPresent(outDir: string, o: ManifestOutput): Promise<boolean> {
  for (const f of o.files) {
    try {
      const s = await stat(join(outDir, f.path));
      if (!s.isFile() || s.size !== f.bytes) return false;
    } catch {
      return false;
    }
  }
  return true;
}
