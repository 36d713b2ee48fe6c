/**
 * `qingdan generate --answers <file> [--template <id>]`: the documents of one answers file (a
 * one-unit roster run through the batch).
 */
import { resolve as resolvePath } from 'node:path';
import { planBatch } from '@qingdan/batch';
import { readAnswersFile } from '../answers-file.js';
import type { ExitCode } from '../exit.js';
import type { Io } from '../io.js';
import { rosterFromAnswers } from '../jobs.js';
import { outDirOf, parseFonts, parseFormats, parseJobs } from '../options.js';
import { runJobs } from '../run-jobs.js';
import { loadTemplateSet, pickTemplates } from '../templates.js';

/** The options of `qingdan generate`, as commander passes them. */
export interface GenerateOptions {
  answers: string;
  template?: string;
  format?: string;
  out?: string;
  json?: boolean;
  fonts?: string;
  jobs?: string;
}

/**
 * Generates the lists of one answers file. The templates are `--template` (one id or several,
 * comma-separated), else the file's `templates:`, else all.
 *
 * @returns the exit code (see `ExitCode`)
 * @throws {QingdanError} `ANSWERS_INVALID` / `IO_FAILED` / `TEMPLATE_*` for unusable input (exit 2)
 */
export async function generateCommand(options: GenerateOptions, ctx: { io: Io; templatesDir: string }): Promise<ExitCode> {
  const formats = parseFormats(options.format);
  const concurrency = parseJobs(options.jobs);
  const all = loadTemplateSet(ctx.templatesDir);
  const file = await readAnswersFile(resolvePath(ctx.io.cwd, options.answers));
  const ids = options.template?.split(/[,，、\s]+/u).filter(Boolean) ?? file.templates;
  const templates = pickTemplates(all, ids);
  const roster = rosterFromAnswers(file, templates, [...all.values()]);
  const chosen = new Map(templates.map((t) => [t.id, t]));
  const jobs = planBatch(roster, chosen);
  return runJobs({
    io: ctx.io,
    jobs,
    templates: chosen,
    templatesDir: ctx.templatesDir,
    outDir: outDirOf(options.out, ctx.io),
    formats,
    concurrency,
    fonts: parseFonts(options.fonts, ctx.io),
    rosterHash: roster.hash,
    json: options.json === true,
    extra: { command: 'generate', answers: file.file, templates: templates.map((t) => t.id) },
  });
}
