/**
 * `qingdan import <file>`: a sample text (范文, .txt or .docx) → template skeletons and an import
 * report (`@qingdan/importer`).
 */
import { relative, resolve as resolvePath } from 'node:path';
import { importSeed, writeImport } from '@qingdan/importer';
import { ExitCode } from '../exit.js';
import { println, type Io } from '../io.js';

/** The options of `qingdan import`. */
export interface ImportOptions {
  out?: string;
  overwrite?: boolean;
  json?: boolean;
}

/** The output folder when `--out` is not given. */
export const DEFAULT_IMPORT_OUT = 'imported-templates';

/**
 * Imports a sample text and writes `<out>/<id>/template.yaml` for each list found, plus
 * `<out>/import-report.md`.
 *
 * @returns 0
 * @throws {QingdanError} `IO_FAILED` / `IMPORT_FAILED` (exit 2), e.g. when a template file exists and `--overwrite` is not given
 */
export async function importCommand(file: string, options: ImportOptions, ctx: { io: Io }): Promise<ExitCode> {
  const { io } = ctx;
  const outDir = resolvePath(io.cwd, options.out ?? DEFAULT_IMPORT_OUT);
  const result = await importSeed({ path: resolvePath(io.cwd, file) });
  const written = await writeImport(result, outDir, { overwrite: options.overwrite === true });
  const rel = (p: string): string => relative(io.cwd, p) || p;
  if (options.json) {
    println(
      io.stdout,
      JSON.stringify(
        {
          ok: true,
          exitCode: 0,
          source: result.report.source,
          templates: written.templates,
          report: written.report,
          documents: result.report.documents.map((d) => ({ title: d.title, kind: d.kind, sections: d.sections.length, items: d.items, placeholders: d.placeholders.length })),
        },
        null,
        2,
      ),
    );
    return ExitCode.OK;
  }
  println(io.stdout, `从 ${file} 找到 ${result.report.documents.length} 份清单：`);
  for (const d of result.report.documents) {
    println(io.stdout, `  ${d.title}：${d.sections.length} 个部分，${d.items} 条，${d.placeholders.length} 个占位变量`);
  }
  println(io.stdout, '已写入模板骨架：');
  for (const t of written.templates) println(io.stdout, `  ${rel(t)}`);
  println(io.stdout, `导入报告：${rel(written.report)}（请核对占位变量并改成有意义的变量名）`);
  return ExitCode.OK;
}
