/**
 * `qingdan interview` (and a bare `qingdan` in a terminal): asks for the values, shows a summary,
 * saves the answers as YAML, writes the documents.
 */
import { join, relative, resolve as resolvePath } from 'node:path';
import { safeFileName } from '@qingdan/store';
import type { AnswersFile, Template } from '@qingdan/model';
import { rosterFromAnswers } from '@qingdan/roster';
import { answersYaml, parseAnswersFile, readAnswersFile, splitByScope, writeFileAtomic } from '../answers-file.js';
import type { ExitCode } from '../exit.js';
import { runInterview, summaryLines, type InterviewAnswers } from '../interview.js';
import { println, type Io } from '../io.js';
import { roleValue } from '../jobs.js';
import { parseOutput, type OutputOptions } from '../options.js';
import { askConfirm } from '../prompts.js';
import { runJobs } from '../run-jobs.js';
import { loadTemplateSet } from '@qingdan/template-files';

/** The options of `qingdan interview`, as commander passes them. */
export interface InterviewCommandOptions extends OutputOptions {
  answers?: string;
  save?: string;
}

function previousOf(file: AnswersFile, templates: readonly Template[]): Partial<InterviewAnswers> {
  if (file.leaders.length > 0) return { ...(file.templates ? { templates: file.templates } : {}), unit: file.unit, leaders: file.leaders };
  const split = splitByScope(file.unit, templates);
  return {
    ...(file.templates ? { templates: file.templates } : {}),
    unit: split.unit,
    leaders: Object.keys(split.leader).length > 0 ? [split.leader] : [],
  };
}

/** Where the answers are saved: `--save`, else `<out>/<year>/<unit>/answers.yaml`. */
function savePathOf(save: string | undefined, outDir: string, answers: InterviewAnswers, templates: readonly Template[], io: Io): string {
  if (save) return resolvePath(io.cwd, save);
  const year = roleValue(templates, 'year', answers.unit);
  const unit = roleValue(templates, 'unit', answers.unit);
  return year && unit ? join(outDir, safeFileName(year), safeFileName(unit), 'answers.yaml') : join(outDir, 'answers.yaml');
}

/**
 * Runs the interview, then generates. Needs a terminal on stdin: `program.ts` refuses a
 * non-terminal (exit 2) before loading this module.
 *
 * @returns the exit code; 130 when cancelled (Ctrl+C rejects a prompt with `ExitPromptError`,
 *   which the caller maps to 已取消 / 130: nothing has been written before the confirmation)
 */
export async function interviewCommand(options: InterviewCommandOptions, ctx: { io: Io; templatesDir: string }): Promise<ExitCode> {
  const { io } = ctx;
  const output = parseOutput(options, io);
  const all = loadTemplateSet(ctx.templatesDir);
  const allList = [...all.values()];
  let previous = options.answers ? previousOf(await readAnswersFile(resolvePath(io.cwd, options.answers), allList), allList) : undefined;
  const print = (line: string): void => println(io.stdout, line);
  print('qingdan 访谈：逐项回答即可生成清单（回车采用方括号中的默认值，Ctrl+C 取消）。');
  let answers: InterviewAnswers;
  for (;;) {
    answers = await runInterview({ templates: all, previous, print });
    for (const line of summaryLines(answers, all)) print(line);
    print(`格式：${output.formats.map((f) => f.toUpperCase()).join('、')}；输出到：${relative(io.cwd, output.outDir) || '.'}`);
    if (await askConfirm({ message: '以上信息无误，开始生成？', default: true })) break;
    print('请重新填写（回车保留刚才的值）。');
    previous = answers;
  }
  const templates = answers.templates.map((id) => all.get(id)).filter((t): t is Template => t !== undefined);
  const savePath = savePathOf(options.save, output.outDir, answers, templates, io);
  const yaml = answersYaml(answers, templates);
  await writeFileAtomic(savePath, yaml);
  // read back what was saved: the file `generate --answers` will read next time gives these documents
  const file = parseAnswersFile(new TextEncoder().encode(yaml), savePath, allList);
  const roster = rosterFromAnswers(file, templates, allList);
  const code = await runJobs({ ...ctx, roster, templates, allTemplates: allList, output, json: false, inputWarnings: roster.warnings });
  const rel = relative(io.cwd, savePath) || savePath;
  print(`答案已保存：${rel}`);
  print(`明年可运行 qingdan interview --answers ${rel}（以本次答案为默认值），或修改年度后运行 qingdan generate --answers ${rel}。`);
  return code;
}
