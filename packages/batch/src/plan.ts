/**
 * The planner: a roster and the chosen templates → one job per document, each carrying its
 * resolved document (the IR, resolved here and only here), its output paths and the hash of its
 * inputs. Pure: no file system, no clock; what the output folder already holds comes in as data.
 */
import { resolve } from '@qingdan/engine';
import { contextFromAnswers, lintDocument, type AnswersContext } from '@qingdan/lint';
import type { Answers, EditedFile, Format, Job, LintFinding, ManifestOutput, ResolvedDocument, Template } from '@qingdan/model';
import { canonicalJson, collisionKey, numberedName, safeFileName, sha256 } from '@qingdan/store';
import { messageOf } from './errors.js';

/**
 * The part of a roster the planner reads (a `@qingdan/roster` roster fits it as it is): units and
 * leaders in file order, with their rows and their normalised answers.
 */
export interface PlanRoster {
  units: readonly {
    row: number;
    name: string;
    answers: Answers;
    leaders: readonly { row: number; name: string; answers: Answers }[];
  }[];
}

/** Who a document is for, known before it is resolved: enough to report on it and to key it. */
export interface JobRef {
  /** The job's key (see `Job.key` in `@qingdan/model`). */
  key: string;
  templateId: string;
  unit: string;
  leader?: string;
  /** The roster row of the leader (per-leader template) or of the unit (per-unit template). */
  row: number;
}

/** One document of the plan before it is resolved: its reference, template and merged answers. */
interface Outline extends JobRef {
  template: Template;
  /** The unit's answers with the leader's on top, restricted to the template's variables. */
  answers: Answers;
  /** All the unit's answers (for the proofreading context). */
  unitAnswers: Answers;
}

/** The folder name of a document without a year (a template with no `year` variable). */
export const NO_YEAR = '未注明年度';

/** The year an answers set gives a template (its variable with role `year`, else that variable's default). */
function yearOf(template: Template, answers: Answers): string {
  const v = template.variables.find((x) => x.role === 'year');
  const value = v ? (answers[v.key] ?? v.default) : undefined;
  return typeof value === 'number' || (typeof value === 'string' && value.trim() !== '') ? String(value).trim() : NO_YEAR;
}

function pick(template: Template, ...sources: Answers[]): Answers {
  const out: Answers = {};
  for (const v of template.variables) {
    for (const s of sources) if (s[v.key] !== undefined) out[v.key] = s[v.key] as Answers[string];
  }
  return out;
}

function outline(roster: PlanRoster, templates: readonly Template[]): Outline[] {
  const out: Outline[] = [];
  const seen = new Map<string, number>();
  const add = (o: Outline): void => {
    const n = (seen.get(o.key) ?? 0) + 1;
    seen.set(o.key, n);
    out.push(n === 1 ? o : { ...o, key: `${o.key}#${o.row}` });
  };
  for (const template of templates) {
    for (const unit of roster.units) {
      if (template.issuedPer === 'unit') {
        const answers = pick(template, unit.answers);
        add({ key: `${yearOf(template, answers)}/${template.id}/${unit.name}`, templateId: template.id, unit: unit.name, row: unit.row, template, answers, unitAnswers: unit.answers });
        continue;
      }
      for (const leader of unit.leaders) {
        const answers = pick(template, unit.answers, leader.answers);
        add({
          key: `${yearOf(template, answers)}/${template.id}/${unit.name}/${leader.name}`,
          templateId: template.id,
          unit: unit.name,
          leader: leader.name,
          row: leader.row,
          template,
          answers,
          unitAnswers: unit.answers,
        });
      }
    }
  }
  return out;
}

/**
 * Every document a roster asks for, in order — templates in the given order, then roster order —
 * with its key, before anything is resolved (cheap: for the progress total and to know which
 * documents of the output folder are outside this run).
 *
 * Per-unit templates (`issuedPer: unit`, e.g. 重点任务清单) give one document per unit; per-leader
 * ones (`issuedPer: leader`, e.g. 领导责任清单) one per leader of every unit. A name repeated in a
 * unit gets `#<row>` appended to its key, so no document is lost.
 *
 * @example planOutline(roster, [taskList]).map((r) => r.key) // ['2025/task-list/区发展和改革局', …]
 */
export function planOutline(roster: PlanRoster, templates: readonly Template[]): JobRef[] {
  return outline(roster, templates).map(({ key, templateId, unit, leader, row }) => ({ key, templateId, unit, ...(leader !== undefined ? { leader } : {}), row }));
}

/** What {@link planJobs} works from. */
export interface PlanInput {
  roster: PlanRoster;
  /** The templates to produce, in order. */
  templates: readonly Template[];
  formats: readonly Format[];
  /** Package → version of the engine and renderers (part of every input hash). */
  renderers: Record<string, string>;
  /** The documents the output folder lists (with intact files), by key. */
  previous: ReadonlyMap<string, ManifestOutput>;
  /** Files edited by hand: their paths are never given to a document. */
  edited: readonly EditedFile[];
  /**
   * Every template the roster was read with (default: `templates`): where the proofreading context
   * is looked up by variable role (the unit's province may be declared by a template not in this run).
   */
  roleTemplates?: readonly Template[];
}

/** One step of a plan: a job to make, or a document that cannot be made (with the reason, in Chinese). */
export type PlanItem = { kind: 'job'; job: Job } | { kind: 'failed'; ref: JobRef; message: string };

/**
 * Plans the documents one at a time, in {@link planOutline}'s order: resolves each (answers
 * checked by the template's declarations), proofreads it, chooses its paths
 * `<year>/<unit>/<file name>.<format>` (names made safe by `safeFileName`) and hashes its inputs.
 *
 * Paths: a document keeps its name unless it is taken — by a document listed in the output folder
 * that is not in this run, by a file edited by hand, or by an earlier document of this run —
 * compared as Windows and macOS compare names (without case); then it becomes `name (2)`,
 * `name (3)` … A generator, so that a caller can render the first documents while later ones are
 * planned, and hold no more resolved documents than it renders at a time.
 *
 * @returns a generator of jobs and of failures (a document whose answers do not resolve)
 */
export function* planJobs(input: PlanInput): Generator<PlanItem, void, undefined> {
  const outlines = outline(input.roster, input.templates);
  const inRun = new Set(outlines.map((o) => o.key));
  const claimed = new Map<string, string>();
  for (const o of input.previous.values()) {
    if (inRun.has(o.key)) continue;
    for (const f of o.files) claimed.set(collisionKey(f.path), o.key);
  }
  for (const e of input.edited) claimed.set(collisionKey(e.path), `edited:${e.key}`);
  const contexts = new Map<Answers, AnswersContext>();
  const contextOf = (unitAnswers: Answers): AnswersContext => {
    let c = contexts.get(unitAnswers);
    if (!c) contexts.set(unitAnswers, (c = contextFromAnswers(input.roleTemplates ?? input.templates, unitAnswers)));
    return c;
  };

  for (const o of outlines) {
    const ref: JobRef = { key: o.key, templateId: o.templateId, unit: o.unit, ...(o.leader !== undefined ? { leader: o.leader } : {}), row: o.row };
    let doc: ResolvedDocument;
    try {
      doc = resolve(o.template, o.answers, { allowUnknown: true });
    } catch (error) {
      yield { kind: 'failed', ref, message: messageOf(error) };
      continue;
    }
    const dir = `${safeFileName(doc.meta.year !== undefined ? String(doc.meta.year) : NO_YEAR)}/${safeFileName(doc.meta.unit ?? o.unit)}`;
    const name = claimName(claimed, dir, safeFileName(doc.fileName), input.formats, o.key);
    const proof = contextOf(o.unitAnswers);
    const findings: LintFinding[] = [...proof.findings, ...lintDocument(doc, proof.context)];
    const job: Job = {
      ...ref,
      templateVersion: o.template.version,
      doc,
      inputHash: sha256(canonicalJson({ doc, formats: input.formats, renderers: input.renderers })),
      files: input.formats.map((format) => ({ format, path: `${dir}/${name}.${format}` })),
      findings,
    };
    yield { kind: 'job', job };
  }
}

/**
 * The first of `base`, `base (2)`, `base (3)` … whose paths in `dir` are free for every format,
 * claimed for `key` before it is returned.
 */
function claimName(claimed: Map<string, string>, dir: string, base: string, formats: readonly Format[], key: string): string {
  const taken = (n: string): boolean => formats.some((f) => (claimed.get(collisionKey(`${dir}/${n}.${f}`)) ?? key) !== key);
  let name = base;
  for (let n = 2; taken(name); n++) name = numberedName(base, n);
  for (const f of formats) claimed.set(collisionKey(`${dir}/${name}.${f}`), key);
  return name;
}
