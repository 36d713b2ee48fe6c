/**
 * The answers file: what `qingdan interview` and the web app's “保存答案” save, and what
 * `qingdan generate --answers` and the web app's “载入答案” read. Pure (bytes in, text out); the
 * CLI reads and writes the files.
 *
 * Shape written: a one-unit roster (see `examples/roster.yaml`), keys are the templates'
 * variable keys, comments give the Chinese labels:
 * ```yaml
 * units:
 *   - year: 2024                 # unit-scope values, once
 *     unit_name: 区发展和改革局
 *     leaders:                   # leader-scope values, one entry per leader
 *       - leader_name: 张三同志
 *         divisions: [办公室, 财务科]
 * ```
 * Also read: the flat shape (unit values at the top, `leaders:` list, optional
 * `templates: [task-list, …]`), a flat file with one leader's values at the top level, and
 * Chinese labels (`单位:`, `班子成员:`, `年度:` …) instead of keys.
 */
import { createHash } from 'node:crypto';
import { Document, isMap, isScalar, isSeq, LineCounter, parseDocument, type Pair } from 'yaml';
import { QingdanError, type Answers, type Issue, type Template, type Value } from '@qingdan/model';

/** `templates: a, b` written as one text: split by commas (also 、 ，) and spaces. */
const splitIds = (text: string): string[] => text.split(/[,，、\s]+/u).filter(Boolean);

/** A parsed answers file. */
export interface AnswersFile {
  /** The file's path, for messages. */
  file: string;
  /** sha256 hex of the file's bytes. */
  hash: string;
  /** The template ids listed under `templates:`, if any. */
  templates?: string[];
  /** Unit values (every top-level key except `templates` and `leaders`). */
  unit: Answers;
  /** One entry per leader, in file order. */
  leaders: Answers[];
}

const RESERVED = new Set(['templates', 'leaders']);
const UNITS_KEYS = ['units', '单位'];
const LEADERS_KEYS = ['leaders', '班子成员'];

/**
 * Accepts the one-unit roster shape too (`units:` / `单位:` with one entry, shared values at the
 * top, `班子成员:` for `leaders:`), so a roster of one unit can serve as an answers file.
 * @throws {QingdanError} `ANSWERS_INVALID` when the list holds more or fewer than one unit
 */
function oneUnit(obj: Record<string, unknown>, file: string): Record<string, unknown> {
  const unitsKey = UNITS_KEYS.find((k) => k in obj);
  let flat: Record<string, unknown> = obj;
  if (unitsKey !== undefined) {
    const list = obj[unitsKey];
    if (!Array.isArray(list) || list.length !== 1 || list[0] === null || typeof list[0] !== 'object') {
      throw new QingdanError(
        'ANSWERS_INVALID',
        `答案文件 ${file} 的 ${unitsKey} 应只有一个单位；多个单位请用 qingdan batch --roster ${file}。`,
      );
    }
    const { [unitsKey]: _units, ...shared } = obj;
    flat = { ...shared, ...(list[0] as Record<string, unknown>) };
  }
  const leadersKey = LEADERS_KEYS.find((k) => k in flat);
  if (leadersKey !== undefined && leadersKey !== 'leaders') {
    const { [leadersKey]: leaders, ...rest } = flat;
    flat = { ...rest, leaders };
  }
  return flat;
}

function toValue(raw: unknown): Value | undefined | 'bad' {
  if (raw === null || raw === undefined) return undefined;
  if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean') return raw;
  if (Array.isArray(raw) && raw.every((x) => typeof x === 'string' || typeof x === 'number')) return raw.map(String);
  return 'bad';
}

function readValues(obj: Record<string, unknown>, file: string, where: string, issues: Issue[], skip: ReadonlySet<string>): Answers {
  const out: Answers = {};
  for (const [key, raw] of Object.entries(obj)) {
    if (skip.has(key)) continue;
    const v = toValue(raw);
    if (v === 'bad') {
      issues.push({
        message: `${file}${where}的 ${key} 应为文字、数字、是/否或文字列表，收到 ${JSON.stringify(raw)}。`,
        where: { file, field: key },
      });
    } else if (v !== undefined) out[key] = v;
  }
  return out;
}

/**
 * Parses the text of an answers file.
 *
 * @param bytes - the file's bytes (UTF-8, with or without BOM)
 * @param file - the path, for messages
 * @throws {QingdanError} `ANSWERS_INVALID` when the YAML is malformed or not of the shape above
 *   (every problem listed, with line numbers where known)
 */
export function parseAnswersFile(bytes: Uint8Array, file: string): AnswersFile {
  const hash = createHash('sha256').update(bytes).digest('hex');
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/u, '');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length > 0) {
    throw new QingdanError('ANSWERS_INVALID', `答案文件 ${file} 不是有效的 YAML：`, {
      issues: doc.errors.map((e) => ({
        message: `${file} 第 ${e.linePos?.[0]?.line ?? '?'} 行：${e.message.split('\n')[0] ?? ''}`,
        where: { file, row: e.linePos?.[0]?.line ?? 0 },
      })),
    });
  }
  const data: unknown = doc.toJS();
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new QingdanError('ANSWERS_INVALID', `答案文件 ${file} 应是“变量名: 值”的映射（例如 year: 2024），并可有 leaders: 列表。`);
  }
  const issues: Issue[] = [];
  const obj = oneUnit(data as Record<string, unknown>, file);
  let templates: string[] | undefined;
  if (obj.templates !== undefined && obj.templates !== null) {
    if (Array.isArray(obj.templates) && obj.templates.every((t) => typeof t === 'string')) templates = obj.templates as string[];
    else if (typeof obj.templates === 'string') templates = splitIds(obj.templates);
    else issues.push({ message: `${file} 的 templates 应为模板 id 列表，如 [task-list, responsibility-list]。`, where: { file, field: 'templates' } });
  }
  const unit = readValues(obj, file, ' ', issues, RESERVED);
  const leaders: Answers[] = [];
  if (obj.leaders !== undefined && obj.leaders !== null) {
    if (!Array.isArray(obj.leaders)) {
      issues.push({ message: `${file} 的 leaders 应为列表，每项是一位班子成员的“变量名: 值”。`, where: { file, field: 'leaders' } });
    } else {
      obj.leaders.forEach((l: unknown, i) => {
        const node = doc.getIn(['leaders', i], true) as { range?: [number, number, number] } | undefined;
        const line = node?.range ? lineCounter.linePos(node.range[0]).line : undefined;
        const where = ` 第 ${i + 1} 位班子成员${line ? `（第 ${line} 行）` : ''}`;
        if (l === null || typeof l !== 'object' || Array.isArray(l)) {
          issues.push({ message: `${file}${where}应是“变量名: 值”的映射，如 leader_name: 张三同志。`, where: { file, field: `leaders.${i}` } });
          return;
        }
        leaders.push(readValues(l as Record<string, unknown>, file, where, issues, new Set()));
      });
    }
  }
  if (issues.length > 0) throw new QingdanError('ANSWERS_INVALID', `答案文件 ${file} 有 ${issues.length} 处问题：`, { issues });
  return { file, hash, ...(templates ? { templates } : {}), unit, leaders };
}

/**
 * Splits a flat answers file (one leader's values at the top level, no `leaders:`) into unit and
 * leader values, by the variables' declared scope.
 */
export function splitByScope(values: Answers, templates: readonly Template[]): { unit: Answers; leader: Answers } {
  const leaderKeys = new Set(templates.flatMap((t) => t.variables.filter((v) => v.scope === 'leader').map((v) => v.key)));
  const unit: Answers = {};
  const leader: Answers = {};
  for (const [k, v] of Object.entries(values)) (leaderKeys.has(k) ? leader : unit)[k] = v;
  return { unit, leader };
}

/** The label of each declared key, first declaration winning. */
function labels(templates: readonly Template[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of templates) for (const v of t.variables) if (!out.has(v.key)) out.set(v.key, v.label);
  return out;
}

function commentKeys(pairs: readonly Pair[], names: ReadonlyMap<string, string>): void {
  for (const pair of pairs) {
    if (isScalar(pair.key) && typeof pair.key.value === 'string') {
      const label = names.get(pair.key.value);
      if (label) pair.key.commentBefore = ` ${label}`;
    }
  }
}

/**
 * Writes answers as an answers file that is also a one-unit roster (the shape of
 * `examples/roster.yaml`: `units:` with one unit and its `leaders:`), so both
 * `qingdan generate --answers <file>` and `qingdan batch --roster <file>` read it. Each key is
 * preceded by its Chinese label as a comment; the header names the command that regenerates
 * the chosen lists.
 *
 * @param data - the templates chosen, the unit values and each leader's values
 * @param templates - every template (labels name the keys)
 * @returns YAML text ending with a new line
 */
export function answersYaml(data: { templates: readonly string[]; unit: Answers; leaders: readonly Answers[] }, templates: readonly Template[]): string {
  const names = labels(templates);
  const unit = { ...data.unit, ...(data.leaders.length > 0 ? { leaders: data.leaders } : {}) };
  const doc = new Document({ units: [unit] });
  const all = templates.map((t) => t.id);
  const onlySome = data.templates.length > 0 && !all.every((id) => data.templates.includes(id));
  const command = `qingdan generate --answers <本文件>${onlySome ? ` --template ${data.templates.join(',')}` : ''}`;
  doc.commentBefore = [
    ' qingdan 答案文件，也是只有一个单位的花名册（写法同 examples/roster.yaml）。',
    ` 再次生成：${command}`,
    ' 以此为默认值重新问答：qingdan interview --answers <本文件>',
  ].join('\n');
  const units = isMap(doc.contents) ? doc.contents.items[0] : undefined;
  const first = units && isSeq(units.value) ? units.value.items[0] : undefined;
  if (isMap(first)) {
    commentKeys(first.items as Pair[], names);
    const leaders = first.items.find((p) => isScalar(p.key) && p.key.value === 'leaders');
    if (leaders) {
      (leaders.key as { commentBefore?: string }).commentBefore = ' 班子成员（每人一份领导责任清单）';
      if (isSeq(leaders.value)) for (const item of leaders.value.items) if (isMap(item)) commentKeys(item.items as Pair[], names);
    }
  }
  return doc.toString({ lineWidth: 0 });
}
