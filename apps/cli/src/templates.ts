/**
 * Finding and loading the templates the CLI works with.
 */
import { existsSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTemplates } from '@qingdan/engine';
import { QingdanError, type Template } from '@qingdan/model';

/** The repository's `templates/` folder, found relative to this file (`apps/cli/src|dist/…`). */
export const BUNDLED_TEMPLATES_DIR = fileURLToPath(new URL('../../../templates', import.meta.url));

/**
 * The templates folder to use: `--templates <dir>`, else the `QINGDAN_TEMPLATES` environment
 * variable, else the templates shipped with qingdan.
 *
 * @param option - the `--templates` option, relative to `cwd`
 * @returns an absolute path
 */
export function templatesDirOf(option: string | undefined, env: NodeJS.ProcessEnv, cwd: string): string {
  const chosen = option ?? env.QINGDAN_TEMPLATES;
  return chosen ? resolvePath(cwd, chosen) : BUNDLED_TEMPLATES_DIR;
}

/**
 * Loads every `<dir>/<id>/template.yaml`.
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
 * The templates named by a `--template` option (`id` or `id1,id2`), or all of them.
 *
 * @throws {QingdanError} `TEMPLATE_INVALID` naming the unknown id and the known ones
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
