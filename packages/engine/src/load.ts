/**
 * Parsing the text of a template file (YAML) into a validated template, with errors that give the
 * file, the line and the field. Reading files is `@qingdan/template-files`'s job: the engine does
 * no I/O.
 */
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
