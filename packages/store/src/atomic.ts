/**
 * Atomic file writes: every file is written to a temporary name in its own folder, then renamed
 * over its final name, so a reader (or a re-run after a kill) sees the old file or the whole new
 * one, never a partial one.
 */
import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import { faultAfterWrite, faultBeforeWrite } from './faults.js';

/** Prefix and suffix of temporary files; {@link removeStaleTemps} deletes files named so. */
export const TEMP_PREFIX = '.qingdan-';
export const TEMP_SUFFIX = '.tmp';

let tempCounter = 0;

/** A temporary file name in the same folder as `path` (so the rename cannot cross file systems). */
export function tempPathFor(path: string): string {
  tempCounter += 1;
  return `${dirname(path)}${sep}${TEMP_PREFIX}${process.pid}-${tempCounter}-${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`;
}

/**
 * Writes `data` to `path` atomically (temporary file in the same folder, then renamed); the
 * temporary file is removed when the write fails.
 * @throws the file system's error (`code` ENOSPC, EACCES …); see `ioError` to word it for the user
 */
export async function writeAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const temp = tempPathFor(path);
  try {
    faultBeforeWrite(path);
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  faultAfterWrite(path);
}

/**
 * Synchronous {@link writeAtomic} through a given temporary name: for worker threads, which must
 * finish a write they started before they can be stopped. The temporary file is removed when the
 * write fails.
 * @throws the file system's error
 */
export function writeAtomicSync(path: string, temp: string, data: Uint8Array): void {
  try {
    faultBeforeWrite(path);
    writeFileSync(temp, data);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  faultAfterWrite(path);
}

/**
 * Deletes temporary files (`.qingdan-*.tmp`) left by a killed run, in `dir` and in the `depth`
 * folder levels below it (`<year>/<unit>/`, where documents are written). Only names of exactly
 * that form are touched, and no deeper folder is read (the output folder may be a big folder the
 * user chose).
 * @returns the paths deleted
 */
export async function removeStaleTemps(dir: string, depth = 2): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isFile() && e.name.startsWith(TEMP_PREFIX) && e.name.endsWith(TEMP_SUFFIX)) {
      await rm(path, { force: true });
      removed.push(path);
    } else if (e.isDirectory() && depth > 0) {
      removed.push(...(await removeStaleTemps(path, depth - 1)));
    }
  }
  return removed;
}
