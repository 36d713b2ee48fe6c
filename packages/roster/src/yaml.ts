/**
 * YAML rosters and answers files: units with their leaders nested. Shape (see examples/roster.yaml):
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
 * Keys are the variables' Chinese labels or their keys. Places are the file's line and column
 * (from 1, as editors count). Every key is checked wherever it stands: an unknown key is an error
 * at its line and column with the nearest known key (structural keys such as `单位` included) as
 * a suggestion; nothing written is dropped without an issue.
 *
 * An answers file (`mode: 'answers'`, what the interview writes) is the same shape with exactly
 * one unit, plus: `templates: [id, …]` at the top; `units:` may be left out (the top level is
 * then the unit); leader values written at the unit level without a `leaders:` list are one leader.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair } from 'yaml';
import { QingdanError, type Issue, type QingdanErrorCode, type Value } from '@qingdan/model';
import type { ColumnIndex } from './columns.js';
import { decodeText } from './decode.js';
import type { Place, RawField, RawLeader, RawRoster, RawUnit, Reporter } from './raw.js';

const UNITS_KEYS = ['单位', 'units'];
const LEADERS_KEYS = ['班子成员', 'leaders'];
const TEMPLATES_KEY = 'templates';

/** What {@link readYaml} returns: the units as written, and (answers files) the `templates:` list. */
export interface YamlRoster extends RawRoster {
  templates?: string[];
}

/**
 * Reads a YAML roster (or answers file) into units and leaders, reporting misplaced, unknown and
 * repeated keys and values that are neither text, number, yes/no nor a list. Such a key in a unit
 * or leader marks it as having an error (left out); at the top level it is reported and the units
 * are kept (like an unknown CSV column: its content is not used).
 *
 * @param mode - `roster` (`qingdan batch --roster`) or `answers` (an answers file, one unit)
 * @throws {QingdanError} `ROSTER_INVALID` (`ANSWERS_INVALID` in `answers` mode) when the bytes are
 *   not text or not valid YAML (every syntax error with its line and column), the top level is not
 *   a mapping, a roster has no `单位` list (with every unknown top-level key reported), or an
 *   answers file holds more than one unit
 */
export function readYaml(bytes: Uint8Array, file: string, index: ColumnIndex, report: Reporter, mode: 'roster' | 'answers' = 'roster'): YamlRoster {
  const answers = mode === 'answers';
  const code: QingdanErrorCode = answers ? 'ANSWERS_INVALID' : 'ROSTER_INVALID';
  const noun = answers ? '答案文件' : '花名册';
  const { text } = decodeText(bytes, file, { noun, code });
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const issues: Issue[] = doc.errors.map((e) => {
      const pos = e.linePos?.[0] ?? lineCounter.linePos(e.pos[0]);
      return {
        message: `${file} 第 ${pos.line} 行第 ${pos.col} 列：YAML 格式错误：${e.message.split('\n')[0] ?? ''}`,
        where: { file, row: pos.line, column: pos.col },
      };
    });
    throw new QingdanError(code, `${noun} ${file} 不是有效的 YAML（常见原因：缩进不齐、冒号后缺空格、同一层写了两个相同的键）：`, { issues });
  }
  const at = (node: Node | null | undefined, field?: string): Place => {
    const pos = lineCounter.linePos(node?.range?.[0] ?? 0);
    return { row: pos.line, column: pos.col, ...(field ? { field } : {}) };
  };
  const keyName = (pair: Pair): string => (isScalar(pair.key) ? String(pair.key.value) : '');
  const root = doc.contents;
  const shape = answers
    ? `答案文件 ${file} 应是“变量名: 值”的映射（如 year: 2025），班子成员写在 leaders: 列表中（写法见 qingdan interview 保存的 answers.yaml）。`
    : `花名册 ${file} 的结构应为：顶层可写各单位共用的项（如“年度: 2025”），再写“单位:”列表，每个单位下写“班子成员:”列表（见 examples/roster.yaml）。`;
  if (!isMap(root)) throw new QingdanError(code, shape);

  const unitsPair = root.items.find((p) => UNITS_KEYS.includes(keyName(p)));
  const templatesPair = answers ? root.items.find((p) => keyName(p) === TEMPLATES_KEY) : undefined;
  const templates = templatesPair ? readTemplates(templatesPair) : undefined;
  const topPairs = root.items.filter((p) => p !== unitsPair && p !== templatesPair);
  const units: RawUnit[] = [];

  if (answers && !unitsPair) {
    // A flat answers file: the top level is the one unit.
    units.push(readUnit({ row: 1, column: 1 }, new Map(), topPairs));
  } else {
    const defaults = new Map<string, RawField>();
    readFields(topPairs, 'unit', defaults, '顶层（各单位共用）', UNITS_KEYS);
    const list = unitsPair?.value as Node | null | undefined;
    const empty = unitsPair !== undefined && (list === null || list === undefined || (isScalar(list) && (list.value === null || list.value === '')));
    if (!unitsPair || (!empty && !isSeq(list))) {
      throw new QingdanError(code, shape, { issues: [...report.issues] });
    }
    const unitsPlace = at(unitsPair.key as Node, keyName(unitsPair));
    const items = isSeq(list) ? list.items : [];
    if (!answers && items.length === 0) {
      report.issue(unitsPlace, `“${keyName(unitsPair)}:”下没有任何单位：请在其下逐个写出单位（每个单位以“- 单位名称: …”开头，写法见 examples/roster.yaml）。`);
    }
    if (answers && items.length !== 1) {
      throw new QingdanError(
        code,
        items.length === 0
          ? `答案文件 ${file} 第 ${unitsPlace.row} 行的 ${keyName(unitsPair)} 下没有单位：请写一个单位（写法见 qingdan interview 保存的 answers.yaml）。`
          : `答案文件 ${file} 第 ${unitsPlace.row} 行的 ${keyName(unitsPair)} 下有 ${items.length} 个单位，答案文件只能有一个；多个单位请用 qingdan batch --roster ${file}。`,
      );
    }
    for (const item of items) {
      const place = at(item as Node);
      if (!isMap(item)) {
        report.issue(place, '“单位”列表中的每一项应是一个单位的各项内容（“单位名称: …”等），不是单独的值：请按 examples/roster.yaml 的写法改正。');
        units.push({ place, fields: new Map(), leaders: [], broken: true, reported: new Set() });
        continue;
      }
      units.push(readUnit(place, defaults, item.items as Pair[]));
    }
  }
  return { units, missingColumns: new Set(), columnOf: () => undefined, ...(templates ? { templates } : {}) };

  /** One unit: its values (over `defaults`) and its leaders. */
  function readUnit(place: Place, defaults: Map<string, RawField>, pairs: Pair[]): RawUnit {
    const unit: RawUnit = { place, fields: new Map(defaults), leaders: [], broken: false, reported: new Set() };
    const leadersPair = pairs.find((p) => LEADERS_KEYS.includes(keyName(p)));
    const own = pairs.filter((p) => p !== leadersPair);
    // A flat answers file may give one leader's values at the unit level (no `leaders:` list).
    const flatLeader = answers && !leadersPair ? own.filter((p) => index.find(keyName(p))?.scope === 'leader') : [];
    if (!readFields(own.filter((p) => !flatLeader.includes(p)), 'unit', unit.fields, '单位一级', LEADERS_KEYS)) unit.broken = true;
    if (flatLeader.length > 0) {
      const leader: RawLeader = { place: at(flatLeader[0]?.key as Node), fields: new Map(), reported: new Set() };
      if (!readFields(flatLeader, 'leader', leader.fields, '班子成员')) leader.broken = true;
      unit.leaders.push(leader);
    }
    const value = leadersPair?.value as Node | null | undefined;
    if (leadersPair && isSeq(value)) {
      for (const l of value.items) {
        const lp = at(l as Node);
        if (!isMap(l)) {
          report.issue(lp, '“班子成员”列表中的每一项应写“班子成员姓名: …”和“分管科室: …”，不是单独的值：请按 examples/roster.yaml 的写法改正（已跳过本单位）。');
          unit.broken = true;
          continue;
        }
        const leader: RawLeader = { place: lp, fields: new Map(), reported: new Set() };
        if (!readFields(l.items as Pair[], 'leader', leader.fields, '班子成员')) leader.broken = true;
        unit.leaders.push(leader);
      }
    } else if (leadersPair && value !== null && value !== undefined && !(isScalar(value) && value.value === null)) {
      report.issue(at(value, keyName(leadersPair)), '“班子成员”应是一个列表（每人一项，以“- ”开头）：请按 examples/roster.yaml 的写法改正（已跳过本单位）。');
      unit.broken = true;
    }
    return unit;
  }

  /** `templates: [task-list, …]` (or “task-list, responsibility-list”) of an answers file. */
  function readTemplates(pair: Pair): string[] | undefined {
    const v = pair.value as Node | null;
    const value = toValue(v);
    if (value === null) return undefined;
    if (Array.isArray(value)) return value;
    if (typeof value === 'string') return value.split(/[,，、\s]+/u).filter(Boolean);
    report.issue(at(v, TEMPLATES_KEY), 'templates 应为模板 id 的列表，如 [task-list, responsibility-list]：请改正。', { field: TEMPLATES_KEY });
    return undefined;
  }

  /**
   * Reads `key: value` pairs of one mapping into `into`; false when one of them is unknown,
   * misplaced, given twice (by label and by key) or malformed (reported). `extra`: the structural
   * keys valid here, for suggestions.
   */
  function readFields(pairs: Pair[], scope: 'unit' | 'leader', into: Map<string, RawField>, where: string, extra: readonly string[] = []): boolean {
    let clean = true;
    const skipped = scope === 'leader' ? '（已跳过此人）' : where === '单位一级' ? '（已跳过本单位）' : '';
    const firstAt = new Map<string, Place>();
    for (const pair of pairs) {
      const keyNode = pair.key as Node | null;
      const name = keyName(pair);
      const place = at(keyNode, name);
      const column = index.find(name);
      if (!column) {
        clean = false;
        const hint = index.suggest(name, [...extra, ...(answers && where !== '班子成员' ? [TEMPLATES_KEY] : [])]);
        report.issue(
          place,
          `「${name}」不是模板中的任何一项，它的内容不会被使用${skipped}：${hint ? `是不是「${hint}」？` : ''}请改为模板中的名称（见 examples/roster.yaml），或删去这一行。`,
        );
        continue;
      }
      if (column.scope !== scope) {
        clean = false;
        report.issue(
          place,
          column.scope === 'leader'
            ? `「${column.label}」是每位班子成员各自的项，不能写在${where}${skipped}：请把它移到“班子成员”下对应的人名下。`
            : `「${column.label}」是整个单位的项，不能写在班子成员下${skipped}：请把它移到所属单位（或顶层）。`,
          { variable: column.key },
        );
        continue;
      }
      const first = firstAt.get(column.key);
      if (first) {
        clean = false;
        report.issue(
          place,
          `「${name}」与第 ${first.row} 行的「${first.field ?? ''}」是同一项（${column.label}），只能写一次${skipped}：请删去其中一个。`,
          { variable: column.key },
        );
        continue;
      }
      firstAt.set(column.key, place);
      const value = toValue(pair.value as Node | null);
      if (value === undefined) {
        clean = false;
        report.issue(at(pair.value as Node, name), `「${column.label}」的值应是文字、数字、是/否或一个列表，不能是一组“键: 值”${skipped}：请改正。`, { variable: column.key });
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

/** A YAML node as a value; null when empty; undefined when it is a mapping or a nested list (not allowed). */
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
