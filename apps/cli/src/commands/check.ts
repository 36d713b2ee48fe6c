/**
 * `qingdan check <file…>`: proofreads any list — one qingdan wrote or one typed by hand in Word —
 * for carried-over wording (`@qingdan/lint`), against the place, unit, level and year it declares.
 * Files are read by `@qingdan/reader` (.docx: paragraphs, tables, headers, footers; .txt).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve as resolvePath, sep } from 'node:path';
import { formatLint, lintParagraphs, resolveContext, type ResolvedContext } from '@qingdan/lint';
import { AdminLevel, type LintContext, type LintFinding, type Manifest, QingdanError, type Template } from '@qingdan/model';
import { readDocument, type DocumentText } from '@qingdan/reader';
import type { Roster, RosterUnit } from '@qingdan/roster';
import { compareCodeUnits, MANIFEST_FILE, readManifest } from '@qingdan/store';
import { loadTemplateSet } from '@qingdan/template-files';
import { describeError, ExitCode, UsageError } from '../exit.js';
import { println, type Io } from '../io.js';
import { printIssues } from '../run-jobs.js';

/** The options of `qingdan check`, as commander passes them. */
export interface CheckOptions {
  province?: string;
  city?: string;
  county?: string;
  unit?: string;
  year?: string;
  level?: string;
  roster?: string;
  json?: boolean;
}

/** File endings `check` reads; a folder argument is searched for them. */
const READABLE = /\.(?:docx|txt)$/iu;

/**
 * The files named on the command line: files as given, folders searched (sorted) for `.docx` and
 * `.txt` (Word's `~$` lock files left out).
 * @throws {UsageError} for a path that does not exist, or a folder with no such file
 */
function expandFiles(args: readonly string[], cwd: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => compareCodeUnits(a.name, b.name))
      .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : READABLE.test(e.name) && !e.name.startsWith('~$') ? [join(dir, e.name)] : []));
  const missing: string[] = [];
  for (const arg of args) {
    const path = resolvePath(cwd, arg);
    if (!existsSync(path)) missing.push(arg);
    else if (statSync(path).isDirectory()) {
      const found = walk(path);
      if (found.length === 0) throw new UsageError(`文件夹 ${arg} 中没有 .docx 或 .txt 文件。`);
      out.push(...found);
    } else out.push(path);
  }
  if (missing.length > 0) throw new UsageError(`找不到 ${missing.join('、')}：请检查路径（可以是 .docx、.txt 文件或含有它们的文件夹）。`);
  return [...new Set(out)];
}

/**
 * The context the flags declare.
 * @throws {UsageError} for a year that is not a year, a level other than 省/市/县/区, a province
 *   or city the divisions table does not know
 */
function contextOfFlags(options: CheckOptions): LintContext {
  const context: LintContext = {};
  const problems: string[] = [];
  if (options.province !== undefined) context.province = options.province;
  if (options.city !== undefined) context.city = options.city;
  if (options.county !== undefined) context.county = options.county;
  if (options.unit !== undefined) context.unit = options.unit;
  if (options.year !== undefined) {
    const year = Number(options.year.replace(/年度?$/u, ''));
    if (!Number.isInteger(year) || year < 1900 || year > 2999) problems.push(`--year 应为年份，如 2025，收到“${options.year}”`);
    else context.year = year;
  }
  if (options.level !== undefined) {
    const level = AdminLevel.safeParse(options.level.replace(/级$/u, ''));
    if (!level.success) problems.push(`--level 应为 ${AdminLevel.options.join('、')} 之一，收到“${options.level}”`);
    else context.level = level.data;
  }
  problems.push(...resolveContext(context).issues.map((i) => `--${String(i.where?.field ?? '')}：${i.message}`));
  if (problems.length > 0) throw new UsageError(problems.join('；') + '。');
  return context;
}

/**
 * The manifest of the output folder a file is in: the nearest `manifest.json` in the file's folder
 * or up to three folders above (`out/<year>/<unit>/file`), read by the store (journal folded in).
 * A damaged manifest counts as none: the file is then matched by its path.
 */
async function manifestFor(file: string, cache: Map<string, Promise<Manifest | undefined>>): Promise<{ dir: string; manifest: Manifest } | undefined> {
  let dir = dirname(file);
  for (let up = 0; up < 4; up += 1) {
    if (existsSync(join(dir, MANIFEST_FILE))) {
      let read = cache.get(dir);
      if (!read) {
        read = readManifest(dir).then((r) => r.manifest);
        cache.set(dir, read);
      }
      const manifest = await read;
      return manifest ? { dir, manifest } : undefined;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}

/** The value of the variable with `role` (or `key`) in the unit's answers, from any template that declares it. */
function answerOf(unit: RosterUnit, templates: readonly Template[], pick: { role?: string; key?: string }): unknown {
  for (const t of templates) {
    const v = t.variables.find((x) => (pick.role !== undefined && x.role === pick.role) || (pick.key !== undefined && x.key === pick.key));
    if (v && unit.answers[v.key] !== undefined) return unit.answers[v.key];
  }
  return undefined;
}

/** Which roster unit and leader a file is for: by the output manifest, else by its path (`<year>/<unit>/…<leader>…`). */
async function rosterMatch(file: string, roster: Roster, cache: Map<string, Promise<Manifest | undefined>>): Promise<{ unit: RosterUnit; leader?: string } | undefined> {
  const found = await manifestFor(file, cache);
  if (found) {
    const rel = relative(found.dir, file).split(sep).join('/');
    const output = found.manifest.outputs.find((o) => o.files.some((f) => f.path === rel));
    const unit = output ? roster.units.find((u) => u.name === output.unit) : undefined;
    if (unit) return { unit, ...(output?.leader !== undefined ? { leader: output.leader } : {}) };
  }
  const segments = file.split(sep);
  const unit = roster.units.find((u) => segments.slice(0, -1).includes(u.name));
  if (!unit) return undefined;
  const name = segments.at(-1) ?? '';
  const leader = unit.leaders.find((l) => name.includes(l.name) || name.includes(l.name.replace(/同志$/u, '')));
  return { unit, ...(leader ? { leader: leader.name } : {}) };
}

/** The context a roster gives one of our documents: its unit's year, name and province, and its leader. */
function contextOfRoster(match: { unit: RosterUnit; leader?: string }, templates: readonly Template[]): LintContext {
  const year = answerOf(match.unit, templates, { role: 'year' });
  const province = answerOf(match.unit, templates, { role: 'province' });
  return {
    unit: match.unit.name,
    ...(typeof year === 'number' ? { year } : {}),
    ...(typeof province === 'string' && province.trim() !== '' ? { province } : {}),
    ...(match.leader !== undefined ? { leader: match.leader } : {}),
  };
}

/** The context in words: `地区：浙江杭州；单位：区统计局（机关，区级）；年度：2025（取自标题）`. */
function describeContext(c: ResolvedContext): string {
  const parts: string[] = [];
  if (c.province) parts.push(`地区：${c.province.short}${c.city ? c.city.name : ''}${c.county ?? ''}`);
  if (c.unit !== undefined || c.organ || c.level) {
    const what = [c.organ, c.level ? `${c.level}级` : c.autonomousRegion && c.unit?.startsWith('区') ? '级别未定：自治区中的“区”也可指自治区，请用 --level 写明' : undefined].filter(Boolean).join('，');
    parts.push(`单位：${c.unit ?? '（未声明）'}${what ? `（${what}）` : ''}`);
  }
  if (c.leader !== undefined) parts.push(`班子成员：${c.leader}`);
  if (c.year !== undefined) parts.push(`年度：${c.year}${c.yearFrom === 'title' ? '（取自标题）' : ''}`);
  return parts.length > 0 ? parts.join('；') : '未声明地区、单位和年度（只查不依赖这些的规则）';
}

/** One checked file. */
interface Checked {
  file: string;
  doc: DocumentText;
  context: ResolvedContext;
  findings: LintFinding[];
  note?: string;
}

const FORMAT_NAME: Record<string, string> = { docx: 'Word 文档', 'utf-8': 'UTF-8 文本', 'utf-8-bom': 'UTF-8 文本', 'utf-16le': 'UTF-16 文本', 'utf-16be': 'UTF-16 文本', gb18030: 'GB18030 文本' };

/**
 * Reads and proofreads every file; prints the findings of each (or, with `--json`, one JSON object
 * `{ ok, exitCode, findings: [{ file, rule, severity, message, paragraph, offset, text, suggestion?, where, excerpt }], files, errors }`).
 *
 * @returns 0 when no finding is an error or a warning; 1 when some are; 2 when a file cannot be read
 * @throws {UsageError} for bad flags or missing paths (exit 2); `ROSTER_INVALID` / `IO_FAILED`
 *   when `--roster` cannot be read at all (exit 2)
 */
export async function checkCommand(files: readonly string[], options: CheckOptions, ctx: { io: Io; templatesDir: string }): Promise<ExitCode> {
  const { io } = ctx;
  const flags = contextOfFlags(options);
  const paths = expandFiles(files, io.cwd);
  let roster: { roster: Roster; templates: Template[] } | undefined;
  if (options.roster !== undefined) {
    const templates = [...loadTemplateSet(ctx.templatesDir).values()];
    // Loaded only here: the roster reader brings the XLSX library along.
    const { readRoster } = await import('@qingdan/roster');
    roster = { roster: await readRoster(resolvePath(io.cwd, options.roster), templates), templates };
    if (!options.json) printIssues(io, `花名册 ${options.roster} 有 ${roster.roster.issues.length} 处问题，相应的行不用于校对：`, roster.roster.issues);
  }
  const manifests = new Map<string, Promise<Manifest | undefined>>();
  const rel = (p: string): string => relative(io.cwd, p) || p;
  const checked: Checked[] = [];
  const errors: { file: string; error: unknown }[] = [];
  for (const path of paths) {
    let doc: DocumentText;
    try {
      doc = await readDocument(path);
    } catch (error) {
      if (!(error instanceof QingdanError)) throw error;
      errors.push({ file: rel(path), error });
      continue;
    }
    let context: LintContext = flags;
    let note: string | undefined;
    if (roster) {
      const match = await rosterMatch(path, roster.roster, manifests);
      // The flags win over the roster: they are what the user asked for on this run.
      if (match) context = { ...contextOfRoster(match, roster.templates), ...flags };
      else note = '在花名册中找不到这份清单的单位（manifest.json 中没有它，路径中也没有花名册里的单位名称）：只按命令行给出的设置校对';
    }
    let resolved = resolveContext(context, doc.paragraphs);
    if (resolved.issues.length > 0) {
      // Only a roster value can be wrong here (the flags were checked): say so and check without the roster's values.
      note = `花名册中的值有问题（${resolved.issues.map((i) => i.message).join('；')}）：只按命令行给出的设置校对`;
      context = flags;
      resolved = resolveContext(context, doc.paragraphs);
    }
    const findings = lintParagraphs(doc.paragraphs, context, { lineNumbers: doc.format !== 'docx' });
    checked.push({ file: rel(path), doc, context: resolved.context, findings, ...(note !== undefined ? { note } : {}) });
  }

  const all = checked.flatMap((c) => c.findings);
  const serious = all.filter((f) => f.severity !== 'info').length;
  const exitCode = errors.length > 0 ? ExitCode.USAGE : serious > 0 ? ExitCode.SOME_FAILED : ExitCode.OK;
  if (options.json) {
    println(
      io.stdout,
      JSON.stringify(
        {
          ok: exitCode === ExitCode.OK,
          exitCode,
          findings: checked.flatMap((c) => c.findings.map((f) => ({ file: c.file, ...f }))),
          files: checked.map((c) => ({
            file: c.file,
            format: c.doc.format,
            paragraphs: c.doc.paragraphs.length,
            context: {
              ...(c.context.province ? { province: c.context.province.short } : {}),
              ...(c.context.city ? { city: c.context.city.name } : {}),
              ...(c.context.county !== undefined ? { county: c.context.county } : {}),
              ...(c.context.unit !== undefined ? { unit: c.context.unit } : {}),
              ...(c.context.leader !== undefined ? { leader: c.context.leader } : {}),
              ...(c.context.year !== undefined ? { year: c.context.year } : {}),
              ...(c.context.level ? { level: c.context.level } : {}),
              ...(c.context.organ ? { organ: c.context.organ } : {}),
            },
            ...(c.note !== undefined ? { note: c.note } : {}),
          })),
          errors: errors.map((e) => ({ file: e.file, code: e.error instanceof QingdanError ? e.error.code : 'INTERNAL', message: e.error instanceof Error ? e.error.message : String(e.error) })),
        },
        null,
        2,
      ),
    );
    return exitCode;
  }
  for (const c of checked) {
    println(io.stdout, `${c.file}（${FORMAT_NAME[c.doc.format] ?? c.doc.format}，${c.doc.paragraphs.length} 段）`);
    println(io.stdout, `  ${describeContext(c.context)}`);
    if (c.note !== undefined) println(io.stdout, `  注意：${c.note}`);
    if (c.doc.autoNumbered > 0) println(io.stdout, `  注意：有 ${c.doc.autoNumbered} 段使用了 Word 自动编号，编号不在文字中，未检查这些编号`);
    const lines = formatLint(c.findings);
    if (lines.length === 0) println(io.stdout, '  没有发现问题');
    for (const line of lines) println(io.stdout, `  ${line}`);
  }
  for (const e of errors) println(io.stderr, describeError(e.error));
  const count = (s: LintFinding['severity']): number => all.filter((f) => f.severity === s).length;
  const unread = errors.length > 0 ? `，${errors.length} 个文件无法读取` : '';
  println(io.stdout, `共校对 ${checked.length} 个文件：${count('error')} 处错误、${count('warning')} 处警告、${count('info')} 条提示${unread}。`);
  return exitCode;
}
