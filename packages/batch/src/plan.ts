/**
 * Planning a batch: a roster and the chosen templates → one job per document.
 */
import type { Answers, Template } from '@qingdan/model';

/**
 * The part of a `@qingdan/roster` `Roster` the planner reads (a `Roster` fits it as it is).
 * Units and leaders are the good rows, in file order; `answers` are already normalised.
 */
export interface PlanRoster {
  units: readonly {
    row: number;
    name: string;
    answers: Answers;
    leaders: readonly { row: number; name: string; answers: Answers }[];
  }[];
}

/** One document to produce. */
export interface BatchJob {
  /**
   * Stable identity of the document across runs: `templateId/unit` for a per-unit template,
   * `templateId/unit/leader` for a per-leader one (a repeated name gets `#row` appended). The
   * manifest is keyed by it, so a re-run finds the document's previous inputs and files.
   */
  key: string;
  templateId: string;
  /** The unit's and (for a per-leader template) the leader's answers merged, only keys the template declares. */
  answers: Answers;
  /** The unit's name as written in the roster. */
  unit: string;
  /** The leader's name, for a per-leader template. */
  leader?: string;
  /** The roster row of the leader (per-leader template) or of the unit (per-unit template). */
  row: number;
}

function pick(template: Template, ...sources: Answers[]): Answers {
  const out: Answers = {};
  for (const v of template.variables) {
    for (const s of sources) if (s[v.key] !== undefined) out[v.key] = s[v.key] as Answers[string];
  }
  return out;
}

/**
 * Plans a batch: for each template (in the map's order), one job per unit when it is issued per
 * unit (`issuedPer: unit`, e.g. 重点任务清单), one job per leader of every unit when it is issued per
 * leader (`issuedPer: leader`, e.g. 领导责任清单). Units without leaders give no per-leader job.
 *
 * Each job's answers are the unit's answers with the leader's on top, restricted to the variables
 * the template declares (so a change to a value another template uses re-renders only that template's
 * documents). Nothing is checked here: `runBatch` resolves each job and reports its problems.
 *
 * @param roster - a roster read by `@qingdan/roster` (rows with errors already left out)
 * @param templates - template id → template
 * @returns the jobs, in template order, then roster order
 * @example planBatch(roster, new Map([['responsibility-list', t]])).length // number of leaders
 */
export function planBatch(roster: PlanRoster, templates: ReadonlyMap<string, Template>): BatchJob[] {
  const jobs: BatchJob[] = [];
  const seen = new Map<string, number>();
  const add = (job: BatchJob): void => {
    const n = (seen.get(job.key) ?? 0) + 1;
    seen.set(job.key, n);
    jobs.push(n === 1 ? job : { ...job, key: `${job.key}#${job.row}` });
  };
  for (const [id, template] of templates) {
    for (const unit of roster.units) {
      if (template.issuedPer === 'unit') {
        add({ key: `${id}/${unit.name}`, templateId: id, answers: pick(template, unit.answers), unit: unit.name, row: unit.row });
        continue;
      }
      for (const leader of unit.leaders) {
        add({
          key: `${id}/${unit.name}/${leader.name}`,
          templateId: id,
          answers: pick(template, unit.answers, leader.answers),
          unit: unit.name,
          leader: leader.name,
          row: leader.row,
        });
      }
    }
  }
  return jobs;
}
