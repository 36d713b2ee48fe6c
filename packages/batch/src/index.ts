/**
 * `@qingdan/batch`: a pure planner (roster + templates → jobs carrying the resolved document), a
 * pool of executors that only render and write, and `runBatch`, which ties them to an output
 * folder (`@qingdan/store`: atomic files, manifest, lock).
 *
 * @example
 * const summary = await runBatch({ roster, templates: [taskList, responsibilityList], outDir: 'out', formats: ['docx', 'pdf'] });
 */
export { planOutline, planJobs, NO_YEAR, type PlanRoster, type PlanInput, type PlanItem, type JobRef } from './plan.js';
export { runBatch, type RunBatchOptions, type BatchEvent, type BatchCounts, type BatchSummary } from './run.js';
