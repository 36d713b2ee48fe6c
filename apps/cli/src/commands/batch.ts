/**
 * `qingdan batch --roster <file>`: a task list for every unit and a responsibility list for every
 * leader of a roster (YAML, CSV or XLSX).
 */
import { resolve as resolvePath } from 'node:path';
import { readRoster } from '@qingdan/roster';
import type { ExitCode } from '../exit.js';
import type { Io } from '../io.js';
import { parseOutput, splitIds, type OutputOptions } from '../options.js';
import { printIssues, runJobs } from '../run-jobs.js';
import { loadTemplateSet, pickTemplates } from '@qingdan/template-files';

/** The options of `qingdan batch`, as commander passes them. */
export interface BatchOptions extends OutputOptions {
  roster: string;
  template?: string;
  json?: boolean;
}

/**
 * Reads the roster, reports every bad row in one pass, and writes the documents of the good ones.
 *
 * @returns 0 when all is written, 1 when rows were left out or documents failed, 130 on Ctrl+C
 * @throws {QingdanError} `ROSTER_INVALID` / `IO_FAILED` when the roster cannot be read at all (exit 2)
 */
export async function batchCommand(options: BatchOptions, ctx: { io: Io; templatesDir: string }): Promise<ExitCode> {
  const output = parseOutput(options, ctx.io);
  const all = loadTemplateSet(ctx.templatesDir);
  const templates = pickTemplates(all, options.template !== undefined ? splitIds(options.template) : undefined);
  const roster = await readRoster(resolvePath(ctx.io.cwd, options.roster), [...all.values()]);
  if (!options.json) {
    printIssues(ctx.io, `花名册 ${options.roster} 有 ${roster.issues.length} 处问题，相应的行未生成（其余照常生成）：`, roster.issues);
    const leaders = roster.units.reduce((n, u) => n + u.leaders.length, 0);
    ctx.io.stderr.write(`花名册：${roster.units.length} 个单位，${leaders} 位班子成员（${roster.format.toUpperCase()}）。\n`);
  }
  return runJobs({
    ...ctx,
    roster,
    templates,
    allTemplates: [...all.values()],
    output,
    json: options.json === true,
    inputIssues: roster.issues,
    inputWarnings: roster.warnings,
    extra: { command: 'batch', roster: roster.file, format: roster.format, units: roster.units.length },
  });
}
