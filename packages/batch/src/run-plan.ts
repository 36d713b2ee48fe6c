/**
 * Phase 1 of `runBatch`: what the previous manifest keeps for documents outside this run, then
 * every job resolved, proofread, given collision-free output paths and an input hash.
 * Internal to `@qingdan/batch`.
 */
import { setImmediate } from 'node:timers/promises';
import { resolve } from '@qingdan/engine';
import { lintDocument } from '@qingdan/lint';
import type { ResolvedDocument, Template } from '@qingdan/model';
import { canonicalJson, sha256 } from './hash.js';
import type { Manifest, ManifestOutput } from './manifest.js';
import type { BatchJob } from './plan.js';
import type { Format } from './render-job.js';
import { messageOf } from './errors.js';
import { filesPresent, type Planned, type Progress } from './run-common.js';
import { collisionKey, numberedName, safeFileName } from './safe-name.js';

/** Output paths already taken: collision key of a path (see {@link collisionKey}) → key of the job that owns it. */
export type Claims = Map<string, string>;

/** Manifest entries of documents not in this run whose files are still there, and the paths they hold. */
export interface KeptOutputs {
  /** Job key → entry, in the previous manifest's order. */
  entries: Map<string, ManifestOutput>;
  claimed: Claims;
}

/**
 * Keeps the previous manifest's entries of jobs that are not in this run, as long as their files
 * are still present with the listed sizes; their paths are claimed so this run's documents do
 * not take them.
 */
export async function keepOtherOutputs(outDir: string, old: Manifest | undefined, jobs: readonly BatchJob[]): Promise<KeptOutputs> {
  const entries = new Map<string, ManifestOutput>();
  const claimed: Claims = new Map();
  const jobKeys = new Set(jobs.map((j) => j.key));
  for (const o of old?.outputs ?? []) {
    if (jobKeys.has(o.key) || !(await filesPresent(outDir, o))) continue;
    entries.set(o.key, o);
    for (const f of o.files) claimed.set(collisionKey(f.path), o.key);
  }
  return { entries, claimed };
}

/** Jobs planned between two turns of the event loop (a job takes ≈ 0.7 ms: resolve, proofread, hash). */
const PLAN_YIELD_EVERY = 16;

/** What {@link planOutputs} works from. */
export interface PlanInput {
  jobs: readonly BatchJob[];
  templates: ReadonlyMap<string, Template>;
  /** Named in the message of a job whose template is missing. */
  templatesDir?: string | undefined;
  formats: readonly Format[];
  /** Package → version of the engine and renderers (part of every input hash). */
  renderers: Record<string, string>;
  /** Paths already taken by documents outside this run (not changed; the plan returns its own copy). */
  claimed: ReadonlyMap<string, string>;
}

/** The documents to make, in job order. */
export interface Plan {
  planned: Planned[];
  /** The claims given as input plus every planned document's paths. */
  claimed: Claims;
  /** Template id → SHA-256 of its content, for the templates of planned jobs. */
  templateHashes: Map<string, string>;
}

/**
 * Resolves every job in the calling thread, in job order (so collision numbers are stable),
 * proofreads it (`lint` event when there are findings), chooses its output paths
 * `<year>/<unit>/<name>.<format>` (a name already taken, compared without case, becomes
 * `name (2)`, `name (3)` …) and hashes its inputs. A job whose template is missing or whose
 * answers do not resolve gets a `failed` event and is left out of the plan. Gives the event loop
 * a turn every {@link PLAN_YIELD_EVERY} jobs, so that workers started meanwhile get their answers.
 */
export async function planOutputs(input: PlanInput, progress: Progress): Promise<Plan> {
  const claimed: Claims = new Map(input.claimed);
  const templateHashes = new Map<string, string>();
  const planned: Planned[] = [];
  for (const [i, job] of input.jobs.entries()) {
    // Let the event loop run now and then (≈ every 10 ms of planning): worker threads started
    // before planning are answered (font bytes), progress and signals get through.
    if (i > 0 && i % PLAN_YIELD_EVERY === 0) await setImmediate();
    const resolved = resolveJob(job, input, progress);
    if (!resolved) continue;
    const { template, doc } = resolved;
    const dir = `${safeFileName(doc.meta.year !== undefined ? String(doc.meta.year) : '未注明年度')}/${safeFileName(doc.meta.unit ?? job.unit)}`;
    const name = claimName(claimed, dir, safeFileName(doc.fileName), input.formats, job.key);
    let templateHash = templateHashes.get(template.id);
    if (!templateHash) {
      templateHash = sha256(canonicalJson(template));
      templateHashes.set(template.id, templateHash);
    }
    const inputHash = sha256(
      canonicalJson({
        templateId: template.id,
        templateVersion: template.version,
        templateHash,
        answers: job.answers,
        formats: input.formats,
        renderers: input.renderers,
      }),
    );
    planned.push({ job, template, inputHash, files: input.formats.map((format) => ({ format, path: `${dir}/${name}.${format}` })) });
  }
  return { planned, claimed, templateHashes };
}

/** Finds the job's template and resolves its answers, sending `failed` or `lint` events; `undefined` when it failed. */
function resolveJob(job: BatchJob, input: PlanInput, progress: Progress): { template: Template; doc: ResolvedDocument } | undefined {
  const template = input.templates.get(job.templateId);
  if (!template) {
    progress.fail(job, `没有 id 为 ${job.templateId} 的模板。请检查模板文件夹${input.templatesDir ? `（${input.templatesDir}）` : ''}。`);
    return undefined;
  }
  let doc: ResolvedDocument;
  try {
    doc = resolve(template, job.answers, { allowUnknown: true });
  } catch (error) {
    progress.fail(job, messageOf(error));
    return undefined;
  }
  const findings = lintDocument(doc);
  if (findings.length > 0) progress.emit({ type: 'lint', job, messages: findings });
  return { template, doc };
}

/**
 * The first of `base`, `base (2)`, `base (3)` … whose paths in `dir` are free for every format,
 * claimed for `jobKey` (in `claimed`) before it is returned.
 */
function claimName(claimed: Claims, dir: string, base: string, formats: readonly Format[], jobKey: string): string {
  let name = base;
  const taken = (n: string): boolean => formats.some((f) => claimed.has(collisionKey(`${dir}/${n}.${f}`)));
  for (let n = 2; taken(name); n++) name = numberedName(base, n);
  for (const f of formats) claimed.set(collisionKey(`${dir}/${name}.${f}`), jobKey);
  return name;
}
