/**
 * YAML rosters: units with their leaders nested. Shape (see examples/roster.yaml):
 *
 * ```yaml
 * 年度: 2025            # optional: any unit field at the top applies to every unit
 * 上级党委: 区委
 * 单位:                 # or `units:`
 *   - 单位名称: 区统计局
 *     是否设有机关党委: 否
 *     班子成员:          # or `leaders:`
 *       - 班子成员姓名: 王建国同志
 *         分管科室: [办公室, 综合统计科]   # a list, or “办公室、综合统计科”
 * ```
 *
 * Keys are the variables' Chinese labels or their keys. Row numbers are the file's line numbers.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair } from 'yaml';
import { QingdanError, type Issue, type Value } from '@qingdan/model';
import type { ColumnIndex } from './columns.js';
import { decodeRosterText } from './decode.js';
import type { Place, RawField, RawLeader, RawRoster, RawUnit, Reporter } from './raw.js';

const UNITS_KEYS = new Set(['单位', 'units']);
const LEADERS_KEYS = new Set(['班子成员', 'leaders']);

/**
 * Reads a YAML roster into units and leaders, reporting misplaced and unknown keys and values that
 * are neither text, number, yes/no nor a list. Such a key in a unit or leader marks it as having an
 * error (left out); at the top level it is reported and the units are kept (like an unknown CSV column).
 *
 * @throws {QingdanError} `ROSTER_INVALID` when the bytes are not text or not valid YAML (every
 *   syntax error with its line), or the top level is not a mapping with a `单位` list
 */
export function readYaml(bytes: Uint8Array, file: string, index: ColumnIndex, report: Reporter): RawRoster {
  const { text } = decodeRosterText(bytes, file);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const issues: Issue[] = doc.errors.map((e) => {
      const line = e.linePos?.[0]?.line ?? lineCounter.linePos(e.pos[0]).line;
      return { message: `${file} 第 ${line} 行：YAML 格式错误：${e.message.split('\n')[0] ?? ''}`, where: { file, row: line } };
    });
    throw new QingdanError('ROSTER_INVALID', `花名册 ${file} 不是有效的 YAML（常见原因：缩进不齐、冒号后缺空格）：`, { issues });
  }
  const at = (node: Node | null | undefined, field?: string): Place => {
    const pos = lineCounter.linePos(node?.range?.[0] ?? 0);
    return { row: pos.line, column: pos.col, ...(field ? { field } : {}) };
  };
  const root = doc.contents;
  const shape = `花名册 ${file} 的结构应为：顶层可写各单位共用的项（如“年度: 2025”），再写“单位:”列表，每个单位下写“班子成员:”列表（见 examples/roster.yaml）。`;
  if (!isMap(root)) throw new QingdanError('ROSTER_INVALID', shape);
  const unitsPair = root.items.find((p) => isScalar(p.key) && UNITS_KEYS.has(String(p.key.value)));
  if (!unitsPair || !isSeq(unitsPair.value)) throw new QingdanError('ROSTER_INVALID', shape);

  const defaults = new Map<string, RawField>();
  readFields(root.items.filter((p) => p !== unitsPair), 'unit', defaults, '顶层（各单位共用）');
  const units: RawUnit[] = [];
  for (const item of unitsPair.value.items) {
    const place = at(item as Node);
    if (!isMap(item)) {
      report.issue(place, '“单位”列表中的每一项应是一个单位的各项内容（“单位名称: …”等），不是单独的值：请按 examples/roster.yaml 的写法改正。');
      continue;
    }
    const unit: RawUnit = { place, fields: new Map(defaults), leaders: [], broken: false };
    const leadersPair = item.items.find((p) => isScalar(p.key) && LEADERS_KEYS.has(String(p.key.value)));
    if (!readFields(item.items.filter((p) => p !== leadersPair), 'unit', unit.fields, '单位一级')) unit.broken = true;
    if (leadersPair && isSeq(leadersPair.value)) {
      for (const l of leadersPair.value.items) {
        const lp = at(l as Node);
        if (!isMap(l)) {
          report.issue(lp, '“班子成员”列表中的每一项应写“班子成员姓名: …”和“分管科室: …”，不是单独的值：请按 examples/roster.yaml 的写法改正。');
          unit.broken = true;
          continue;
        }
        const leader: RawLeader = { place: lp, fields: new Map() };
        if (!readFields(l.items, 'leader', leader.fields, '班子成员')) leader.broken = true;
        unit.leaders.push(leader);
      }
    } else if (leadersPair && leadersPair.value !== null && !(isScalar(leadersPair.value) && leadersPair.value.value === null)) {
      report.issue(at(leadersPair.value as Node, String((leadersPair.key as { value: unknown }).value)), '“班子成员”应是一个列表（每人一项，以“- ”开头）：请按 examples/roster.yaml 的写法改正。');
      unit.broken = true;
    }
    units.push(unit);
  }
  return { units, missingColumns: new Set(), columnOf: () => undefined };

  /** Reads `key: value` pairs into `into`; false when one of them is unknown, misplaced or malformed (reported). */
  function readFields(pairs: Pair[], scope: 'unit' | 'leader', into: Map<string, RawField>, where: string): boolean {
    let clean = true;
    for (const pair of pairs) {
      const keyNode = pair.key as Node | null;
      const name = isScalar(keyNode) ? String(keyNode.value) : '';
      const place = at(keyNode, name);
      const column = index.find(name);
      if (!column) {
        clean = false;
        const hint = index.suggest(name);
        report.issue(place, `「${name}」不是模板中的任何一项，它的内容不会被使用：${hint ? `是不是「${hint}」？` : ''}请改为模板中的名称（见 examples/roster.yaml），或删去这一行。`);
        continue;
      }
      if (column.scope !== scope) {
        clean = false;
        report.issue(
          place,
          column.scope === 'leader'
            ? `「${column.label}」是每位班子成员各自的项，不能写在${where}：请把它移到“班子成员”下对应的人名下。`
            : `「${column.label}」是整个单位的项，不能写在班子成员下：请把它移到所属单位（或顶层）。`,
          { variable: column.key },
        );
        continue;
      }
      const value = toValue(pair.value as Node | null);
      if (value === undefined) {
        clean = false;
        report.issue(at(pair.value as Node, name), `「${column.label}」的值应是文字、数字、是/否或一个列表，不能是一组“键: 值”：请改正。`, { variable: column.key });
        continue;
      }
      if (value === null) {
        into.delete(column.key);
        continue;
      }
      into.set(column.key, { value, place: at(pair.value as Node, name) });
    }
    return clean;
  }
}

/** A YAML node as a value; null when empty; undefined when it is a mapping (not allowed). */
function toValue(node: Node | null): Value | null | undefined {
  if (node === null || node === undefined) return null;
  if (isScalar(node)) {
    const v = node.value;
    if (v === null || v === undefined) return null;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
    return String(v);
  }
  if (isSeq(node)) {
    const out: string[] = [];
    for (const item of node.items) {
      const v = toValue(item as Node);
      if (v === undefined || Array.isArray(v)) return undefined;
      if (v !== null) out.push(String(v));
    }
    return out;
  }
  return undefined;
}
