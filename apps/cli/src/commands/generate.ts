/**
 * `qingdan generate --answers <file> [--template <id>]`: the documents of one answers file (a
 * one-unit roster run through the batch).
 */
import { resolve as resolvePath } from 'node:path';
import type { AnswersFile, Template } from '@qingdan/model';
import { rosterFromAnswers } from '@qingdan/roster';
import { readAnswersFile, splitByScope } from '../answers-file.js';
import type { ExitCode } from '../exit.js';
import type { Io } from '../io.js';
import { parseOutput, splitIds, type OutputOptions } from '../options.js';
import { runJobs } from '../run-jobs.js';
import { loadTemplateSet, pickTemplates } from '@qingdan/template-files';

/** The options of `qingdan generate`, as commander passes them. */
export interface GenerateOptions extends OutputOptions {
  answers: string;
  template?: string;
  json?: boolean;
}

/**
 * The lists an answers file asks for when neither `--template` nor `templates:` says: every
 * per-unit list, and the per-leader lists when the file has leaders.
 */
function defaultTemplates(all: ReadonlyMap<string, Template>, file: AnswersFile): Template[] {
  const list = [...all.values()];
  const hasLeaders = file.leaders.length > 0 || Object.keys(splitByScope(file.unit, list).leader).length > 0;
  return list.filter((t) => t.issuedPer === 'unit' || hasLeaders);
}

/**
 * Generates the lists of one answers file. The templates are `--template` (one id or several,
 * comma-separated), else the file's `templates:`, else those the file has values for (see
 * `defaultTemplates`).
 *
 * @returns the exit code (see `ExitCode`)
 * @throws {QingdanError} `ANSWERS_INVALID` / `IO_FAILED` / `TEMPLATE_*` for unusable input (exit 2)
 */
export async function generateCommand(options: GenerateOptions, ctx: { io: Io; templatesDir: string }): Promise<ExitCode> {
  const output = parseOutput(options, ctx.io);
  const all = loadTemplateSet(ctx.templatesDir);
  const file = await readAnswersFile(resolvePath(ctx.io.cwd, options.answers), [...all.values()]);
  const ids = (options.template !== undefined ? splitIds(options.template) : undefined) ?? file.templates;
  const templates = ids ? pickTemplates(all, ids) : defaultTemplates(all, file);
  const roster = rosterFromAnswers(file, templates, [...all.values()]);
  return runJobs({
    ...ctx,
    roster,
    templates,
    allTemplates: [...all.values()],
    output,
    json: options.json === true,
    inputWarnings: roster.warnings,
    extra: { command: 'generate', answers: file.file, templates: templates.map((t) => t.id) },
  });
}
