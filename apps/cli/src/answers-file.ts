/**
 * The answers file on disk: read for `qingdan generate --answers` and `qingdan interview
 * --answers`, written by the interview. Its shape, parser and writer are `@qingdan/roster`'s
 * (`parseAnswersFile`, `answersYaml`), shared with the web app.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ioError, writeAtomic } from '@qingdan/store';
import { QingdanError } from '@qingdan/model';
import { parseAnswersFile, type AnswersFile } from '@qingdan/roster';

export { parseAnswersFile, answersYaml, splitByScope, type AnswersFile } from '@qingdan/roster';

/**
 * Reads an answers file.
 * @throws {QingdanError} `IO_FAILED` when it cannot be read; otherwise as {@link parseAnswersFile}
 */
export async function readAnswersFile(path: string): Promise<AnswersFile> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new QingdanError('IO_FAILED', `无法读取答案文件 ${path}：${(error as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : (error as Error).message}。请检查路径。`, { cause: error });
  }
  return parseAnswersFile(bytes, path);
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
