/**
 * `@qingdan/batch`: plans a batch from a roster, renders DOCX/PDF in a pool of worker threads,
 * writes every file atomically under `<out>/<year>/<unit>/`, keeps `manifest.json`, and skips
 * documents whose inputs did not change.
 *
 * @example
 * const jobs = planBatch(roster, templates);
 * const summary = await runBatch({ jobs, templates, outDir: 'out', formats: ['docx', 'pdf'], rosterHash: roster.hash });
 */
export { planBatch, type BatchJob, type PlanRoster } from './plan.js';
export { runBatch, type RunBatchOptions, type BatchEvent, type BatchSummary } from './run.js';
export { safeFileName, truncateUtf8, utf8Length, numberedName, collisionKey, DEFAULT_MAX_BYTES, EMPTY_NAME } from './safe-name.js';
export {
  readManifest,
  writeAtomic,
  MANIFEST_FILE,
  MANIFEST_SCHEMA,
  type Manifest,
  type ManifestOutput,
  type ManifestFile,
} from './manifest.js';
export type { Format } from './render-job.js';
export { WORKER_YOUNG_GENERATION_MB } from './pool.js';
export { sha256, sha256File, canonicalJson } from './hash.js';
