/**
 * `manifest.json` at the root of an output folder, and atomic file writes.
 *
 * The manifest is only ever replaced whole (written to a temporary file, then renamed), and it
 * lists a document only after the document's files are complete under their final names; a file
 * about to be overwritten is taken out of the manifest first. So at any moment, even after a
 * kill, every file the manifest lists exists with the listed SHA-256.
 */
import { randomBytes } from 'node:crypto';
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
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
  return join(dirname(path), `${TEMP_PREFIX}${process.pid}-${tempCounter}-${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);
}

/**
 * Writes `data` to `path` atomically: to a temporary file in the same folder, then renamed over
 * `path`. A reader (or a re-run after a kill) sees the old file or the whole new one, never a
 * partial one. The temporary file is removed when the write fails.
 */
export async function writeAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const temp = tempPathFor(path);
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Writes the manifest (outputs sorted by key, 2-space JSON) atomically. */
export async function writeManifest(outDir: string, manifest: Manifest): Promise<void> {
  const sorted: Manifest = { ...manifest, outputs: [...manifest.outputs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)) };
  await writeAtomic(join(outDir, MANIFEST_FILE), `${JSON.stringify(sorted, null, 2)}\n`);
}

/**
 * Deletes temporary files (`.qingdan-*.tmp`) left in `dir` and its sub-folders by a batch that was
 * killed. Only names of that exact form are touched.
 * @returns the paths deleted
 */
export async function removeStaleTemps(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  const stale = entries
    .filter((e) => e.isFile() && e.name.startsWith(TEMP_PREFIX) && e.name.endsWith(TEMP_SUFFIX))
    .map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name));
  await Promise.all(stale.map((f) => rm(f, { force: true })));
  return stale;
}
