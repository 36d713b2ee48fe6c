import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCK_FILE, lockOutDir } from '../src/index.js';

const tmp = mkdtempSync(join(tmpdir(), 'qingdan-lock-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const deadPid = (): number => Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);

describe('lockOutDir', () => {
  it('records the process id, host and start time, and removes the lock on release', async () => {
    const lock = await lockOutDir(tmp);
    const owner = JSON.parse(readFileSync(join(tmp, LOCK_FILE), 'utf8')) as { pid: number; host: string; startedAt: string };
    expect(owner.pid).toBe(process.pid);
    expect(owner.host).toBe(hostname());
    expect(Date.parse(owner.startedAt)).not.toBeNaN();
    expect(lock.notice).toBeUndefined();
    await expect(lockOutDir(tmp)).rejects.toMatchObject({ code: 'IO_FAILED', message: expect.stringContaining('本进程已在向输出文件夹') });
    await lock.release();
    expect(existsSync(join(tmp, LOCK_FILE))).toBe(false);
  });

  it('refuses a folder a running process holds, naming it and its start time', async () => {
    writeFileSync(join(tmp, LOCK_FILE), JSON.stringify({ pid: process.ppid, host: hostname(), startedAt: '2026-12-01T08:00:00.000Z' }));
    await expect(lockOutDir(tmp)).rejects.toMatchObject({
      code: 'IO_FAILED',
      message: expect.stringContaining(`正由另一个 qingdan 任务（进程 ${process.ppid}，开始于 2026-12-01T08:00:00.000Z）写入`),
    });
  });

  it('takes over, with a notice, the lock of a process that is gone (also in the old one-number form)', async () => {
    const pid = deadPid();
    writeFileSync(join(tmp, LOCK_FILE), JSON.stringify({ pid, host: hostname(), startedAt: '2026-12-01T08:00:00.000Z' }));
    const lock = await lockOutDir(tmp);
    expect(lock.notice).toBe(`上次在 ${tmp} 中运行的任务（进程 ${pid}，开始于 2026-12-01T08:00:00.000Z）已不在运行，留下的锁已接管。`);
    await lock.release();
    writeFileSync(join(tmp, LOCK_FILE), `${deadPid()}\n`);
    const old = await lockOutDir(tmp);
    expect(old.notice).toMatch(/已不在运行，留下的锁已接管/);
    await old.release();
  });

  it('takes over an unreadable lock with a notice, and refuses one held from another computer', async () => {
    writeFileSync(join(tmp, LOCK_FILE), '\u0000garbage');
    const lock = await lockOutDir(tmp);
    expect(lock.notice).toBe(`输出文件夹 ${tmp} 中的锁文件无法读取，已接管。`);
    await lock.release();
    writeFileSync(join(tmp, LOCK_FILE), JSON.stringify({ pid: 1234, host: 'other-pc', startedAt: '2026-12-01T08:00:00.000Z' }));
    await expect(lockOutDir(tmp)).rejects.toMatchObject({ message: expect.stringContaining('正由另一台计算机（other-pc，进程 1234') });
    rmSync(join(tmp, LOCK_FILE));
  });
});
