/**
 * The `qingdan` command line: commander with Chinese help; each command is a thin function in
 * `commands/`, loaded only when it runs (so `--help` does not load the renderers). `run()` returns
 * the exit code instead of exiting, so it can be tested in-process.
 */
import { createRequire } from 'node:module';
import { Command, CommanderError } from 'commander';
import type { batchCommand } from './commands/batch.js';
import type { checkCommand } from './commands/check.js';
import type { generateCommand } from './commands/generate.js';
import type { fontsCommand } from './commands/fonts.js';
import type { importCommand } from './commands/import.js';
import type { previewCommand } from './commands/preview.js';
import type { interviewCommand } from './commands/interview.js';
import { chineseHelp } from './help.js';
import { describeError, errorJson, ExitCode, exitCodeOf, UsageError } from './exit.js';
import { NOT_A_TERMINAL, println, processIo, type Io } from './io.js';
import { templatesDirOf } from '@qingdan/template-files';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

const EXAMPLES = `
示例：
  qingdan                                            在终端中逐项问答，生成本单位和每位班子成员的清单
  qingdan batch --roster examples/roster.yaml        按花名册生成全部清单（也可用 .csv、.xlsx）
  qingdan generate --answers out/2025/区发展和改革局/answers.yaml    按问答时保存的答案文件重新生成
  qingdan import seeds/000_6191e73f1c3e00fc.txt --out my-templates    从范文生成模板骨架
  qingdan check 清单.docx --province 内蒙古 --unit 区发展和改革局     校对任意清单中从外地范文带来的内容
退出码：0 全部写入；1 有清单未能生成或花名册有错误行；2 用法错误、输入文件或输出文件夹不可用；130 已取消（Ctrl+C）；143 被终止（SIGTERM）。`;

/**
 * Builds the program. Each command's action stores its exit code in `result.code`.
 *
 * @param io - the streams to print to
 * @param result - receives the exit code of the command that ran
 */
export function createProgram(io: Io, result: { code: number; json: boolean }): Command {
  const out = { write: (s: string) => io.stdout.write(s), writeErr: (s: string) => io.stderr.write(s) };
  const program = chineseHelp(new Command('qingdan'), out)
    .description('qingdan：按 GB/T 9704-2012 生成领导责任清单与重点任务清单（DOCX、PDF）')
    .usage('[命令] [选项]')
    .version(version, '-V, --version', '显示版本号')
    .option('--templates <文件夹>', '模板文件夹（默认：qingdan 自带的 templates/，或环境变量 QINGDAN_TEMPLATES）')
    .option('--debug', '出错时显示详细信息（调用栈），也可设置环境变量 QINGDAN_DEBUG=1')
    .helpCommand('help [命令]', '显示某个命令的帮助')
    .addHelpText('after', EXAMPLES)
    .exitOverride()
    // A first word that is not a command (`qingdan genrate …`) goes to `interview`, the default
    // command, as an extra argument, and commander would answer "too many arguments" for interview.
    // Before any subcommand runs, `args` holds what is left after the global options: a word
    // there that does not name the subcommand being run is such a mistyped command.
    .hook('preSubcommand', (parent, sub) => {
      const word = parent.args[0];
      if (word === undefined || word.startsWith('-') || word === sub.name() || sub.aliases().includes(word)) return;
      const names = [...parent.commands.map((c) => c.name()), 'help'];
      throw new UsageError(`没有名为“${word}”的命令。qingdan 的命令有：${names.join('、')}；用 qingdan --help 查看各命令的用法。`);
    });
  const ctx = (): { io: Io; templatesDir: string } => ({
    io,
    templatesDir: templatesDirOf(program.opts<{ templates?: string }>().templates, io.env, io.cwd),
  });
  const sub = (name: string, description: string, isDefault = false): Command =>
    chineseHelp(program.command(name, { isDefault }), out).description(description).exitOverride();
  /** The output options of the commands that write documents (see `OutputOptions`). */
  const withOutput = (cmd: Command): Command =>
    cmd
      .option('--format <格式>', '输出格式：docx、pdf 或 docx,pdf（默认 docx,pdf）')
      .option('--out <文件夹>', '输出文件夹（默认 out）')
      .option('--fonts <文件夹或文件>', 'PDF 所用字体的文件夹或文件（默认：自动查找本机字体）')
      .option('--jobs <数量>', '同时生成的份数（默认：CPU 核数）')
      .option('--force', '覆盖生成后被手工修改过的文件（默认保留它，新版本另存为“名称 (2)”）');
  const JSON_SUMMARY = '在标准输出打印一个 JSON 摘要（不打印其他内容）';

  withOutput(
    sub('interview', '逐项问答生成清单（在终端中直接运行 qingdan 即为此命令）', true)
      .usage('[选项]')
      .option('--answers <文件>', '以此答案文件（如去年保存的 answers.yaml）中的值作为默认值')
      .option('--save <文件>', '答案保存到此文件（默认：<输出文件夹>/<年度>/<单位>/answers.yaml）'),
  ).action(async (opts: object) => {
    // checked before the command (and the renderers) load, so a pipe gets its answer at once
    if (!io.stdinIsTTY) throw new UsageError(NOT_A_TERMINAL);
    result.code = await (await import('./commands/interview.js')).interviewCommand(opts, ctx());
  });

  withOutput(
    sub('generate', '按答案文件生成清单')
      .usage('--answers <文件> [--template <模板>] [选项]')
      .requiredOption('--answers <文件>', '答案文件（YAML，qingdan interview 保存的格式）')
      .option('--template <模板>', '模板 id：task-list、responsibility-list，可用逗号分隔多个（默认：答案文件中的 templates，或全部）'),
  )
    .option('--json', JSON_SUMMARY)
    .action(async (opts: Parameters<typeof generateCommand>[0]) => {
      result.json = opts.json === true;
      result.code = await (await import('./commands/generate.js')).generateCommand(opts, ctx());
    });

  withOutput(
    sub('batch', '按花名册批量生成：每个单位一份重点任务清单，每位班子成员一份领导责任清单')
      .usage('--roster <文件> [选项]')
      .requiredOption('--roster <文件>', '花名册：.yaml、.csv（UTF-8 或 GB18030）或 .xlsx')
      .option('--template <模板>', '只生成这些模板（逗号分隔；默认全部）'),
  )
    .option('--json', JSON_SUMMARY)
    .action(async (opts: Parameters<typeof batchCommand>[0]) => {
      result.json = opts.json === true;
      result.code = await (await import('./commands/batch.js')).batchCommand(opts, ctx());
    });

  sub('import', '从范文（.txt 或 .docx）生成模板骨架和导入报告')
    .usage('<范文文件> [选项]')
    .argument('<范文文件>', '带 XX 占位符的范文')
    .option('--out <文件夹>', '模板骨架的输出文件夹（默认 imported-templates）')
    .option('--overwrite', '覆盖已存在的模板文件')
    .option('--json', '在标准输出打印一个 JSON 摘要')
    .action(async (file: string, opts: Parameters<typeof importCommand>[1]) => {
      result.json = opts.json === true;
      result.code = await (await import('./commands/import.js')).importCommand(file, opts, ctx());
    });

  sub('check', '校对任意清单（本工具生成的或手写的 .docx / .txt）：残留 XX、外地地名与口号、单位类型与级别不符、年份、标点与编号、过时提法')
    .usage('<文件或文件夹...> [--province 省] [--city 市] [--county 区县] [--unit 单位名称] [--year 年度] [--level 级别] [--roster 花名册] [--json]')
    .argument('<文件...>', '.docx 或 .txt（UTF-8 / GB18030）文件，或含有它们的文件夹')
    .option('--province <省>', '本单位所在的省、自治区或直辖市，如 浙江、内蒙古')
    .option('--city <市>', '所在的地级市、地区、自治州或盟，如 杭州')
    .option('--county <区县>', '所在的区、县或旗，如 西湖区')
    .option('--unit <单位名称>', '单位全称，如 区发展和改革局（由此推断单位类型：局/委/办/中心 为机关，学校、医院、街道乡镇；及级别）')
    .option('--year <年度>', '清单年度，如 2025（默认取标题中的年份）')
    .option('--level <级别>', '单位级别：省、市、县 或 区（默认由单位名称推断；自治区中以“区”开头的单位须写明）')
    .option('--roster <花名册>', '花名册（.yaml / .csv / .xlsx）：本工具生成的每份清单按其所属单位的年度、地区、单位和班子成员校对（按输出文件夹的 manifest.json 或路径中的单位名称对应）')
    .option('--json', '在标准输出打印 JSON：{ findings: [ { file, rule, severity, message, paragraph, offset, text, suggestion } ] } 等')
    .addHelpText('after', '\n退出码：0 没有错误或警告（可以有提示）；1 有错误或警告；2 用法错误或文件无法读取。')
    .action(async (files: string[], opts: Parameters<typeof checkCommand>[1]) => {
      result.json = opts.json === true;
      result.code = await (await import('./commands/check.js')).checkCommand(files, opts, ctx());
    });

  sub('fonts', '显示生成 PDF 时各部分（标题、正文、标题层级、页码）使用的字体文件')
    .usage('[--fonts <文件夹或文件>]')
    .option('--fonts <文件夹或文件>', '优先使用的字体文件或文件夹（也可写 角色=文件，如 body=/fonts/fs.ttf）')
    .option('--json', '在标准输出打印 JSON')
    .action(async (opts: Parameters<typeof fontsCommand>[0]) => {
      result.json = opts.json === true;
      result.code = (await import('./commands/fonts.js')).fontsCommand(opts, ctx());
    });

  sub('preview', '启动网页预览：填写表单、查看 A4 版面、下载 DOCX 和 PDF')
    .usage('[--port <端口>] [--host <地址>]')
    .option('--port <端口>', '端口（默认自动选择空闲端口）')
    .option('--host <地址>', '监听地址（默认 127.0.0.1，仅本机可访问）')
    .option('--fonts <文件夹或文件>', 'PDF 所用字体的文件夹或文件')
    .action(async (opts: Parameters<typeof previewCommand>[0]) => {
      result.code = await (await import('./commands/preview.js')).previewCommand(opts, ctx());
    });

  return program;
}

/**
 * Runs `qingdan` with the given arguments.
 *
 * @param argv - the arguments after the program name (e.g. `['batch', '--roster', 'r.csv']`)
 * @param io - the streams (default: the process's)
 * @returns the exit code: 0 ok, 1 some failed, 2 usage or input file, 130 cancelled, 143 terminated
 */
export async function run(argv: readonly string[], io: Io = processIo()): Promise<number> {
  const result = { code: ExitCode.OK as number, json: false };
  const program = createProgram(io, result);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return result.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and version exit 0; everything else commander raises is a usage error (already printed)
      return error.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE;
    }
    const code = exitCodeOf(error);
    if (result.json && code !== ExitCode.CANCELLED) {
      println(io.stdout, JSON.stringify({ ok: false, exitCode: code, error: errorJson(error) }, null, 2));
    }
    const debug = program.opts<{ debug?: boolean }>().debug === true || io.env.QINGDAN_DEBUG === '1';
    println(io.stderr, describeError(error, debug));
    return code;
  }
}
