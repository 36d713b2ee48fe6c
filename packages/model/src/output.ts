/**
 * The contracts of producing documents: output formats, the jobs a batch plan holds, the messages
 * between a batch and its worker threads, and `manifest.json`. Each is a zod schema; the types
 * are `z.infer` of them, so a worker message or a manifest read back from disk is parsed, never cast.
 */
import { z } from 'zod';
import { LintFinding } from './lint.js';
import { ResolvedDocument } from './schema.js';

/** An output format: Word (`.docx`) or PDF. */
export const Format = z.enum(['docx', 'pdf']);
/** `docx | pdf`. */
export type Format = z.infer<typeof Format>;
/** Every format, in the order files of one document are written and listed. */
export const FORMATS: readonly Format[] = Format.options;

/** SHA-256, lower-case hex. */
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, '应为 64 位小写十六进制的 SHA-256');

/** A path relative to the output folder, `/`-separated, e.g. `2025/区发展和改革局/2025年王建国同志….pdf`. */
const RelativePath = z.string().min(1);


/**
 * One document to produce: who it is for, the resolved document (the IR, resolved once while
 * planning), where its files go and the hash of everything that shapes their bytes.
 */
export const Job = z.strictObject({
  /**
   * Stable identity across runs: `<year>/<templateId>/<unit>` for a per-unit template,
   * `<year>/<templateId>/<unit>/<leader>` for a per-leader one (a name repeated in a unit gets
   * `#<row>`). The manifest is keyed by it.
   */
  key: z.string().min(1),
  templateId: z.string(),
  templateVersion: z.string(),
  unit: z.string(),
  leader: z.string().optional(),
  /** Where in the roster the job comes from: the leader's row (per-leader) or the unit's row. */
  row: z.number().int(),
  /** The resolved document: what the renderers draw. */
  doc: ResolvedDocument,
  /** SHA-256 of the job's inputs: the resolved document, the formats, the renderers' versions. */
  inputHash: Sha256,
  /** One file per format, in {@link FORMATS} order. */
  files: z.array(z.strictObject({ format: Format, path: RelativePath })).min(1),
  /** Proofreading findings on the resolved document (the document is written all the same). */
  findings: z.array(LintFinding).default([]),
});
/** See {@link Job}. */
export type Job = z.infer<typeof Job>;

/** One file of a document as written: its final path, its SHA-256 and size in bytes. */
export const ManifestFile = z.strictObject({
  format: Format,
  path: RelativePath,
  sha256: Sha256,
  /** Size in bytes. */
  bytes: z.number().int().nonnegative(),
});
/** See {@link ManifestFile}. */
export type ManifestFile = z.infer<typeof ManifestFile>;

/** A document listed in the manifest: its job's identity and inputs, and the files it has on disk. */
export const ManifestOutput = z.strictObject({
  key: z.string().min(1),
  templateId: z.string(),
  templateVersion: z.string(),
  /** The year of the list (the folder `<year>/…`); absent when the template has no year. */
  year: z.number().int().optional(),
  unit: z.string(),
  leader: z.string().optional(),
  row: z.number().int(),
  inputHash: z.string(),
  /** SHA-256 of the PDF font report (role → font file) its PDF was made with; absent without PDF. */
  fontsHash: z.string().optional(),
  /** The files written; fewer than the job's formats when one format failed (the document then failed). */
  files: z.array(ManifestFile),
  /** Proofreading findings of the document when it was written. */
  findings: z.array(LintFinding).default([]),
  /** When the files were written (ISO 8601). */
  writtenAt: z.string(),
});
/** See {@link ManifestOutput}. */
export type ManifestOutput = z.infer<typeof ManifestOutput>;

/**
 * A file that was edited by hand after it was written: kept as it is, never overwritten (a
 * re-run writes the document's new version beside it), until it is deleted or a run is forced.
 */
export const EditedFile = z.strictObject({
  /** The key of the document the file belonged to. */
  key: z.string(),
  path: RelativePath,
  /** SHA-256 and size of the file as edited. */
  sha256: Sha256,
  bytes: z.number().int().nonnegative(),
  /** When the edit was noticed (ISO 8601). */
  noticedAt: z.string(),
});
/** See {@link EditedFile}. */
export type EditedFile = z.infer<typeof EditedFile>;

/** The schema id of `manifest.json`; a manifest with another id is reported and rebuilt. */
export const MANIFEST_SCHEMA = 'qingdan-manifest/2';

/** A font file serving one PDF role (role → file in {@link Manifest}'s `fonts`). */
export const FontRecord = z.object({ file: z.string(), face: z.string(), family: z.string(), source: z.string() });

/** The content of `manifest.json` at the root of an output folder. */
export const Manifest = z.strictObject({
  schema: z.literal(MANIFEST_SCHEMA),
  /** When the manifest was last written (ISO 8601). */
  updatedAt: z.string(),
  /** SHA-256 of the roster (or answers) file of the last run; null without one. */
  roster: z.strictObject({ hash: z.string() }).nullable(),
  /** Every template an output was made from: id → name, version and SHA-256 of its content. */
  templates: z.record(z.string(), z.strictObject({ name: z.string(), version: z.string(), hash: z.string() })),
  /** Package → version of the engine, renderers and the libraries behind them. */
  renderers: z.record(z.string(), z.string()),
  /** The font file of each PDF role in the last run that made PDFs. */
  fonts: z.record(z.string(), FontRecord).nullable(),
  /** Warnings about the input of the last run (roster values changed, hand-edited files kept …). */
  warnings: z.array(z.string()).default([]),
  /** Every document, sorted by key. */
  outputs: z.array(ManifestOutput),
  /** Files edited by hand, kept and not overwritten, sorted by path. */
  edited: z.array(EditedFile).default([]),
});
/** See {@link Manifest}. */
export type Manifest = z.infer<typeof Manifest>;

/**
 * One line of the manifest's journal (`manifest.journal`, JSON Lines), appended while a batch runs
 * so that a batch killed at any point leaves a manifest that says what is on disk:
 * `writing` before a document's files are replaced, `list` once they are complete, `unlist` when
 * a document's previous files are no longer its own.
 */
export const JournalEntry = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('writing'), key: z.string(), paths: z.array(RelativePath) }),
  z.strictObject({ op: z.literal('list'), entry: ManifestOutput }),
  z.strictObject({ op: z.literal('unlist'), key: z.string() }),
]);
/** See {@link JournalEntry}. */
export type JournalEntry = z.infer<typeof JournalEntry>;

/** Where one format of a job is written: its final path and the temporary file beside it (absolute paths). */
export const FileTarget = z.strictObject({ format: Format, path: z.string(), temp: z.string() });
/** See {@link FileTarget}. */
export type FileTarget = z.infer<typeof FileTarget>;

/** An error crossing a thread boundary: message, and a `QingdanError`'s code and issues. */
export const SerializedError = z.strictObject({
  message: z.string(),
  code: z.string().optional(),
  issues: z.array(z.strictObject({ message: z.string(), where: z.record(z.string(), z.union([z.string(), z.number()])).optional() })).optional(),
});
/** See {@link SerializedError}. */
export type SerializedError = z.infer<typeof SerializedError>;

/** One format of a job: written (with its hash and size) or failed (with the reason). */
export const FileOutcome = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), format: Format, sha256: Sha256, bytes: z.number().int().nonnegative() }),
  z.strictObject({ ok: z.literal(false), format: Format, error: SerializedError }),
]);
/** See {@link FileOutcome}. */
export type FileOutcome = z.infer<typeof FileOutcome>;

/** The render settings a worker is started with. */
export const RenderSetup = z.strictObject({
  formats: z.array(Format).min(1),
  /** Font files or folders for the PDF (see `@qingdan/render-pdf`). */
  fonts: z.union([z.string(), z.array(z.string())]).optional(),
});
/** See {@link RenderSetup}. */
export type RenderSetup = z.infer<typeof RenderSetup>;

/** Font file path → the file's bytes, in `SharedArrayBuffer`s shared between threads (not copied). */
const FontBytes = z.custom<ReadonlyMap<string, Uint8Array>>((v) => v instanceof Map, '应为 字体文件路径 → 字节 的 Map');

/** A message from the batch to a worker. */
export const ToWorker = z.discriminatedUnion('type', [
  /** Render `doc` and write one file per target. */
  z.strictObject({ type: z.literal('job'), id: z.number().int(), doc: ResolvedDocument, targets: z.array(FileTarget).min(1) }),
  /** Font files another worker read, shared (`SharedArrayBuffer`s), or null: read them yourself. */
  z.strictObject({ type: z.literal('font-bytes'), bytes: FontBytes.nullable() }),
]);
/** See {@link ToWorker}. */
export type ToWorker = z.infer<typeof ToWorker>;

/** A message from a worker to the batch. */
export const FromWorker = z.discriminatedUnion('type', [
  /** Asks for font files another worker already read, before setting up. */
  z.strictObject({ type: z.literal('font-bytes?') }),
  /** Set up; `fontBytes`: the font files this worker read, shared, for the next workers. */
  z.strictObject({ type: z.literal('ready'), fonts: z.record(z.string(), FontRecord).nullable(), fontBytes: FontBytes }),
  z.strictObject({ type: z.literal('init-failed'), error: SerializedError }),
  /** The job's outcome per format, in the order of its targets. */
  z.strictObject({ type: z.literal('result'), id: z.number().int(), files: z.array(FileOutcome) }),
]);
/** See {@link FromWorker}. */
export type FromWorker = z.infer<typeof FromWorker>;
