/**
 * `manifest.json`, the record of what an output folder holds, and its journal.
 *
 * While documents are written, every change is appended to `manifest.journal` (JSON Lines, see
 * `JournalEntry` in `@qingdan/model`): `writing` before a document's files are replaced, `list`
 * once they are complete. The manifest itself
 * is written whole (temporary file, then renamed) when the folder is opened after a killed run and
 * when it is closed. So after a kill at any point, the manifest and its journal together name
 * exactly the complete files on disk, and the next open folds the journal in.
 */
import { appendFileSync, rmSync } from 'node:fs';
import { readFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { JournalEntry, Manifest, MANIFEST_SCHEMA, type EditedFile, type ManifestFile, type ManifestOutput } from '@qingdan/model';
import { removeStaleTemps, writeAtomic } from './atomic.js';
import { faultAfterList } from './faults.js';
import { ioError } from './fs-errors.js';
import { compareCodeUnits, sha256File } from './hash.js';
import { lockOutDir } from './lock.js';

/** File name of the manifest in the output folder. */
export const MANIFEST_FILE = 'manifest.json';
/** File name of the manifest's journal (present only while a run writes, or after a killed one). */
export const JOURNAL_FILE = 'manifest.journal';

/** What a manifest says besides its documents: the last run's roster, templates, renderers and fonts. */
export type ManifestHead = Pick<Manifest, 'roster' | 'templates' | 'renderers' | 'fonts' | 'warnings'>;

/** A manifest read back: its content when it could be used, else what was wrong with it. */
export interface ManifestRead {
  manifest: Manifest | undefined;
  /** Chinese, when the manifest or its journal was damaged (unreadable JSON, another schema …). */
  problem?: string;
  /** True when a journal was found (a run was killed) and folded in. */
  journal: boolean;
}

/** Absolute path of a manifest path (relative, `/`-separated) under `outDir`. */
export function outPath(outDir: string, relative: string): string {
  return join(outDir, ...relative.split('/'));
}

/** First line of each zod issue, for a problem message. */
function zodProblem(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const first = error.issues[0];
  return first ? `字段 ${first.path.map(String).join('.') || '（根）'}：${first.message}` : '格式不符';
}

/**
 * Reads `<outDir>/manifest.json` with the `Manifest` schema and folds in the journal a killed run
 * left (a torn last line, cut by the kill, is ignored).
 *
 * @returns the manifest (`undefined` when there is none, or when it is damaged — then `problem` says how)
 * @throws {QingdanError} `IO_FAILED` when the file exists but cannot be read
 */
export async function readManifest(outDir: string): Promise<ManifestRead> {
  const path = join(outDir, MANIFEST_FILE);
  let manifest: Manifest | undefined;
  let problem: string | undefined;
  const text = await readIfExists(path);
  if (text !== undefined) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      problem = `不是有效的 JSON（${(error as Error).message}）`;
    }
    if (json !== undefined) {
      const schema = (json as { schema?: unknown } | null)?.schema;
      if (schema !== MANIFEST_SCHEMA) problem = `记录格式为 ${JSON.stringify(schema ?? null)}，本版本使用 ${MANIFEST_SCHEMA}`;
      else {
        const parsed = Manifest.safeParse(json);
        if (parsed.success) manifest = parsed.data;
        else problem = zodProblem(parsed.error);
      }
    }
  }
  const journalText = await readIfExists(join(outDir, JOURNAL_FILE));
  if (journalText === undefined) return { manifest, journal: false, ...(problem ? { problem } : {}) };
  const base: Manifest = manifest ?? emptyManifest();
  const outputs = new Map(base.outputs.map((o) => [o.key, o]));
  const lines = journalText.split('\n');
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let entry: JournalEntry;
    try {
      entry = JournalEntry.parse(JSON.parse(line));
    } catch {
      // The last line may be cut by the kill; any other bad line is damage.
      if (i < lines.length - 1 && lines.slice(i + 1).some((l) => l.trim() !== '')) problem ??= `日志 ${JOURNAL_FILE} 第 ${i + 1} 行无法读取`;
      return;
    }
    if (entry.op === 'writing') {
      outputs.delete(entry.key);
      for (const [k, o] of outputs) if (o.files.some((f) => entry.paths.includes(f.path))) outputs.delete(k);
    } else if (entry.op === 'list') outputs.set(entry.entry.key, entry.entry);
    else outputs.delete(entry.key);
  });
  return {
    manifest: { ...base, outputs: sortOutputs([...outputs.values()]) },
    journal: true,
    ...(problem ? { problem } : {}),
  };
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw ioError('无法读取', path, error);
  }
}

function emptyManifest(): Manifest {
  return { schema: MANIFEST_SCHEMA, updatedAt: new Date().toISOString(), roster: null, templates: {}, renderers: {}, fonts: null, warnings: [], outputs: [], edited: [] };
}

function sortOutputs(outputs: ManifestOutput[]): ManifestOutput[] {
  return outputs.sort((a, b) => compareCodeUnits(a.key, b.key));
}

/** The state of a listed file on disk. */
type FileState = 'intact' | 'missing' | 'edited';

async function fileState(outDir: string, f: ManifestFile): Promise<{ state: FileState; sha256?: string; bytes?: number }> {
  const path = outPath(outDir, f.path);
  let size: number;
  try {
    const s = await stat(path);
    if (!s.isFile()) return { state: 'missing' };
    size = s.size;
  } catch {
    return { state: 'missing' };
  }
  const hash = await sha256File(path).catch(() => undefined);
  if (hash === undefined) return { state: 'missing' };
  return hash === f.sha256 && size === f.bytes ? { state: 'intact' } : { state: 'edited', sha256: hash, bytes: size };
}

/** Files hashed at the same time when an output folder is opened. */
const VERIFY_PARALLEL = 8;

/** Options of {@link openOutputFolder}. */
export interface OpenOptions {
  /** Overwrite files edited by hand instead of keeping them (`--force`). */
  force?: boolean;
}

/**
 * An output folder opened for writing: locked, stale temporary files removed, its manifest read
 * and checked against the disk. Change it only through {@link OutputFolder.writing},
 * {@link OutputFolder.list} and {@link OutputFolder.relist}; {@link OutputFolder.close} writes the
 * manifest and releases the lock.
 */
export interface OutputFolder {
  readonly outDir: string;
  /** Absolute path of `manifest.json`. */
  readonly manifestPath: string;
  /**
   * The documents listed whose files are all present with their listed bytes (SHA-256 checked),
   * by key. A document with a missing file is not here (it is made again); one with a file edited
   * by hand is not here either: that file is in {@link OutputFolder.edited}.
   */
  readonly previous: ReadonlyMap<string, ManifestOutput>;
  /**
   * Files of documents edited by hand after they were written (the edited file and the
   * document's other files): kept, never written over (empty with `force`).
   */
  readonly edited: readonly EditedFile[];
  /** The files of {@link OutputFolder.edited} found edited in this opening (not known before). */
  readonly newlyEdited: readonly EditedFile[];
  /** The previous manifest's head (templates, fonts …), when there was one. */
  readonly previousHead: ManifestHead | undefined;
  /** Chinese notices for the user: a stale lock taken over, a damaged manifest rebuilt, temporary files removed. */
  readonly notices: readonly string[];
  /** Records that `key`'s files at `paths` are about to be replaced (they stop being listed). */
  writing(key: string, paths: readonly string[]): void;
  /** Lists a document whose files are complete under their final names. */
  list(entry: ManifestOutput): void;
  /** Lists again a document whose previous files are still intact (its new version failed). */
  relist(entry: ManifestOutput): void;
  /** Every document listed now, by key. */
  listed(): ReadonlyMap<string, ManifestOutput>;
  /**
   * Writes `manifest.json` (head + every listed document + edited files), removes the journal and
   * releases the lock.
   * @throws {QingdanError} `IO_FAILED` when the manifest or the journal could not be written
   */
  close(head: ManifestHead): Promise<void>;
  /** Releases the lock without writing the manifest (the journal stays: the next open folds it in). */
  abandon(): Promise<void>;
}

/**
 * Opens an output folder for writing: creates it, takes its lock, removes temporary files a
 * killed run left, reads the manifest (folding in a killed run's journal and writing the result
 * at once), and checks every listed file against the disk (size and SHA-256).
 *
 * @param outDir - absolute path of the output folder
 * @throws {QingdanError} `IO_FAILED` when the folder cannot be created or locked, or the manifest
 *   cannot be read or written (message names the path and the reason)
 */
export async function openOutputFolder(outDir: string, options: OpenOptions = {}): Promise<OutputFolder> {
  const { mkdir } = await import('node:fs/promises');
  try {
    await mkdir(outDir, { recursive: true });
  } catch (error) {
    throw ioError('无法创建输出文件夹', outDir, error);
  }
  const lock = await lockOutDir(outDir);
  try {
    return await openLocked(outDir, options, lock.notice ? [lock.notice] : [], lock.release);
  } catch (error) {
    await lock.release();
    throw error;
  }
}

async function openLocked(outDir: string, options: OpenOptions, notices: string[], release: () => Promise<void>): Promise<OutputFolder> {
  const manifestPath = join(outDir, MANIFEST_FILE);
  const journalPath = join(outDir, JOURNAL_FILE);
  const temps = await removeStaleTemps(outDir);
  if (temps.length > 0) notices.push(`已删除上次中断时留下的 ${temps.length} 个临时文件。`);
  const read = await readManifest(outDir);
  if (read.problem) {
    const kept = `${manifestPath}.damaged-${Date.now()}`;
    await rename(manifestPath, kept).catch(() => undefined);
    notices.push(`清单记录 ${manifestPath} 已损坏（${read.problem}），已另存为 ${kept}；本次按输出文件夹中的文件重新生成并重建记录。`);
  } else if (read.journal) {
    notices.push('上次运行在写入途中被中断；清单记录已按其日志补全，本次只生成尚未完成的文档。');
  }
  const manifest = read.problem ? undefined : read.manifest;

  // Check every listed file against the disk: intact documents can be skipped, edited files are kept.
  const entries = new Map<string, ManifestOutput>();
  const edited = new Map<string, EditedFile>();
  const now = new Date().toISOString();
  const newlyEdited: EditedFile[] = [];
  for (const e of manifest?.edited ?? []) {
    const s = await fileState(outDir, { format: 'pdf', path: e.path, sha256: e.sha256, bytes: e.bytes });
    if (s.state === 'missing') continue;
    if (!options.force) edited.set(e.path, s.state === 'edited' ? { ...e, sha256: s.sha256 as string, bytes: s.bytes as number } : e);
  }
  const outputs = manifest?.outputs ?? [];
  for (let i = 0; i < outputs.length; i += VERIFY_PARALLEL) {
    await Promise.all(
      outputs.slice(i, i + VERIFY_PARALLEL).map(async (o) => {
        const states = await Promise.all(o.files.map((f) => fileState(outDir, f)));
        if (states.every((s) => s.state === 'intact')) {
          entries.set(o.key, o);
          return;
        }
        // A document with a file edited by hand is kept whole (its other files too), so its
        // formats stay together; its new version goes beside it.
        if (options.force || !states.some((s) => s.state === 'edited')) return;
        o.files.forEach((f, j) => {
          const s = states[j];
          if (s?.state === 'missing' || !s) return;
          const file = { key: o.key, path: f.path, sha256: s.sha256 ?? f.sha256, bytes: s.bytes ?? f.bytes, noticedAt: now };
          edited.set(f.path, file);
          if (s.state === 'edited') newlyEdited.push(file);
        });
      }),
    );
  }
  const folder = new Folder(outDir, manifestPath, journalPath, entries, [...edited.values()], newlyEdited, manifest, notices, release);
  // A killed run's journal, a damaged manifest or a newly noticed hand edit: write the manifest
  // now, so that it is true (and the edited file protected) even if this run is stopped early.
  if (read.journal || read.problem || newlyEdited.length > 0) await folder.snapshot(manifest ? headOf(manifest) : emptyHead());
  return folder;
}

function headOf(m: Manifest): ManifestHead {
  return { roster: m.roster, templates: m.templates, renderers: m.renderers, fonts: m.fonts, warnings: m.warnings };
}

function emptyHead(): ManifestHead {
  return { roster: null, templates: {}, renderers: {}, fonts: null, warnings: [] };
}

class Folder implements OutputFolder {
  readonly previous: ReadonlyMap<string, ManifestOutput>;
  readonly previousHead: ManifestHead | undefined;
  private readonly entries: Map<string, ManifestOutput>;

  constructor(
    readonly outDir: string,
    readonly manifestPath: string,
    private readonly journalPath: string,
    intact: Map<string, ManifestOutput>,
    readonly edited: readonly EditedFile[],
    readonly newlyEdited: readonly EditedFile[],
    previous: Manifest | undefined,
    readonly notices: string[],
    private readonly release: () => Promise<void>,
  ) {
    this.previous = new Map(intact);
    this.entries = new Map(intact);
    this.previousHead = previous ? headOf(previous) : undefined;
  }

  private append(entry: JournalEntry): void {
    try {
      appendFileSync(this.journalPath, `${JSON.stringify(entry)}\n`);
    } catch (error) {
      throw ioError('无法写入清单记录的日志', this.journalPath, error);
    }
  }

  writing(key: string, paths: readonly string[]): void {
    this.append({ op: 'writing', key, paths: [...paths] });
    this.entries.delete(key);
    for (const [k, o] of this.entries) if (o.files.some((f) => paths.includes(f.path))) this.entries.delete(k);
  }

  list(entry: ManifestOutput): void {
    this.append({ op: 'list', entry });
    this.entries.set(entry.key, entry);
    faultAfterList();
  }

  relist(entry: ManifestOutput): void {
    this.append({ op: 'list', entry });
    this.entries.set(entry.key, entry);
  }

  listed(): ReadonlyMap<string, ManifestOutput> {
    return this.entries;
  }

  /** Writes the manifest as it stands and removes the journal. */
  async snapshot(head: ManifestHead): Promise<void> {
    const manifest: Manifest = {
      schema: MANIFEST_SCHEMA,
      updatedAt: new Date().toISOString(),
      ...head,
      outputs: sortOutputs([...this.entries.values()]),
      edited: [...this.edited].sort((a, b) => compareCodeUnits(a.path, b.path)),
    };
    try {
      await writeAtomic(this.manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    } catch (error) {
      throw ioError('无法写入清单记录', this.manifestPath, error);
    }
    rmSync(this.journalPath, { force: true });
  }

  async close(head: ManifestHead): Promise<void> {
    try {
      await this.snapshot(head);
    } finally {
      await this.release();
    }
  }

  async abandon(): Promise<void> {
    await this.release();
  }
}
