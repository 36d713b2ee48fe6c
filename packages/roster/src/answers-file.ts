/**
 * The answers file: what `qingdan interview` and the web app's “保存答案” save, and what
 * `qingdan generate --answers` and the web app's “载入答案” read. Pure (bytes in, text out); the
 * CLI reads and writes the files.
 *
 * Written (`answersYaml`): the model's `AnswersDocument`, a one-unit roster (see
 * `examples/roster.yaml`), keys are the templates' variable keys, comments give the Chinese labels:
 * ```yaml
 * units:
 *   - year: 2024                 # unit-scope values, once
 *     unit_name: 区发展和改革局
 *     leaders:                   # leader-scope values, one entry per leader
 *       - leader_name: 张三同志
 *         divisions: [办公室, 财务科]
 * ```
 * Read (`parseAnswersFile`) by the roster's YAML reader and checked (`rosterFromAnswers`) by the
 * roster's one validation (`checkRoster`), so an answers file and a roster file give the same
 * messages, located the same way (line and column), for the same mistakes. Also read: Chinese
 * labels (`单位:`, `班子成员:`, `年度:` …), values shared at the top, `templates: [task-list, …]`,
 * a flat file without `units:`, one leader's values at the unit level without `leaders:`.
 *
 * Two steps, because the lists to produce may be named in the file itself (`templates:`):
 * `parseAnswersFile` reads it against every template (keys are recognised, problems of reading
 * are kept, not thrown), then `rosterFromAnswers` checks it for the chosen templates and reports
 * every problem, the reading's included, in one error.
 */
import { createHash } from 'node:crypto';
import { Document, isMap, isScalar, isSeq, type Pair } from 'yaml';
import { AnswersDocument, QingdanError, type Answers, type AnswersFile, type Roster, type RosterPlace, type Template } from '@qingdan/model';
import { checkRoster } from './check.js';
import { ColumnIndex } from './columns.js';
import { Reporter, type RawField, type RawLeader, type RawRoster, type RawUnit } from './raw.js';
import { byRow } from './read.js';
import { readYaml } from './yaml.js';

const values = (fields: ReadonlyMap<string, RawField>): Answers => Object.fromEntries([...fields].map(([k, f]) => [k, f.value]));
const places = (fields: ReadonlyMap<string, RawField>): Record<string, RosterPlace> => Object.fromEntries([...fields].map(([k, f]) => [k, f.place]));

/**
 * Reads an answers file from its bytes.
 *
 * Read: the interview's shape (`units:` with one unit and its `leaders:`), values shared at the
 * top, Chinese labels (`单位:`, `班子成员:`, `年度:` …) as well as keys, `templates: [id, …]`, a
 * flat file without `units:` (the top level is the unit), and one leader's values written at the
 * unit level without a `leaders:` list (one leader). Unknown, misplaced and repeated keys and
 * malformed values are not thrown: they are kept in `issues` (located by line and column, an
 * unknown key with the nearest known one) for {@link rosterFromAnswers} to report with the rest.
 *
 * @param bytes - the file's bytes (UTF-8 with or without BOM, GB18030, UTF-16 with BOM)
 * @param file - the path, for messages
 * @param templates - every template available (their variables are the keys recognised)
 * @returns the values as written, keyed by variable key, with where each was written
 * @throws {QingdanError} `ANSWERS_INVALID` when the file is not YAML text (every syntax error with
 *   its line and column), its top level is not a mapping, or `units:` holds other than one unit
 */
export function parseAnswersFile(bytes: Uint8Array, file: string, templates: readonly Template[]): AnswersFile {
  const report = new Reporter(file);
  const raw = readYaml(bytes, file, new ColumnIndex(templates), report, 'answers');
  const unit = raw.units[0] as RawUnit;
  return {
    file,
    hash: createHash('sha256').update(bytes).digest('hex'),
    ...(raw.templates ? { templates: raw.templates } : {}),
    unit: values(unit.fields),
    leaders: unit.leaders.map((l) => values(l.fields)),
    where: {
      unit: unit.place,
      fields: places(unit.fields),
      leaders: unit.leaders.map((l) => ({ place: l.place, fields: places(l.fields) })),
    },
    issues: byRow(report.issues),
    warnings: byRow(report.warnings),
  };
}

/**
 * Checks an answers file for the chosen templates and builds the one-unit roster it describes,
 * with the roster's own validation (`checkRoster`): values typed and checked per template, a
 * leader without name or divisions, one division under two leaders, one name twice, a per-leader
 * template without leaders, bidirectional control characters refused, control characters
 * removed with a warning.
 *
 * @param file - from {@link parseAnswersFile}
 * @param templates - the templates to produce (their requirements apply)
 * @param known - every template available (default: `templates`): keys they declare are not
 *   unknown, so an answers file made for both lists can produce just one
 * @returns a roster (format `yaml`) with one unit and its leaders; rows are the file's lines;
 *   `warnings` holds the reading's and the checks' warnings
 * @throws {QingdanError} `ANSWERS_INVALID` listing every problem (the reading's and the checks'),
 *   each located by line and column: nothing is generated from an answers file with a problem
 */
export function rosterFromAnswers(file: AnswersFile, templates: readonly Template[], known: readonly Template[] = templates): Roster {
  const index = new ColumnIndex(known);
  const report = new Reporter(file.file);
  // Values by variable key. A file from `parseAnswersFile` has only known keys in their scope; one
  // built otherwise is held to the same rule here, so that no value is ignored without a word.
  const fields = (given: Answers, at: Record<string, RosterPlace>, owner: RosterPlace, scope: 'unit' | 'leader'): Map<string, RawField> => {
    const out = new Map<string, RawField>();
    for (const [k, value] of Object.entries(given)) {
      const column = index.get(k) ?? index.find(k);
      const place = at[k] ?? { ...owner, field: k };
      if (!column || column.scope !== scope) {
        report.issue(place, column ? `「${column.label}」（${column.key}）不能写在${scope === 'unit' ? '单位一级' : '班子成员下'}。` : `「${k}」不是模板中的任何一项：请检查拼写。`);
        continue;
      }
      out.set(column.key, { value, place });
    }
    return out;
  };
  const unitPlace = file.where.unit;
  const leaders: RawLeader[] = file.leaders.map((l, i) => {
    const w = file.where.leaders[i];
    const place = w?.place ?? unitPlace;
    return { place, fields: fields(l, w?.fields ?? {}, place, 'leader') };
  });
  const unit: RawUnit = { place: unitPlace, fields: fields(file.unit, file.where.fields, unitPlace, 'unit'), leaders, broken: false };
  const raw: RawRoster = { units: [unit], missingColumns: new Set(), columnOf: () => undefined };
  const units = checkRoster(raw, index, templates, report);
  const issues = byRow([...file.issues, ...report.issues]);
  if (issues.length > 0) throw new QingdanError('ANSWERS_INVALID', `答案文件 ${file.file} 有 ${issues.length} 处问题，未生成任何文件：`, { issues });
  return { file: file.file, format: 'yaml', hash: file.hash, units, issues: [], warnings: byRow([...file.warnings, ...report.warnings]) };
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
 * @throws {ZodError} when the values do not fit the model's `AnswersDocument` (a defect: the
 *   interview's and the web form's values always do)
 */
export function answersYaml(data: { templates: readonly string[]; unit: Answers; leaders: readonly Answers[] }, templates: readonly Template[]): string {
  const names = labels(templates);
  const unit = { ...data.unit, ...(data.leaders.length > 0 ? { leaders: data.leaders } : {}) };
  const content = { units: [unit] };
  AnswersDocument.parse(content); // the contract `parseAnswersFile` reads (the parsed copy would put `leaders` first)
  const doc = new Document(content);
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
