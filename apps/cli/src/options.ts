/**
 * Parsing the options shared by several commands, with Chinese usage errors.
 */
import { availableParallelism } from 'node:os';
import { resolve as resolvePath } from 'node:path';
import { UsageError } from './exit.js';
import type { Io } from './io.js';
import type { Format } from '@qingdan/model';

/** The output folder when `--out` is not given. */
export const DEFAULT_OUT = 'out';

/** `a,b`, `a，b`, `a、b`, `a b` → `['a', 'b']`: the lists of ids and formats on the command line and in `templates:`. */
export function splitIds(text: string): string[] {
  return text.split(/[,，、\s]+/u).filter(Boolean);
}

/**
 * `--format docx,pdf` → `['docx', 'pdf']` (default both; `、` `，` and spaces also separate).
 * @throws {UsageError} naming the unknown format
 */
export function parseFormats(text: string | undefined): Format[] {
  if (text === undefined) return ['docx', 'pdf'];
  const items = splitIds(text.toLowerCase());
  const bad = items.filter((f) => f !== 'docx' && f !== 'pdf');
  if (bad.length > 0 || items.length === 0) {
    throw new UsageError(`--format 只能是 docx、pdf 或 docx,pdf，收到 “${text}”。`);
  }
  return [...new Set(items)] as Format[];
}

/**
 * `--jobs N` → N (1 … 256); absent → the batch's default (`os.availableParallelism()`).
 * @throws {UsageError} when not a positive whole number
 */
export function parseJobs(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 256) {
    throw new UsageError(`--jobs 应为 1 至 256 的整数（本机建议 ${availableParallelism()}），收到 “${text}”。`);
  }
  return n;
}

/** `--fonts a,b` → a path or a list of paths, resolved against the current folder. */
export function parseFonts(text: string | undefined, io: Io): string | string[] | undefined {
  if (text === undefined) return undefined;
  const items = text
    .split(/[,，]/u)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((p) => resolvePath(io.cwd, p));
  return items.length === 1 ? items[0] : items;
}

/** The absolute output folder for `--out`. */
export function outDirOf(text: string | undefined, io: Io): string {
  return resolvePath(io.cwd, text ?? DEFAULT_OUT);
}

/** The output options `interview`, `generate` and `batch` share, as commander passes them. */
export interface OutputOptions {
  format?: string;
  out?: string;
  fonts?: string;
  jobs?: string;
  force?: boolean;
}

/** {@link OutputOptions} parsed: what `runJobs` needs to write the documents. */
export interface OutputSettings {
  formats: Format[];
  /** Worker count; `undefined` = the batch's default. */
  concurrency: number | undefined;
  /** Absolute output folder. */
  outDir: string;
  fonts: string | string[] | undefined;
  /** Overwrite files edited by hand (`--force`) instead of writing the new version beside them. */
  force: boolean;
}

/**
 * Parses the shared output options (`--format`, `--jobs`, `--out`, `--fonts`), before any file is
 * read, so a wrong command line fails at once.
 * @throws {UsageError} as {@link parseFormats} and {@link parseJobs}
 */
export function parseOutput(options: OutputOptions, io: Io): OutputSettings {
  return {
    formats: parseFormats(options.format),
    concurrency: parseJobs(options.jobs),
    outDir: outDirOf(options.out, io),
    fonts: parseFonts(options.fonts, io),
    force: options.force === true,
  };
}
