/**
 * From an answers file (the interview's or `generate --answers`) to batch jobs: the answers are
 * turned into a one-unit roster and planned by `@qingdan/batch`, so `generate`, `interview` and
 * `batch` give the same job keys, folders and file names.
 */
import { normalizeAnswers } from '@qingdan/engine';
import { QingdanError, type Answers, type Issue, type Template } from '@qingdan/model';
import type { Roster } from '@qingdan/roster';
import { splitByScope, type AnswersFile } from './answers-file.js';

/**
 * The value of the variable that plays `role` (year, unit name, leader name), from the first
 * template declaring one that `answers` fills, as trimmed text.
 * @returns `undefined` when no such variable has a non-blank text or number value
 */
export function roleValue(templates: readonly Template[], role: 'year' | 'unit' | 'leader', answers: Answers): string | undefined {
  for (const t of templates) {
    const v = t.variables.find((x) => x.role === role);
    const value = v ? answers[v.key] : undefined;
    const text = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
    if (text !== '') return text;
  }
  return undefined;
}

function pick(answers: Answers, keys: ReadonlySet<string>): Answers {
  return Object.fromEntries(Object.entries(answers).filter(([k]) => keys.has(k)));
}

/**
 * Checks answers for every chosen template and builds the one-unit roster they describe.
 *
 * Every problem is found in one pass: keys no template declares, values the engine rejects (per
 * template, per leader), a leader template without leaders.
 *
 * @param file - the parsed answers (`unit`, `leaders`); keys are variable keys or Chinese labels
 * @param templates - the templates to produce
 * @param known - every template available (default: `templates`); keys they declare are not
 *   reported as unknown, so an answers file made for both lists can produce just one
 * @returns a roster with one unit (row 1) and its leaders (rows 1…n, their order in the file)
 * @throws {QingdanError} `ANSWERS_INVALID` listing every problem with file and leader
 */
export function rosterFromAnswers(file: AnswersFile, templates: readonly Template[], known: readonly Template[] = templates): Roster {
  const keyOf = new Map<string, string>();
  for (const t of known) for (const v of t.variables) if (!keyOf.has(v.label)) keyOf.set(v.label, v.key);
  const byKey = (a: Answers): Answers => Object.fromEntries(Object.entries(a).map(([k, v]) => [keyOf.get(k) ?? k, v]));
  let unitRaw = byKey(file.unit);
  let leadersRaw = file.leaders.map(byKey);
  if (leadersRaw.length === 0) {
    const split = splitByScope(unitRaw, known);
    unitRaw = split.unit;
    if (Object.keys(split.leader).length > 0) leadersRaw = [split.leader];
  }
  const issues: Issue[] = [];
  const declared = new Set(known.flatMap((t) => t.variables.map((v) => v.key)));
  const knownLeaderKeys = new Set(known.flatMap((t) => t.variables.filter((v) => v.scope === 'leader').map((v) => v.key)));
  const reportedUnitKeys = new Set<string>();
  const unitKeys = new Set(templates.flatMap((t) => t.variables.filter((v) => v.scope === 'unit').map((v) => v.key)));
  const leaderKeys = new Set(templates.flatMap((t) => t.variables.filter((v) => v.scope === 'leader').map((v) => v.key)));
  const knownList = [...declared].join('、');
  for (const key of Object.keys(unitRaw)) {
    if (!declared.has(key)) issues.push({ message: `${file.file}：所选模板没有变量 ${key}，请检查拼写（可用的变量：${knownList}）。`, where: { file: file.file, field: key } });
  }
  leadersRaw.forEach((l, i) => {
    for (const key of Object.keys(l)) {
      if (!knownLeaderKeys.has(key)) {
        issues.push({
          message: `${file.file} 第 ${i + 1} 位班子成员：${declared.has(key) ? `${key} 是单位的变量，应写在 leaders 之外` : `所选模板没有变量 ${key}，请检查拼写`}。`,
          where: { file: file.file, row: i + 1, field: key },
        });
      }
    }
  });
  const unit: Answers = {};
  const leaders: Answers[] = leadersRaw.map(() => ({}));
  for (const t of templates) {
    if (t.issuedPer === 'unit') {
      const r = normalizeAnswers(t, unitRaw, { allowUnknown: true });
      for (const i of r.issues) {
        const key = i.where?.variable;
        if (typeof key === 'string' && reportedUnitKeys.has(key)) continue;
        if (typeof key === 'string') reportedUnitKeys.add(key);
        issues.push({ message: `${file.file}（${t.name}）：${i.message}`, where: { file: file.file, ...i.where } });
      }
      Object.assign(unit, pick(r.answers, unitKeys));
      continue;
    }
    if (leadersRaw.length === 0) {
      issues.push({
        message: `${file.file}：要生成${t.name}，但没有班子成员。请在 leaders: 下逐位填写 ${t.variables.filter((v) => v.scope === 'leader').map((v) => `${v.key}（${v.label}）`).join('、')}。`,
        where: { file: file.file, field: 'leaders' },
      });
      continue;
    }
    leadersRaw.forEach((l, i) => {
      const r = normalizeAnswers(t, { ...unitRaw, ...l }, { allowUnknown: true });
      for (const x of r.issues) {
        const key = x.where?.variable;
        const isUnit = typeof key === 'string' && unitKeys.has(key);
        // a unit value is reported once, not once per template and leader
        if (isUnit && reportedUnitKeys.has(key)) continue;
        if (isUnit) reportedUnitKeys.add(key);
        issues.push({
          message: `${file.file}（${t.name}${isUnit ? '' : `，第 ${i + 1} 位班子成员`}）：${x.message}`,
          where: { file: file.file, ...(isUnit ? {} : { row: i + 1 }), ...x.where },
        });
      }
      Object.assign(unit, pick(r.answers, unitKeys));
      Object.assign(leaders[i] as Answers, pick(r.answers, leaderKeys));
    });
  }
  // the roster's rule: a division is supervised by one leader only
  const divisionsKey = templates.flatMap((t) => t.variables).find((v) => v.role === 'divisions')?.key;
  const owner = new Map<string, number>();
  leaders.forEach((l, i) => {
    const list = divisionsKey ? l[divisionsKey] : undefined;
    for (const d of Array.isArray(list) ? list : []) {
      const first = owner.get(d);
      if (first === undefined) owner.set(d, i);
      else if (first !== i) {
        issues.push({
          message: `${file.file} 第 ${i + 1} 位班子成员：科室「${d}」已由第 ${first + 1} 位班子成员分管，一个科室只由一位班子成员分管，请删去其一。`,
          where: { file: file.file, row: i + 1, field: divisionsKey ?? 'divisions' },
        });
      }
    }
  });
  if (issues.length > 0) throw new QingdanError('ANSWERS_INVALID', `答案有 ${issues.length} 处问题，未生成任何文件：`, { issues });
  const unitName = roleValue(templates, 'unit', unit) ?? '单位';
  return {
    file: file.file,
    format: 'yaml',
    hash: file.hash,
    units: [
      {
        row: 1,
        name: unitName,
        answers: unit,
        leaders: leaders.map((answers, i) => ({ row: i + 1, name: roleValue(templates, 'leader', answers) ?? `班子成员${i + 1}`, answers })),
      },
    ],
    issues: [],
    warnings: [],
  };
}
