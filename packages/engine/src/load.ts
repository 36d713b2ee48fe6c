/**
 * Reading template files (YAML) into validated templates, with errors that give the file, the
 * line and the field.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { QingdanError, Template, type Issue } from '@qingdan/model';
import { compileTemplate } from './compile.js';

/**
 * Parses and validates the text of a template file, then compiles its strings.
 *
 * @param text - the YAML text
 * @param file - the file name to put in error messages
 * @returns the validated template (defaults applied)
 * @throws {QingdanError} `TEMPLATE_INVALID` with one issue per problem (file, line, field path);
 *   `TEMPLATE_UNKNOWN_VARIABLE` / `TEMPLATE_SYNTAX` from compiling
 */
export function parseTemplate(text: string, file = '<模板>'): Template {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true });
  if (doc.errors.length > 0) {
    const issues: Issue[] = doc.errors.map((e) => ({
      message: `${file} 第 ${e.linePos?.[0]?.line ?? '?'} 行：YAML 格式错误：${e.message.split('\n')[0] ?? ''}`,
      where: { file, line: e.linePos?.[0]?.line ?? 0 },
    }));
    throw new QingdanError('TEMPLATE_INVALID', `模板文件 ${file} 不是有效的 YAML：`, { issues });
  }
  const parsed = Template.safeParse(doc.toJS());
  if (!parsed.success) {
    const issues: Issue[] = parsed.error.issues.map((i) => {
      const node = doc.getIn(i.path as (string | number)[], true) as { range?: [number, number, number] } | undefined;
      const line = node?.range ? lineCounter.linePos(node.range[0]).line : undefined;
      const path = i.path.join('.');
      return {
        message: `${file}${line ? ` 第 ${line} 行` : ''}，字段 ${path || '（根）'}：${i.message}`,
        where: { file, field: path, ...(line ? { line } : {}) },
      };
    });
    throw new QingdanError('TEMPLATE_INVALID', `模板文件 ${file} 有 ${issues.length} 处不符合模板格式：`, { issues });
  }
  compileTemplate(parsed.data);
  return parsed.data;
}

/**
 * Reads one template file.
 * @param path - path of a `template.yaml`
 * @throws {QingdanError} `IO_FAILED` when the file cannot be read; otherwise as {@link parseTemplate}
 */
export function loadTemplate(path: string): Template {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new QingdanError('IO_FAILED', `无法读取模板文件 ${path}：${(error as Error).message}`, { cause: error });
  }
  return parseTemplate(text, path);
}

/**
 * Reads every `<dir>/<id>/template.yaml`.
 * @param dir - the templates folder (e.g. the repository's `templates/`)
 * @returns templates by id
 * @throws {QingdanError} as {@link loadTemplate}; `TEMPLATE_INVALID` when a folder name differs from the template's id
 */
export function loadTemplates(dir: string): Map<string, Template> {
  const out = new Map<string, Template>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = join(dir, entry.name, 'template.yaml');
    if (!entry.isDirectory() || !existsSync(file)) continue;
    const t = loadTemplate(file);
    if (t.id !== entry.name) {
      throw new QingdanError('TEMPLATE_INVALID', `模板 ${file} 的 id 是 ${t.id}，应与文件夹名 ${entry.name} 一致。`);
    }
    out.set(t.id, t);
  }
  return out;
}
