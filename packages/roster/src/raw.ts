/**
 * The format-neutral form every reader produces before checking: units and leaders with their
 * values as written and where each was written; plus the reporter that turns places into
 * Chinese messages naming file, row and column.
 */
import type { Issue, RosterPlace, Value } from '@qingdan/model';

/**
 * Where something is in the file (the model's `RosterPlace`). CSV/XLSX: the spreadsheet row
 * (header = row 1) and the column letter; YAML: the line and the column number within it.
 * `field` is the header or YAML key.
 */
export type Place = RosterPlace;

/** A value as written (a cell's displayed text, or a YAML scalar or list), and where. */
export interface RawField {
  value: Value;
  place: Place;
}

/**
 * A leader as written. `fields` holds leader-scope values by variable key; `broken` if a reader
 * found an error in it; `reported` names the keys whose value a reader already reported (an
 * unreadable cell …), so the checks do not report them again as missing.
 */
export interface RawLeader {
  place: Place;
  fields: Map<string, RawField>;
  broken?: boolean;
  reported?: Set<string>;
}

/** A unit as written; `fields`, `broken` and `reported` as for {@link RawLeader}. */
export interface RawUnit {
  place: Place;
  fields: Map<string, RawField>;
  leaders: RawLeader[];
  broken: boolean;
  reported?: Set<string>;
}

/** What a reader hands to the checks. */
export interface RawRoster {
  units: RawUnit[];
  /**
   * Keys whose column is missing from a CSV/XLSX header (already reported once for the file, so
   * the missing values are not reported again on every row).
   */
  missingColumns: Set<string>;
  /** For CSV/XLSX: the column letter and header of a key, so a missing value can name its cell. */
  columnOf: (key: string) => { column: string; field: string } | undefined;
}

/** Collects issues and warnings with the file name and place filled in. */
export class Reporter {
  readonly issues: Issue[] = [];
  readonly warnings: Issue[] = [];

  constructor(readonly file: string) {}

  /** `roster.csv 第 5 行 C 列（分管科室）：` / `roster.yaml 第 12 行第 9 列（分管科室）：` / `roster.csv：` */
  prefix(place: Place | undefined): string {
    if (!place) return `${this.file}：`;
    const field = place.field ? `（${place.field}）` : '';
    return `${this.file} ${locate(place)}${field}：`;
  }

  /** Records an error at a place; `extra` adds to `where` (e.g. `variable`). */
  issue(place: Place | undefined, message: string, extra: Record<string, string | number> = {}): void {
    this.issues.push(this.make(place, message, extra));
  }

  /** Records a warning (a change that needs no action). */
  warning(place: Place | undefined, message: string, extra: Record<string, string | number> = {}): void {
    this.warnings.push(this.make(place, message, extra));
  }

  private make(place: Place | undefined, message: string, extra: Record<string, string | number>): Issue {
    const where: Record<string, string | number> = { file: this.file };
    if (place) {
      where.row = place.row;
      if (place.column !== undefined) where.column = place.column;
      if (place.field !== undefined) where.field = place.field;
    }
    return { message: `${this.prefix(place)}${message}`, where: { ...where, ...extra } };
  }
}

/** A place as the user finds it: `第 5 行 C 列` (CSV/XLSX), `第 12 行第 9 列` (YAML), `第 5 行`. */
export function locate(place: Place): string {
  const column = typeof place.column === 'string' ? ` ${place.column} 列` : typeof place.column === 'number' ? `第 ${place.column} 列` : '';
  return `第 ${place.row} 行${column}`;
}

/** Spreadsheet column letters: 1 → A, 26 → Z, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
