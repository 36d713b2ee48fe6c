/**
 * The form of one document: built from the template's variable declarations (labels in Chinese,
 * help, a list field for lists). What is typed is kept for every template (switching template
 * keeps the answers the templates share) and in the browser between visits (localStorage); it
 * can be saved to and loaded from an answers file (the same answers.yaml the CLI writes).
 *
 * A field is marked only once it was touched (left after typing, or changed), or after a
 * download was refused; a question whose condition does not hold is hidden.
 */
import type { Answers, Issue, Variable } from '@qingdan/model';
import { display, errorOf, fileNameOf, postJson, type ResolveReply, type RosterUnit, type TemplateInfo } from './api.js';
import { $, el, saveBlob } from './dom.js';
import { refresh, setSource } from './preview.js';

/** Where the answers are kept between visits. */
const STORAGE_KEY = 'qingdan.form.v1';

let templates: TemplateInfo[] = [];
let current: TemplateInfo | undefined;
/** Every value typed, by variable key, for all templates: text for scalars, a list of text for lists. */
let values: Record<string, string | string[]> = {};
/** Keys of the fields the user has touched. */
const touched = new Set<string>();
/** After a refused download every problem is shown, touched or not. */
let showAll = false;
let lastIssues: Issue[] = [];
let lastWarnings: { variable: string; message: string }[] = [];

/** The template of the form. */
export const formTemplate = (): TemplateInfo | undefined => current;

/** An empty field: a default is shown (placeholder, or the select's first option), not typed in, so that only answers given are saved. */
const initialValue = (v: Variable): string | string[] => (v.type === 'list' ? [''] : '');

/** A value as the field of `v` holds it (a list field holds items; other fields text). */
function asField(v: Variable, value: unknown): string | string[] {
  if (v.type === 'list') return Array.isArray(value) ? value.map(String) : display(value) === '' ? [''] : [display(value)];
  return display(value);
}

/** The answers the form holds for the template, in the shapes the engine accepts (it converts "2024", "是" …). */
export function formAnswers(t: TemplateInfo | undefined = current): Answers {
  const out: Answers = {};
  for (const v of t?.variables ?? []) {
    const raw = values[v.key];
    if (raw === undefined) continue;
    if (Array.isArray(raw)) {
      const items = raw.map((s) => s.trim()).filter((s) => s !== '');
      if (items.length > 0) out[v.key] = items;
    } else if (raw.trim() !== '') out[v.key] = raw;
  }
  return out;
}

/** Every value typed, for every template (what "保存答案" writes). */
function allAnswers(): Answers {
  const out: Answers = {};
  for (const t of templates) Object.assign(out, formAnswers(t));
  return out;
}

function persist(): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ templateId: current?.id, values }));
  } catch {
    // Private mode or a full storage: the form still works, it is just not kept.
  }
}

function restore(): { templateId?: string } {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as { templateId?: unknown; values?: unknown } | null;
    if (saved && typeof saved.values === 'object' && saved.values !== null) {
      for (const [k, v] of Object.entries(saved.values as Record<string, unknown>)) {
        if (typeof v === 'string') values[k] = v;
        else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) values[k] = v as string[];
      }
    }
    return typeof saved?.templateId === 'string' ? { templateId: saved.templateId } : {};
  } catch {
    return {};
  }
}

/** After any change: keep it, and preview it. */
function changed(): void {
  persist();
  refresh();
}

function touch(key: string): void {
  if (touched.has(key)) return;
  touched.add(key);
  showIssues();
}

// ---------------------------------------------------------------- fields

function fieldInput(v: Variable): HTMLElement {
  const id = `f-${v.key}`;
  const example =
    v.default !== undefined && display(v.default) !== ''
      ? `默认：${display(v.default)}`
      : v.example === undefined || /XX|××|某某/.test(display(v.example))
        ? ''
        : `例如：${display(v.example)}`;
  if (v.type === 'list') {
    const box = el('div', { className: 'list', attrs: { id, role: 'group', 'aria-labelledby': `l-${v.key}` } });
    const draw = (): void => {
      const items = values[v.key] as string[];
      const rows = items.map((item, i) => {
        const input = el('input', { attrs: { type: 'text', 'data-key': v.key, 'data-index': String(i), placeholder: i === 0 ? example : '', 'aria-label': `${v.label}第 ${i + 1} 项` } });
        input.value = item;
        input.addEventListener('input', () => {
          items[i] = input.value;
          changed();
        });
        input.addEventListener('change', () => touch(v.key));
        const remove = el('button', { text: '删除', attrs: { type: 'button', 'aria-label': `删除${v.label}第 ${i + 1} 项` } });
        remove.addEventListener('click', () => {
          items.splice(i, 1);
          if (items.length === 0) items.push('');
          draw();
          box.querySelector<HTMLInputElement>(`input[data-index="${Math.min(i, items.length - 1)}"]`)?.focus();
          touch(v.key);
          changed();
        });
        return el('div', { className: 'list-item' }, [input, remove]);
      });
      const add = el('button', { className: 'add-item', text: `＋ 添加一项${v.label}`, attrs: { type: 'button', 'data-add': v.key } });
      add.addEventListener('click', () => {
        items.push('');
        draw();
        box.querySelector<HTMLInputElement>(`input[data-index="${items.length - 1}"]`)?.focus();
        changed();
      });
      box.replaceChildren(...rows, add);
    };
    draw();
    return box;
  }
  if (v.type === 'choice' || v.type === 'boolean') {
    const options = v.type === 'choice' ? (v.options ?? []) : ['是', '否'];
    const select = el('select', { attrs: { id, 'data-key': v.key } }, [
      el('option', { text: v.default === undefined ? '（请选择）' : `（默认：${display(v.default)}）`, attrs: { value: '' } }),
      ...options.map((o) => el('option', { text: o, attrs: { value: o } })),
    ]);
    select.value = (values[v.key] as string) ?? '';
    select.addEventListener('change', () => {
      values[v.key] = select.value;
      touch(v.key);
      changed();
    });
    return select;
  }
  const input = el('input', {
    attrs: { id, type: 'text', 'data-key': v.key, placeholder: example, ...(v.type === 'number' || v.type === 'year' ? { inputmode: 'numeric' } : {}) },
  });
  input.value = (values[v.key] as string) ?? '';
  input.addEventListener('input', () => {
    values[v.key] = input.value;
    changed();
  });
  // Marked once left after typing (change), not on every keystroke of a first answer.
  input.addEventListener('change', () => touch(v.key));
  return input;
}

function buildForm(): void {
  const form = $<HTMLFormElement>('answers');
  const t = current;
  if (!t) return;
  const groups: [string, Variable[]][] = [
    ['本单位（每个单位填一次）', t.variables.filter((v) => v.scope === 'unit')],
    ['班子成员（每人一份）', t.variables.filter((v) => v.scope === 'leader')],
  ];
  const nodes: Node[] = [];
  for (const [title, vars] of groups) {
    if (vars.length === 0) continue;
    nodes.push(el('h2', { text: title }));
    for (const v of vars) {
      const input = fieldInput(v);
      const label =
        v.type === 'list'
          ? el('span', { className: 'label', text: v.label, attrs: { id: `l-${v.key}` } })
          : el('label', { text: v.label, attrs: { for: `f-${v.key}` } });
      if (v.required && v.default === undefined) label.append(el('span', { className: 'required', text: '（必填）' }));
      nodes.push(
        el('div', { className: 'field', attrs: { 'data-field': v.key } }, [
          label,
          input,
          ...(v.help ? [el('p', { className: 'help', text: v.help })] : []),
          el('p', { className: 'error', attrs: { id: `err-${v.key}`, role: 'alert' } }),
          el('p', { className: 'warning', attrs: { id: `warn-${v.key}` } }),
        ]),
      );
    }
  }
  form.replaceChildren(...nodes);
  showIssues();
}

/** Marks the fields with problems — only those touched, unless a download was refused. */
function showIssues(): void {
  const byKey = new Map<string, string[]>();
  const general: string[] = [];
  for (const i of lastIssues) {
    const key = i.where?.variable;
    if (typeof key === 'string' && current?.variables.some((v) => v.key === key)) byKey.set(key, [...(byKey.get(key) ?? []), i.message]);
    else general.push(i.message);
  }
  for (const v of current?.variables ?? []) {
    const shown = showAll || touched.has(v.key);
    const msgs = shown ? (byKey.get(v.key) ?? []) : [];
    const field = document.querySelector<HTMLElement>(`[data-field="${v.key}"]`);
    field?.classList.toggle('invalid', msgs.length > 0);
    field?.querySelectorAll('input, select').forEach((e) => (msgs.length > 0 ? e.setAttribute('aria-invalid', 'true') : e.removeAttribute('aria-invalid')));
    const err = document.getElementById(`err-${v.key}`);
    if (err) err.textContent = msgs.join(' ');
    const warn = document.getElementById(`warn-${v.key}`);
    if (warn) warn.textContent = lastWarnings.filter((w) => w.variable === v.key).map((w) => w.message).join(' ');
  }
  $('general-issues').replaceChildren(...general.map((m) => el('p', { text: m })));
}

/** Hides the questions whose condition does not hold (their answers are kept). */
function showAsked(asked: Record<string, boolean> | undefined): void {
  for (const v of current?.variables ?? []) {
    const field = document.querySelector<HTMLElement>(`[data-field="${v.key}"]`);
    if (field) field.hidden = asked?.[v.key] === false;
  }
}

/** The form's document was resolved. */
export function onFormReply(reply: ResolveReply): void {
  lastIssues = reply.issues;
  lastWarnings = reply.warnings;
  if (reply.complete) showAll = false;
  showAsked(reply.asked);
  showIssues();
}

/** A download of the form's document was refused: every problem is shown now. */
export function onFormRefused(issues: Issue[]): void {
  showAll = true;
  if (issues.length > 0) lastIssues = issues;
  showIssues();
  const first = document.querySelector<HTMLElement>('.field.invalid input, .field.invalid select');
  first?.focus();
}

/** Shows the form's document in the preview. */
export function previewForm(): void {
  const t = current;
  if (!t) return;
  setSource({ kind: 'form', template: t, answers: () => formAnswers(t) });
}

/** Switches the form to a template, keeping every answer typed (shared keys carry over). */
export function chooseTemplate(id: string): void {
  const t = templates.find((x) => x.id === id);
  if (!t) return;
  current = t;
  $<HTMLSelectElement>('template').value = t.id;
  for (const v of t.variables) values[v.key] = values[v.key] === undefined ? initialValue(v) : asField(v, values[v.key]);
  lastIssues = [];
  buildForm();
  persist();
}

/** Puts answers into the form (a roster's unit and leader, an answers file). */
export function fillForm(answers: Answers): void {
  const byKey = new Map(templates.flatMap((t) => t.variables.map((v) => [v.key, v] as const)));
  for (const [key, value] of Object.entries(answers)) {
    const v = byKey.get(key);
    if (v) values[key] = asField(v, value);
  }
  buildForm();
  persist();
  previewForm();
}

function clearForm(): void {
  values = {};
  touched.clear();
  showAll = false;
  if (current) chooseTemplate(current.id);
  previewForm();
  $('answers-status').textContent = '已清空。';
}

// ---------------------------------------------------------------- answers file

async function saveAnswers(): Promise<void> {
  const status = $('answers-status');
  status.className = 'status';
  const res = await postJson('/api/answers/save', { templateId: current?.id, answers: allAnswers() });
  if (!res.ok) {
    status.className = 'status bad';
    status.textContent = `无法保存：${(await errorOf(res)).message}`;
    return;
  }
  const name = fileNameOf(res, 'answers.yaml');
  saveBlob(await res.blob(), name);
  status.textContent = `已保存为 ${name}（下次用“载入答案”打开，或 qingdan generate --answers ${name}）。`;
}

async function loadAnswers(file: File): Promise<void> {
  const status = $('answers-status');
  status.className = 'status';
  status.textContent = `正在读取「${file.name}」…`;
  const res = await fetch('/api/answers/load', {
    method: 'POST',
    headers: { 'Content-Type': 'application/octet-stream', 'X-File-Name': encodeURIComponent(file.name) },
    body: file,
  });
  if (!res.ok) {
    const error = await errorOf(res);
    status.className = 'status bad';
    status.replaceChildren(el('span', { text: `无法载入「${file.name}」：${error.message}` }), ...error.issues.map((i) => el('div', { text: i.message })));
    return;
  }
  const reply = (await res.json()) as { unit: Answers; leaders: Answers[]; templates?: string[] };
  const leader = reply.leaders[0] ?? {};
  touched.clear();
  showAll = false;
  const wanted = reply.templates?.find((id) => templates.some((t) => t.id === id));
  if (wanted && wanted !== current?.id) chooseTemplate(wanted);
  fillForm({ ...reply.unit, ...leader });
  status.textContent =
    reply.leaders.length > 1
      ? `已载入「${file.name}」；文件中有 ${reply.leaders.length} 位班子成员，表格中是第 1 位。要一次生成每一位的清单，请在“花名册批量生成”中载入这个文件。`
      : `已载入「${file.name}」。`;
}

// ---------------------------------------------------------------- from a roster

let rosterUnits: RosterUnit[] = [];

function selectedUnit(): RosterUnit | undefined {
  const v = $<HTMLSelectElement>('roster-unit').value;
  return v === '' ? undefined : rosterUnits[Number(v)];
}

function showLeaders(): void {
  const leaderSel = $<HTMLSelectElement>('roster-leader');
  const leaders = selectedUnit()?.leaders ?? [];
  leaderSel.replaceChildren(
    el('option', { text: leaders.length > 0 ? '（选择班子成员）' : '（此单位没有班子成员）', attrs: { value: '' } }),
    ...leaders.map((l, i) => el('option', { text: `${l.name}（第 ${l.row} 行）`, attrs: { value: String(i) } })),
  );
  leaderSel.disabled = leaders.length === 0;
}

/** A roster was loaded: its units and leaders can fill the form. */
export function offerRoster(units: RosterUnit[]): void {
  rosterUnits = units;
  $('roster-fill').hidden = units.length === 0;
  const unitSel = $<HTMLSelectElement>('roster-unit');
  unitSel.replaceChildren(el('option', { text: '（选择单位）', attrs: { value: '' } }), ...units.map((u, i) => el('option', { text: u.name, attrs: { value: String(i) } })));
  unitSel.disabled = units.length === 0;
  showLeaders();
}

/** Builds the template picker and the form, restoring the last visit's answers. */
export function initForm(list: TemplateInfo[]): void {
  templates = list;
  const select = $<HTMLSelectElement>('template');
  select.replaceChildren(
    ...templates.map((t) => el('option', { text: `${t.name}（${t.issuedPer === 'leader' ? '每位班子成员一份' : '每个单位一份'}）`, attrs: { value: t.id } })),
  );
  const saved = restore();
  const preferred = templates.find((t) => t.id === saved.templateId) ?? templates.find((t) => t.id === 'responsibility-list') ?? templates[0];
  select.addEventListener('change', () => {
    chooseTemplate(select.value);
    previewForm();
  });
  $<HTMLButtonElement>('answers-save').addEventListener('click', () => void saveAnswers());
  $<HTMLButtonElement>('answers-clear').addEventListener('click', () => clearForm());
  $<HTMLInputElement>('answers-load').addEventListener('change', (e) => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    if (file) void loadAnswers(file).finally(() => (input.value = ''));
  });
  $<HTMLSelectElement>('roster-unit').addEventListener('change', () => {
    showLeaders();
    const unit = selectedUnit();
    if (unit) fillForm(unit.answers);
  });
  $<HTMLSelectElement>('roster-leader').addEventListener('change', () => {
    const l = $<HTMLSelectElement>('roster-leader').value;
    const unit = selectedUnit();
    const leader = l === '' ? undefined : unit?.leaders[Number(l)];
    if (unit && leader) fillForm({ ...unit.answers, ...leader.answers });
  });
  if (preferred) chooseTemplate(preferred.id);
}
