/**
 * Writing an import: `<outDir>/<id>/template.yaml` for each template and
 * `<outDir>/import-report.md`, each to a temporary name first and then renamed, so that an
 * interrupted run leaves no half-written file.
 */
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { stringify } from 'yaml';
import { QingdanError } from '@qingdan/model';
import type { ImportResult } from './import.js';
import { formatReport } from './report.js';

/** Options of {@link writeImport}. */
export interface WriteOptions {
  /** Replace a template folder that already exists (default `false`: refuse). */
  overwrite?: boolean;
}

/** The files written. */
export interface WrittenImport {
  templates: string[];
  report: string;
}

/** The JSON Schema of templates, as a path relative to `fromDir` (posix separators). */
function schemaRef(fromDir: string): string {
  try {
    const file = createRequire(import.meta.url).resolve('@qingdan/model/template.schema.json');
    return relative(fromDir, file).split(sep).join('/');
  } catch {
    return 'https://qingdan.local/template.schema.json';
  }
}

/**
 * The YAML text of a template: an editor modeline and a `$schema` key pointing at the template
 * JSON Schema, then the template.
 *
 * @param template - a template input (as in {@link ImportResult})
 * @param dir - the folder the file will be written to (for the relative schema path)
 */
export function templateYaml(template: ImportResult['templates'][number], dir: string): string {
  const ref = schemaRef(dir);
  const head = [
    `# yaml-language-server: $schema=${ref}`,
    `# 由 qingdan import 从范文生成的模板骨架：请把 placeholder_n 改成有意义的变量名，补全 label、help，核对 import-report.md。`,
  ].join('\n');
  const body = stringify({ $schema: ref, ...template }, { lineWidth: 0 });
  return `${head}\n${body}`;
}

async function writeAtomic(path: string, text: string): Promise<void> {
  const tmp = `${path}.${String(process.pid)}.${Date.now().toString(36)}.tmp`;
  try {
    await writeFile(tmp, text, 'utf8');
    await rename(tmp, path);
  } catch (cause) {
    await rm(tmp, { force: true });
    throw new QingdanError('IO_FAILED', `写入「${path}」失败：${cause instanceof Error ? cause.message : String(cause)}。请检查输出目录是否可写。`, { cause });
  }
}

const exists = async (p: string): Promise<boolean> => stat(p).then(() => true, () => false);

/**
 * Writes the templates and the report of an import.
 *
 * @param result - the result of {@link importSeed}
 * @param outDir - the output folder (created if needed), e.g. `templates`
 * @param options - `overwrite: true` replaces existing template files
 * @returns the paths written
 * @throws {QingdanError} `IMPORT_FAILED` when a template file exists and `overwrite` is not set
 *   (nothing is written then); `IO_FAILED` when a file cannot be written
 */
export async function writeImport(result: ImportResult, outDir: string, options: WriteOptions = {}): Promise<WrittenImport> {
  const targets = result.templates.map((t) => ({ template: t, file: join(outDir, t.id, 'template.yaml') }));
  if (!options.overwrite) {
    const clashes: string[] = [];
    for (const t of targets) if (await exists(t.file)) clashes.push(t.file);
    if (clashes.length > 0) {
      throw new QingdanError('IMPORT_FAILED', `模板文件已存在，未写入任何文件：${clashes.join('、')}。请换一个输出目录（--out），或确认后覆盖。`, {
        issues: clashes.map((f) => ({ message: `已存在：${f}`, where: { file: f } })),
      });
    }
  }
  const written: string[] = [];
  for (const t of targets) {
    try {
      await mkdir(dirname(t.file), { recursive: true });
    } catch (cause) {
      throw new QingdanError('IO_FAILED', `无法创建目录「${dirname(t.file)}」：${cause instanceof Error ? cause.message : String(cause)}。`, { cause });
    }
    await writeAtomic(t.file, templateYaml(t.template, dirname(t.file)));
    written.push(t.file);
  }
  const report = join(outDir, 'import-report.md');
  await mkdir(outDir, { recursive: true });
  await writeAtomic(report, formatReport(result.report));
  return { templates: written, report };
}
