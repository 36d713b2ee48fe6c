/**
 * The roster's columns: the union of the templates' variables, one column per variable key, with
 * the Chinese label as header (the key is accepted too).
 */
import type { Template, Value, VariableRole, VariableType } from '@qingdan/model';

/** One roster column (CSV/XLSX header, YAML key): a variable key declared by one or more templates. */
export interface RosterColumn {
  /** Variable key, e.g. `divisions`. */
  key: string;
  /** The header to write: the label of the first template that declares the key, e.g. `分管科室`. */
  label: string;
  /** Every label the templates give this key (all are accepted as headers), plus nothing else. */
  labels: string[];
  /** `unit`: one value per unit; `leader`: one value per leader (any template saying `leader` wins). */
  scope: 'unit' | 'leader';
  type: VariableType;
  role?: VariableRole;
  /** True when a template requires the variable and has no default for it. */
  required: boolean;
  /** Guidance from the first declaration that has some. */
  help?: string;
  /** The example value of the first declaration. */
  example: Value;
  /** Ids of the templates that declare the key. */
  templates: string[];
}

const ROLE_ORDER: Record<string, number> = { unit: 0, leader: 1, divisions: 2, year: 3 };

/**
 * The roster columns for a set of templates: one per variable key (a key declared by two templates
 * is one column), ordered unit name, leader name, divisions, year, the other unit-scope variables,
 * then the other leader-scope variables (each in template order).
 *
 * @param templates - the templates a batch will issue (e.g. task-list and responsibility-list)
 * @returns the columns, in the order an example roster writes them
 * @example rosterColumns([taskList, responsibilityList]).map((c) => c.label) // ['单位名称', '班子成员姓名', '分管科室', '年度', …]
 */
export function rosterColumns(templates: readonly Template[]): RosterColumn[] {
  const byKey = new Map<string, RosterColumn>();
  const order: string[] = [];
  for (const t of templates) {
    for (const v of t.variables) {
      const existing = byKey.get(v.key);
      const required = v.required && v.default === undefined;
      if (!existing) {
        byKey.set(v.key, {
          key: v.key,
          label: v.label,
          labels: [v.label],
          scope: v.scope,
          type: v.type,
          ...(v.role ? { role: v.role } : {}),
          required,
          ...(v.help ? { help: v.help } : {}),
          example: v.example,
          templates: [t.id],
        });
        order.push(v.key);
        continue;
      }
      if (!existing.labels.includes(v.label)) existing.labels.push(v.label);
      if (v.scope === 'leader') existing.scope = 'leader';
      if (!existing.role && v.role) existing.role = v.role;
      if (!existing.help && v.help) existing.help = v.help;
      existing.required ||= required;
      existing.templates.push(t.id);
    }
  }
  const rank = (c: RosterColumn): number => ROLE_ORDER[c.role ?? ''] ?? (c.scope === 'unit' ? 4 : 5);
  return order.map((k) => byKey.get(k) as RosterColumn).sort((a, b) => rank(a) - rank(b));
}

/**
 * Brings a header to a form where harmless differences vanish: NFKC (full-width （）／ ＝ (), /),
 * no white space, no trailing `*` (a mark some people add to required columns), lower case.
 */
export function normalizeHeader(header: string): string {
  return header.normalize('NFKC').replace(/\s+/gu, '').replace(/\*+$/u, '').toLowerCase();
}

/** Finds the column a header or YAML key names (by any label, or by the variable key). */
export class ColumnIndex {
  readonly columns: readonly RosterColumn[];
  private readonly byName = new Map<string, RosterColumn>();
  private readonly byKey = new Map<string, RosterColumn>();

  constructor(templates: readonly Template[]) {
    this.columns = rosterColumns(templates);
    for (const c of this.columns) {
      this.byKey.set(c.key, c);
      for (const name of [...c.labels, c.key]) {
        const n = normalizeHeader(name);
        if (!this.byName.has(n)) this.byName.set(n, c);
      }
    }
  }

  /** The column a header names, or undefined. */
  find(header: string): RosterColumn | undefined {
    return this.byName.get(normalizeHeader(header));
  }

  /** The column of a variable key, or undefined. */
  get(key: string): RosterColumn | undefined {
    return this.byKey.get(key);
  }

  /** The column with a role (`unit`, `leader`, `divisions`, `year`), if any template declares one. */
  role(role: VariableRole): RosterColumn | undefined {
    return this.columns.find((c) => c.role === role);
  }

  /**
   * The label closest to a mistyped header or key (edit distance ≤ a third of its length), if any.
   *
   * @param extra - more names that are valid where the header or key stands (YAML's `单位`, `班子成员` …)
   */
  suggest(header: string, extra: readonly string[] = []): string | undefined {
    const h = normalizeHeader(header);
    let best: { label: string; d: number } | undefined;
    for (const labels of [...this.columns.map((c) => [...c.labels, c.key]), extra]) {
      for (const label of labels) {
        const d = distance(h, normalizeHeader(label));
        if (d <= Math.max(1, Math.floor(label.length / 3)) && (!best || d < best.d)) best = { label, d };
      }
    }
    return best?.label;
  }
}

/** Levenshtein distance (code units; fine for CJK, which is all in the BMP here). */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const cur = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur.push(Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}
