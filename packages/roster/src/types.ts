/**
 * The shapes a roster is read into (see `/tmp/contracts.md`, `@qingdan/roster`).
 */
import type { Answers, Issue } from '@qingdan/model';

/** The file formats a roster can come in, chosen by the file's extension. */
export type RosterFormat = 'yaml' | 'csv' | 'xlsx';

/** One leader (班子成员) of a unit. */
export interface RosterLeader {
  /** Where the leader is: the spreadsheet row (CSV/XLSX, header = row 1) or the YAML line. */
  row: number;
  /** The leader's name as written (value of the variable with role `leader`), e.g. `王建国同志`. */
  name: string;
  /** Leader-scope values given in the roster, keyed by variable key, typed as the templates declare. */
  answers: Answers;
}

/** One unit (单位) with its leaders. */
export interface RosterUnit {
  /** The unit's first row (CSV/XLSX) or the line where its YAML entry starts. */
  row: number;
  /** The unit's name (value of the variable with role `unit`), e.g. `区发展和改革局`. */
  name: string;
  /**
   * Unit-scope values given in the roster (defaults of the templates are not filled in: `resolve`
   * applies each template's own), keyed by variable key, typed as the templates declare.
   */
  answers: Answers;
  /** The unit's leaders without errors, in file order. */
  leaders: RosterLeader[];
}

/** A roster read and checked: the good units and leaders, and every problem found. */
export interface Roster {
  /** The path or file name the roster was read from, as given. */
  file: string;
  format: RosterFormat;
  /** SHA-256 of the file's bytes, lower-case hex. */
  hash: string;
  /** Units without errors, in file order; a unit keeps its good leaders when some have errors. */
  units: RosterUnit[];
  /**
   * Every error, in Chinese, each naming file, row and column (`where: { file, row, column, field }`;
   * `column` is a letter such as `C` for CSV/XLSX, the column number of the line for YAML). Rows
   * with errors are left out of `units`. Sorted by row.
   */
  issues: Issue[];
  /** Changes made to values that need no action (e.g. a control character removed), same shape as issues. */
  warnings: Issue[];
}
