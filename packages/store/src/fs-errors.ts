/**
 * File-system errors as a user reads them: the path and the reason in Chinese (not a folder,
 * read-only, no permission, disk full, name too long …), never a stack trace.
 */
import { QingdanError } from '@qingdan/model';

/** Node's error codes (`errno` names) → what they mean for the user, in Chinese. */
const REASONS: Record<string, string> = {
  ENOENT: '路径不存在',
  ENOTDIR: '路径中有一部分不是文件夹（是一个文件）',
  EISDIR: '这是一个文件夹，不是文件',
  EEXIST: '已有同名的文件或文件夹',
  EACCES: '没有权限',
  EPERM: '没有权限（或文件被锁定）',
  EROFS: '所在的磁盘是只读的',
  ENOSPC: '磁盘已满',
  EDQUOT: '磁盘配额已用完',
  ENAMETOOLONG: '文件名或路径太长',
  EMFILE: '同时打开的文件太多',
  EBUSY: '文件正被其他程序占用（例如在 Word 或 WPS 中打开着）',
  EIO: '磁盘读写出错',
  EINVAL: '文件名不合法',
};

/** The Chinese reason of a file-system error (`error.code`), or its message when the code is not known. */
export function fsReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code && REASONS[code]) return `${REASONS[code]}（${code}）`;
  return error instanceof Error ? error.message : String(error);
}

/** What the user can do about a file-system error, by its code. */
function advice(error: unknown): string {
  switch ((error as NodeJS.ErrnoException | undefined)?.code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return '请腾出磁盘空间，或换一个输出文件夹（--out）。';
    case 'EROFS':
    case 'EACCES':
    case 'EPERM':
      return '请换一个有写权限的文件夹（--out）。';
    case 'ENAMETOOLONG':
      return '请把输出文件夹换到路径较短的位置。';
    case 'EBUSY':
      return '请在 Word / WPS 中关闭该文件后再运行。';
    case 'ENOTDIR':
    case 'EEXIST':
      return '请换一个输出文件夹（--out），或移走同名的文件。';
    default:
      return '请检查该路径。';
  }
}

/**
 * A `QingdanError` `IO_FAILED` for a file-system error: `<what> <path>：<reason>。<advice>`.
 *
 * @param what - what was being done, e.g. `无法创建输出文件夹`
 * @param path - the path it was done to
 * @param error - the error Node threw (its `code` chooses the reason and the advice)
 * @example ioError('无法创建输出文件夹', '/out', err).message // '无法创建输出文件夹 /out：磁盘已满（ENOSPC）。请腾出磁盘空间，…'
 */
export function ioError(what: string, path: string, error: unknown): QingdanError {
  return new QingdanError('IO_FAILED', `${what} ${path}：${fsReason(error)}。${advice(error)}`, { cause: error, issues: [] });
}
