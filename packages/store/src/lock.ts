/**
 * The lock an output folder is held with while documents are written into it, so that two runs
 * never write into one folder at once. It records who holds it (process id, host, start time), so
 * a lock left by a run that no longer exists is taken over with a notice instead of stranding the user.
 */
import { hostname } from 'node:os';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { QingdanError } from '@qingdan/model';
import { ioError } from './fs-errors.js';

/** File name of the lock in the output folder. */
export const LOCK_FILE = '.qingdan-batch.lock';

/** What a lock file records. */
export interface LockOwner {
  pid: number;
  host: string;
  /** When the run started (ISO 8601). */
  startedAt: string;
}

/** A held lock: release it when done; `notice` says when a stale lock was taken over. */
export interface HeldLock {
  release(): Promise<void>;
  /** Chinese, when a lock left by a run that no longer exists was taken over. */
  notice?: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(file: string): Promise<LockOwner | undefined> {
  try {
    const text = await readFile(file, 'utf8');
    // Locks of earlier versions held only the process id.
    if (/^\d+\s*$/.test(text)) return { pid: Number.parseInt(text, 10), host: hostname(), startedAt: '?' };
    const o = JSON.parse(text) as Partial<LockOwner>;
    return typeof o.pid === 'number' && typeof o.host === 'string' ? { pid: o.pid, host: o.host, startedAt: String(o.startedAt ?? '?') } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes the lock of `outDir` (`.qingdan-batch.lock`). A lock whose process is gone (same host,
 * process id no longer running) or that cannot be read is taken over, with a notice.
 *
 * @returns the held lock
 * @throws {QingdanError} `IO_FAILED` when a running process holds it (naming process, host and
 *   start time, and what to do), when it is held from another host, or when it cannot be written
 */
export async function lockOutDir(outDir: string): Promise<HeldLock> {
  const file = join(outDir, LOCK_FILE);
  const me: LockOwner = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  let notice: string | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await writeFile(file, `${JSON.stringify(me)}\n`, { flag: 'wx' });
      return { release: () => rm(file, { force: true }), ...(notice ? { notice } : {}) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw ioError('无法在输出文件夹中建立锁文件', file, error);
    }
    const owner = await readOwner(file);
    if (owner && owner.host !== me.host) {
      throw new QingdanError(
        'IO_FAILED',
        `输出文件夹 ${outDir} 正由另一台计算机（${owner.host}，进程 ${owner.pid}，开始于 ${owner.startedAt}）写入。请等它结束；若确认那边已不在运行，可删除 ${file} 后重试。`,
      );
    }
    if (owner && owner.pid === me.pid) {
      throw new QingdanError('IO_FAILED', `本进程已在向输出文件夹 ${outDir} 写入。请等上一批结束后再开始下一批。`);
    }
    if (owner && alive(owner.pid)) {
      throw new QingdanError(
        'IO_FAILED',
        `输出文件夹 ${outDir} 正由另一个 qingdan 任务（进程 ${owner.pid}，开始于 ${owner.startedAt}）写入。请等它结束后再运行，或换一个输出文件夹（--out）。`,
      );
    }
    notice = owner
      ? `上次在 ${outDir} 中运行的任务（进程 ${owner.pid}，开始于 ${owner.startedAt}）已不在运行，留下的锁已接管。`
      : `输出文件夹 ${outDir} 中的锁文件无法读取，已接管。`;
    await rm(file, { force: true });
  }
  throw new QingdanError('IO_FAILED', `无法锁定输出文件夹 ${outDir}：锁文件 ${file} 反复被其他程序建立。`);
}
