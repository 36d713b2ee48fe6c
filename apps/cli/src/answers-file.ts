/**
 * The answers file on disk: read for `qingdan generate --answers` and `qingdan interview
 * --answers`, written by the interview. Its shape, parser, checks and writer are `@qingdan/roster`'s
 * (`parseAnswersFile`, `rosterFromAnswers`, `answersYaml`), shared with the web app.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ioError, writeAtomic } from '@qingdan/store';
import { QingdanError, type AnswersFile, type Template } from '@qingdan/model';
import { parseAnswersFile } from '@qingdan/roster';

export { parseAnswersFile, answersYaml, splitByScope } from '@qingdan/roster';

/**
 * Reads an answers file.
 *
 * @param templates - every template available (their variables are the keys recognised)
 * @throws {QingdanError} `IO_FAILED` when it cannot be read; otherwise as `parseAnswersFile`
 */
export async function readAnswersFile(path: string, templates: readonly Template[]): Promise<AnswersFile> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new QingdanError('IO_FAILED', `无法读取答案文件 ${path}：${(error as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : (error as Error).message}。请检查路径。`, { cause: error });
  }
  return parseAnswersFile(bytes, path, templates);
}

/**
 * Writes a text file atomically (the batch's `writeAtomic`: a temporary name in the same folder,
 * then renamed, so an interruption never leaves a partial file), creating its folder first.
 * @throws {QingdanError} `IO_FAILED` when the folder or the file cannot be written
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeAtomic(path, text);
  } catch (error) {
    throw ioError('无法写入答案文件', path, error);
  }
}
