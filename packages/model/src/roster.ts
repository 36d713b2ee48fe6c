/**
 * The roster (花名册) and answers-file contracts: what `@qingdan/roster` hands to the batch, the
 * CLI and the web app, and what the interview writes. Written once here; the types are `z.infer`.
 */
import { z } from 'zod';
import { Issue } from './errors.js';
import { Answers, Value } from './schema.js';

/**
 * Where something is in a roster or answers file, as the user sees it. CSV/XLSX: `row` is the
 * spreadsheet row number (the header row is row 1 when it is the first row) and `column` the
 * column letter (`C`, `AG`); YAML: `row` is the line and `column` the column number within it
 * (both from 1, as editors count). `field` is the header or key as written.
 *
 * @example { row: 5, column: 'C', field: '分管科室' } // roster.csv 第 5 行 C 列（分管科室）
 * @example { row: 12, column: 9, field: '分管科室' }   // roster.yaml 第 12 行第 9 列（分管科室）
 */
export const RosterPlace = z.strictObject({
  row: z.number().int().positive(),
  column: z.union([z.string().regex(/^[A-Z]+$/u), z.number().int().positive()]).optional(),
  field: z.string().optional(),
});
/** See {@link RosterPlace}. */
export type RosterPlace = z.infer<typeof RosterPlace>;

/** The file formats a roster can come in, chosen by the file's extension: `yaml | csv | xlsx`. */
export const RosterFormat = z.enum(['yaml', 'csv', 'xlsx']);
/** See {@link RosterFormat}. */
export type RosterFormat = z.infer<typeof RosterFormat>;

/** SHA-256 of a file's bytes, lower-case hex (64 characters). */
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/u);

/** One leader (班子成员) of a unit, checked and normalised. */
export const RosterLeader = z.strictObject({
  /** Where the leader is: the spreadsheet row (CSV/XLSX, header = row 1) or the YAML line of its entry. */
  row: z.number().int().positive(),
  /** The leader's name as written (value of the variable with role `leader`), e.g. `王建国同志`. */
  name: z.string(),
  /** Leader-scope values given in the roster, keyed by variable key, typed as the templates declare. */
  answers: Answers,
});
/** See {@link RosterLeader}. */
export type RosterLeader = z.infer<typeof RosterLeader>;

/** One unit (单位) with its leaders, checked and normalised. */
export const RosterUnit = z.strictObject({
  /** The unit's first row (CSV/XLSX) or the line where its YAML entry starts. */
  row: z.number().int().positive(),
  /** The unit's name (value of the variable with role `unit`), e.g. `区发展和改革局`. */
  name: z.string(),
  /**
   * Unit-scope values given in the roster (defaults of the templates are not filled in: `resolve`
   * applies each template's own), keyed by variable key, typed as the templates declare.
   */
  answers: Answers,
  /** The unit's leaders without errors, in file order. */
  leaders: z.array(RosterLeader),
});
/** See {@link RosterUnit}. */
export type RosterUnit = z.infer<typeof RosterUnit>;

/**
 * A roster read and checked (the normalised roster): the good units and leaders, every problem and
 * every visible normalisation. Nothing is left out without an issue saying so.
 */
export const Roster = z.strictObject({
  /** The path or file name the roster was read from, as given. */
  file: z.string(),
  format: RosterFormat,
  /** XLSX: the name of the worksheet that was read. */
  sheet: z.string().optional(),
  /** SHA-256 of the file's bytes, lower-case hex. */
  hash: Sha256,
  /** Units without errors, in file order; a unit keeps its good leaders when some have errors. */
  units: z.array(RosterUnit),
  /**
   * Every error, in Chinese, each naming file, row and column (`where: { file, row, column, field,
   * variable }`, see {@link RosterPlace}). Rows with errors are left out of `units`. Sorted by row.
   */
  issues: z.array(Issue),
  /**
   * Changes made that need no action but must be seen (a control character removed, a line break
   * in a CSV cell read as a list separator, a hidden sheet not read …), same shape as `issues`.
   */
  warnings: z.array(Issue),
});
/** See {@link Roster}. */
export type Roster = z.infer<typeof Roster>;

/** One unit of an answers file as the interview writes it: unit values and `leaders`. */
export const AnswersFileUnit = z.object({ leaders: z.array(Answers).optional() }).catchall(Value);
/** See {@link AnswersFileUnit}. */
export type AnswersFileUnit = z.infer<typeof AnswersFileUnit>;

/**
 * The YAML document the interview writes (`answers.yaml`), which is also a one-unit roster:
 *
 * ```yaml
 * units:
 *   - year: 2025               # unit values, keyed by variable key (Chinese labels are read too)
 *     unit_name: 区发展和改革局
 *     leaders:                 # one entry per leader
 *       - leader_name: 张三同志
 *         divisions: [办公室, 财务科]
 * ```
 *
 * `templates: [task-list, …]` may name the lists to produce. What is *read* is wider (see
 * `parseAnswersFile` of `@qingdan/roster`): Chinese labels, `单位:` / `班子成员:`, values shared at the
 * top, a flat file without `units:`.
 */
export const AnswersDocument = z.strictObject({
  templates: z.array(z.string()).optional(),
  units: z.tuple([AnswersFileUnit]),
});
/** See {@link AnswersDocument}. */
export type AnswersDocument = z.infer<typeof AnswersDocument>;

/** Where each value of an answers file was written (for located messages). */
export const AnswersFilePlaces = z.strictObject({
  /** Where the unit starts (its `units:` entry, or line 1 for a flat file). */
  unit: RosterPlace,
  /** Unit values by variable key. */
  fields: z.record(z.string(), RosterPlace),
  /** Each leader's entry and values, in file order (parallel to `AnswersFile.leaders`). */
  leaders: z.array(z.strictObject({ place: RosterPlace, fields: z.record(z.string(), RosterPlace) })),
});
/** See {@link AnswersFilePlaces}. */
export type AnswersFilePlaces = z.infer<typeof AnswersFilePlaces>;

/**
 * An answers file as read (`parseAnswersFile`): the values as written, keyed by variable key, not
 * yet checked against the chosen templates (`rosterFromAnswers` does that, with the roster's checks).
 */
export const AnswersFile = z.strictObject({
  /** The file's path, for messages. */
  file: z.string(),
  /** SHA-256 of the file's bytes, lower-case hex. */
  hash: Sha256,
  /** The template ids listed under `templates:`, if any. */
  templates: z.array(z.string()).optional(),
  /** Unit values (shared values at the top included), by variable key. */
  unit: Answers,
  /** One entry per leader, in file order, by variable key. */
  leaders: z.array(Answers),
  /** Where each value was written. */
  where: AnswersFilePlaces,
  /**
   * Problems found while reading (unknown or misplaced keys, malformed values), located; reported
   * together with the checks' by `rosterFromAnswers`, so every problem comes in one pass.
   */
  issues: z.array(Issue),
  /** Visible normalisations made while reading. */
  warnings: z.array(Issue),
});
/** See {@link AnswersFile}. */
export type AnswersFile = z.infer<typeof AnswersFile>;
