/**
 * `manifest.json` at the root of an output folder, and atomic file writes.
 *
 * The manifest is only ever replaced whole (written to a temporary file, then renamed), and it
 * lists a document only after the document's files are complete under their final names; a file
 * about to be overwritten is taken out of the manifest first. So at any moment, even after a
 * kill, every file the manifest lists exists with the listed SHA-256.
 */
import { randomBytes } from 'node:crypto';
import { open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import { QingdanError } from '@qingdan/model';
import type { FontReport } from '@qingdan/render-pdf';
import type { Format } from './render-job.js';

/** The manifest's schema id; a manifest with another id is ignored (everything is re-rendered). */
export const MANIFEST_SCHEMA = 'qingdan-manifest/1';
/** File name of the manifest in the output folder. */
export const MANIFEST_FILE = 'manifest.json';

/** One file of an output. */
export interface ManifestFile {
  format: Format;
  /** Path relative to the output folder, with `/` separators, e.g. `2024/区发展和改革局/2024年张三….pdf`. */
  path: string;
  /** SHA-256 of the file's bytes, lower-case hex. */
  sha256: string;
  /** Size in bytes. */
  bytes: number;
}

/** One document (one job) and its files. */
export interface ManifestOutput {
  /** The job's stable key (`templateId/unit[/leader]`). */
  key: string;
  templateId: string;
  templateVersion: string;
  unit: string;
  leader?: string;
  /** Roster row the job came from. */
  row: number;
  /** SHA-256 of the job's inputs: template id, version and content, answers, formats, versions of the engine and renderers. */
  inputHash: string;
  /** SHA-256 of the font report (role → font file) its PDF was made with; absent without PDF. */
  fontsHash?: string;
  files: ManifestFile[];
  /** When the files were written (ISO 8601). */
  writtenAt: string;
}

/** The content of `manifest.json`. */
export interface Manifest {
  schema: typeof MANIFEST_SCHEMA;
  /** When the manifest was last written (ISO 8601). */
  updatedAt: string;
  /** The roster of the last run: SHA-256 of its bytes (null when the run had no roster file). */
  roster: { hash: string } | null;
  /** Every template an output was made from: id → name, version and SHA-256 of its content. */
  templates: Record<string, { name: string; version: string; hash: string }>;
  /** Package → version of the engine, renderers and the libraries behind them. */
  renderers: Record<string, string>;
  /** The font file of each PDF role in the last run that made PDFs. */
  fonts: FontReport | null;
  /** Every output, sorted by key. */
  outputs: ManifestOutput[];
}

/**
 * Reads `<outDir>/manifest.json`.
 * @returns the manifest, or `undefined` when there is none or it is unreadable or of another
 *   schema (the batch then treats every document as new; nothing is lost but time)
 */
export async function readManifest(outDir: string): Promise<Manifest | undefined> {
  let text: string;
  try {
    text = await readFile(join(outDir, MANIFEST_FILE), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const m = JSON.parse(text) as Partial<Manifest>;
    if (m.schema !== MANIFEST_SCHEMA || !Array.isArray(m.outputs)) return undefined;
    return m as Manifest;
  } catch {
    return undefined;
  }
}

let tempCounter = 0;
/** Prefix and suffix of the temporary files; {@link removeStaleTemps} deletes files named so. */
export const TEMP_PREFIX = '.qingdan-';
export const TEMP_SUFFIX = '.tmp';

/** A temporary file name in the same folder as `path` (so the rename cannot cross file systems). */
export function tempPathFor(path: string): string {
  tempCounter += 1;
  return `${dirname(path)}${sep}${TEMP_PREFIX}${process.pid}-${tempCounter}-${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`;
}

/**
 * Writes `data` (or its pieces, in order) to `path` atomically: to a temporary file in the same
 * folder, then renamed over `path`. A reader (or a re-run after a kill) sees the old file or the
 * whole new one, never a partial one. The temporary file is removed when the write fails.
 */
export async function writeAtomic(path: string, data: Uint8Array | string | readonly Uint8Array[]): Promise<void> {
  const temp = tempPathFor(path);
  try {
    if (typeof data === 'string' || data instanceof Uint8Array) await writeFile(temp, data);
    else await writePieces(temp, data);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Writes `pieces` to a new file at `path`, in order, with one `writev` (not one write per piece, nor a copy into one buffer). */
async function writePieces(path: string, pieces: readonly Uint8Array[]): Promise<void> {
  const file = await open(path, 'w');
  try {
    const total = pieces.reduce((n, p) => n + p.byteLength, 0);
    const { bytesWritten } = await file.writev(pieces as Uint8Array[]);
    if (bytesWritten !== total) throw new Error(`只写入了 ${bytesWritten} / ${total} 字节`);
  } finally {
    await file.close();
  }
}

const utf8 = new TextEncoder();

/**
 * One output as it stands in `manifest.json`: `JSON.stringify(output, null, 2)` indented as an
 * element of the `outputs` array (4 spaces; JSON text has no raw line breaks inside strings), UTF-8.
 */
export function manifestOutputBytes(output: ManifestOutput): Buffer {
  // Stringified two arrays deep, the output's lines are indented by 4 spaces, as in the manifest;
  // the arrays' own lines ("[\n  [\n" and "\n  ]\n]") are cut off.
  // Encoded into an array of its own: `Buffer.from` would cut it from Node's shared 8 KB pool, and
  // each listed output would then keep a whole 8 KB slab alive.
  const bytes = utf8.encode(JSON.stringify([[output]], null, 2));
  return Buffer.from(bytes.buffer, bytes.byteOffset + 6, bytes.byteLength - 12);
}

/**
 * The bytes of `manifest.json`, in pieces to be written one after the other: together
 * `JSON.stringify(manifest, null, 2)` and a line break, with the outputs given as
 * {@link manifestOutputBytes} (already sorted by key). Equal, byte for byte, to stringifying the
 * whole manifest; built this way each output is serialised once, not on every write of a growing
 * manifest, and no buffer the size of the manifest is made.
 */
export function manifestParts(head: Omit<Manifest, 'outputs'>, outputs: readonly Buffer[]): Buffer[] {
  const text = JSON.stringify({ ...head, outputs: [] }, null, 2);
  const tail = '"outputs": []\n}';
  if (!text.endsWith(tail)) throw new Error('internal: outputs must be the last field of the manifest');
  if (outputs.length === 0) return [Buffer.from(`${text}\n`)];
  const parts: Buffer[] = [Buffer.from(`${text.slice(0, -tail.length)}"outputs": [\n`)];
  for (let i = 0; i < outputs.length; i++) {
    if (i > 0) parts.push(COMMA_BREAK);
    parts.push(outputs[i] as Buffer);
  }
  parts.push(Buffer.from('\n  ]\n}\n'));
  return parts;
}
const COMMA_BREAK = Buffer.from(',\n');

/**
 * Deletes temporary files (`.qingdan-*.tmp`) left by a batch that was killed, in `dir` and in the
 * two folder levels below it (`<year>/<unit>/`, where the batch writes). Only names of that exact
 * form are touched, and no deeper folder is read (the output folder may be a big folder the user chose).
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

/** File name of the lock a running batch holds in its output folder. */
export const LOCK_FILE = '.qingdan-batch.lock';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the output folder's lock (`.qingdan-batch.lock`, holding the process id), so that two
 * batches never write into one folder at once (one would delete the other's temporary files). A
 * lock left by a process that no longer runs (a killed batch) is taken over.
 *
 * @returns a function that releases the lock
 * @throws {QingdanError} `IO_FAILED` when another running batch holds the lock
 */
export async function lockOutDir(outDir: string): Promise<() => Promise<void>> {
  const file = join(outDir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await writeFile(file, `${process.pid}\n`, { flag: 'wx' });
      return async () => {
        await rm(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new QingdanError(
          'IO_FAILED',
          `输出文件夹 ${outDir} 正由另一个批量生成任务（进程 ${pid}）写入。请等它结束后再运行，或换一个输出文件夹（--out）；若确认没有其他任务在运行，可删除 ${file}。`,
        );
      }
      if (pid === process.pid) {
        throw new QingdanError('IO_FAILED', `本进程已在向输出文件夹 ${outDir} 批量生成。请等上一批结束后再开始下一批。`);
      }
      await rm(file, { force: true }); // left by a batch that was killed
    }
  }
  throw new QingdanError('IO_FAILED', `无法锁定输出文件夹 ${outDir}。请检查该文件夹的写权限。`);
}
