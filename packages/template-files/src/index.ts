/**
 * `@qingdan/template-files`: the templates on disk — where they are (the bundled `templates/`,
 * `--templates`, `QINGDAN_TEMPLATES`) and reading `<dir>/<id>/template.yaml` into validated
 * templates (parsing and validation are `@qingdan/engine`'s `parseTemplate`; this package only
 * reads files).
 *
 * @example
 * const templates = loadTemplateSet(templatesDirOf(undefined, process.env, process.cwd()));
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseTemplate } from '@qingdan/engine';
import { QingdanError, type Template } from '@qingdan/model';

/** The repository's `templates/` folder, found relative to this file (`packages/template-files/src|dist/…`). */
export const BUNDLED_TEMPLATES_DIR = fileURLToPath(new URL('../../../templates', import.meta.url));

/**
 * The templates folder to use: `option` (`--templates <dir>`), else the `QINGDAN_TEMPLATES`
 * environment variable, else the templates shipped with qingdan.
 *
 * @param option - the `--templates` option, relative to `cwd`
 * @returns an absolute path
 */
export function templatesDirOf(option: string | undefined, env: NodeJS.ProcessEnv, cwd: string): string {
  const chosen = option ?? env.QINGDAN_TEMPLATES;
  return chosen ? resolvePath(cwd, chosen) : BUNDLED_TEMPLATES_DIR;
}

/**
 * Reads one template file.
 * @param path - path of a `template.yaml`
 * @throws {QingdanError} `IO_FAILED` when the file cannot be read; otherwise as `parseTemplate`
 *   (`TEMPLATE_INVALID`, `TEMPLATE_UNKNOWN_VARIABLE`, `TEMPLATE_SYNTAX`, naming file and line)
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
 * @param dir - the templates folder (e.g. {@link BUNDLED_TEMPLATES_DIR})
 * @returns templates by id, in folder order
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

/**
 * Loads the templates of a folder, refusing a missing or empty folder.
 *
 * @returns templates by id, in folder order
 * @throws {QingdanError} `IO_FAILED` when the folder is missing or holds no template; the
 *   engine's `TEMPLATE_*` errors when a template is wrong
 */
export function loadTemplateSet(dir: string): Map<string, Template> {
  if (!existsSync(dir)) {
    throw new QingdanError('IO_FAILED', `找不到模板文件夹 ${dir}：请用 --templates <文件夹> 指定，或设置环境变量 QINGDAN_TEMPLATES。`);
  }
  const templates = loadTemplates(dir);
  if (templates.size === 0) {
    throw new QingdanError('IO_FAILED', `模板文件夹 ${dir} 中没有模板（应有 <模板 id>/template.yaml）。`);
  }
  return templates;
}

/**
 * The templates named by ids (e.g. a `--template id1,id2` option), or all of them.
 *
 * @throws {QingdanError} `TEMPLATE_INVALID` naming the unknown ids and the known ones
 */
export function pickTemplates(all: ReadonlyMap<string, Template>, ids: readonly string[] | undefined): Template[] {
  if (!ids || ids.length === 0) return [...all.values()];
  const unknown = ids.filter((id) => !all.has(id));
  if (unknown.length > 0) {
    throw new QingdanError(
      'TEMPLATE_INVALID',
      `没有模板 ${unknown.join('、')}。可用的模板：${[...all.values()].map((t) => `${t.id}（${t.name}）`).join('、')}。`,
    );
  }
  return ids.map((id) => all.get(id)).filter((t): t is Template => t !== undefined);
}
