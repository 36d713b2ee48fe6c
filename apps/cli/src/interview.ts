/**
 * The interview: questions generated from the templates' variable declarations, never written
 * per template. Unit-scope variables are asked once (a key shared by both templates once), then
 * leader-scope variables for each leader in turn.
 *
 * Kind of question by `Variable.type`: text → a line of text; list → items one by one or several
 * in one line separated by 、 or ，; choice → a selection; boolean → yes/no; number and year → a
 * number, checked as the engine checks it (`normalizeAnswers` on the single field).
 */
import { normalizeAnswers, splitList } from '@qingdan/engine';
import type { Answers, Template, Value, Variable } from '@qingdan/model';
import { askCheckbox, askConfirm, askSelect, askText } from './prompts.js';

/** What the interview gathers: the lists to produce, the unit's values, each leader's values. */
export interface InterviewAnswers {
  /** Template ids, in the order of the templates folder. */
  templates: string[];
  unit: Answers;
  leaders: Answers[];
}

/** Options of {@link runInterview}. */
export interface InterviewOptions {
  /** Every available template, by id. */
  templates: ReadonlyMap<string, Template>;
  /** Earlier answers whose values become the defaults (e.g. last year's answers file). */
  previous?: Partial<InterviewAnswers> | undefined;
  /** Prints a line (section headers, hints). */
  print: (line: string) => void;
}

/** A variable with the template that declares it (first declaration wins). */
interface Declared {
  variable: Variable;
  template: Template;
}

const ROLE_ORDER: Record<string, number> = { year: 0, unit: 1, leader: 2, divisions: 3 };

/**
 * The variables of `scope` across `templates`, each key once, the role variables first (year,
 * unit / leader, divisions), then the rest in declaration order.
 */
export function variablesOf(templates: readonly Template[], scope: 'unit' | 'leader'): Declared[] {
  const seen = new Map<string, Declared>();
  for (const template of templates) {
    for (const variable of template.variables) {
      if (variable.scope === scope && !seen.has(variable.key)) seen.set(variable.key, { variable, template });
    }
  }
  const all = [...seen.values()];
  const rank = (d: Declared): number => (d.variable.role ? (ROLE_ORDER[d.variable.role] ?? 9) : 9);
  return all.map((d, i) => ({ d, i })).sort((a, b) => rank(a.d) - rank(b.d) || a.i - b.i).map((x) => x.d);
}

/**
 * Checks one value the way the engine will (`normalizeAnswers` on a template holding just this
 * variable), so the interview rejects what `resolve` would reject, with the same Chinese message.
 */
export function checkValue(declared: Declared, raw: Value): { ok: true; value: Value | undefined } | { ok: false; message: string } {
  const single: Template = { ...declared.template, variables: [declared.variable] };
  const r = normalizeAnswers(single, { [declared.variable.key]: raw });
  if (r.issues.length > 0) return { ok: false, message: r.issues.map((i) => i.message).join('；') };
  return { ok: true, value: r.answers[declared.variable.key] };
}

/** The text form of a value, as typed and as shown in the summary. */
export function showValue(value: Value | undefined): string {
  if (value === undefined) return '（未填）';
  if (Array.isArray(value)) return value.join('、');
  if (typeof value === 'boolean') return value ? '是' : '否';
  return String(value);
}

function messageOf(v: Variable): string {
  const optional = !v.required && v.default === undefined ? '（可不填）' : '';
  return v.help ? `${v.label}${optional}（${v.help}）` : `${v.label}${optional}`;
}

const validator =
  (d: Declared) =>
  (text: string): true | string => {
    if (text.trim() === '' && !d.variable.required) return true;
    const r = checkValue(d, text);
    return r.ok ? true : r.message;
  };

async function askList(d: Declared, previous: Value | undefined): Promise<Value | undefined> {
  const v = d.variable;
  const before = Array.isArray(previous) ? previous : typeof previous === 'string' ? splitList(previous) : [];
  const first = await askText({
    message: `${messageOf(v)}\n  可逐项输入（每次一项，直接回车结束），也可在一行中用“、”或“，”分隔多项`,
    default: before.length > 0 ? before.join('、') : undefined,
    validate: (text) => (splitList(text).length === 0 && v.required && v.default === undefined ? `请至少填写一项${v.label}` : true),
  });
  const items = splitList(first);
  while (items.length > 0) {
    const next = await askText({ message: `${v.label}：第 ${items.length + 1} 项（直接回车结束）` });
    const more = splitList(next);
    if (more.length === 0) break;
    items.push(...more);
  }
  if (items.length === 0) return v.default;
  const r = checkValue(d, items);
  return r.ok ? r.value : items;
}

/**
 * Asks for one variable with the prompt that fits its type.
 *
 * @param d - the variable and its template
 * @param previous - the value to offer as default (else the declared `default`)
 * @returns the value, typed as declared; `undefined` when an optional variable is left blank
 */
export async function askVariable(d: Declared, previous: Value | undefined): Promise<Value | undefined> {
  const v = d.variable;
  const def = previous ?? v.default;
  switch (v.type) {
    case 'list':
      return askList(d, def);
    case 'boolean': {
      const c = def === undefined ? undefined : checkValue(d, def);
      return askConfirm({ message: messageOf(v), default: c?.ok === true ? c.value === true : false });
    }
    case 'choice':
      return askSelect({
        message: messageOf(v),
        choices: (v.options ?? []).map((o) => ({ name: o, value: o })),
        default: typeof def === 'string' && v.options?.includes(def) ? def : undefined,
      });
    case 'text':
    case 'number':
    case 'year': {
      const text = await askText({
        message: messageOf(v),
        default: def === undefined ? undefined : showValue(def),
        validate: validator(d),
      });
      if (text.trim() === '') return undefined;
      const r = checkValue(d, text);
      return r.ok ? r.value : text;
    }
  }
}

async function askAll(declared: readonly Declared[], previous: Answers | undefined): Promise<Answers> {
  const out: Answers = {};
  for (const d of declared) {
    const value = await askVariable(d, previous?.[d.variable.key]);
    if (value !== undefined) out[d.variable.key] = value;
  }
  return out;
}

const perWhat = (t: Template): string => (t.issuedPer === 'unit' ? '每个单位一份' : '每位班子成员一份');

/**
 * Runs the interview: which lists to produce, the unit's values, then one or more leaders
 * ("再添加一位班子成员？"). Defaults come from `previous`, else from the declarations.
 *
 * @returns the answers; rejects with inquirer's `ExitPromptError` when the user presses Ctrl+C
 */
export async function runInterview(options: InterviewOptions): Promise<InterviewAnswers> {
  const all = [...options.templates.values()];
  const prev = options.previous;
  const chosen = await askCheckbox({
    message: '要生成哪些清单？',
    choices: all.map((t) => ({ name: `${t.name}（${perWhat(t)}）`, value: t.id, checked: prev?.templates ? prev.templates.includes(t.id) : true })),
  });
  const templates = all.filter((t) => chosen.includes(t.id));
  options.print('');
  options.print('【单位信息】');
  const unit = await askAll(variablesOf(templates, 'unit'), prev?.unit);
  const leaders: Answers[] = [];
  const leaderVars = variablesOf(templates, 'leader');
  if (templates.some((t) => t.issuedPer === 'leader') && leaderVars.length > 0) {
    for (;;) {
      options.print('');
      options.print(`【第 ${leaders.length + 1} 位班子成员】`);
      leaders.push(await askAll(leaderVars, prev?.leaders?.[leaders.length]));
      const more = await askConfirm({ message: '再添加一位班子成员？', default: (prev?.leaders?.length ?? 0) > leaders.length });
      if (!more) break;
    }
  }
  return { templates: templates.map((t) => t.id), unit, leaders };
}

/**
 * The summary shown before confirmation: the lists to produce and every value with its label.
 *
 * @returns lines of text, in Chinese
 */
export function summaryLines(answers: InterviewAnswers, templates: ReadonlyMap<string, Template>): string[] {
  const chosen = answers.templates.map((id) => templates.get(id)).filter((t): t is Template => t !== undefined);
  const perLeader = chosen.filter((t) => t.issuedPer === 'leader');
  const perUnit = chosen.filter((t) => t.issuedPer === 'unit');
  const counts = [
    ...perUnit.map((t) => `${t.name} 1 份`),
    ...perLeader.map((t) => `${t.name} ${answers.leaders.length} 份`),
  ];
  const lines = ['', '【请核对】', `将生成：${counts.join('，')}`, '单位信息：'];
  for (const d of variablesOf(chosen, 'unit')) lines.push(`  ${d.variable.label}：${showValue(answers.unit[d.variable.key])}`);
  const leaderVars = variablesOf(chosen, 'leader');
  if (perLeader.length > 0) {
    answers.leaders.forEach((l, i) => {
      lines.push(`第 ${i + 1} 位班子成员：`);
      for (const d of leaderVars) lines.push(`  ${d.variable.label}：${showValue(l[d.variable.key])}`);
    });
  }
  return lines;
}
