/**
 * The preview page's script (bundled by the server into `/app.js`). Builds the form from the
 * template's variable declarations, asks the server to resolve the answers on every keystroke,
 * lays the resolved document out with `@qingdan/render-html` and builds the pages with DOM calls:
 * every text the user typed is inserted as text (`textContent` / text nodes), never as HTML.
 */
import type { Answers, Issue, ResolvedDocument, Variable } from '@qingdan/model';
import { layoutPages, pagesNode, type HNode, type Page } from '@qingdan/render-html';

interface TemplateInfo {
  id: string;
  name: string;
  issuedPer: 'unit' | 'leader';
  variables: Variable[];
}
interface ResolveReply {
  document: ResolvedDocument;
  /** The pages as the PDF renderer breaks them; absent when the server has no PDF layout. */
  pages?: Page[];
  issues: Issue[];
  warnings: { variable: string; message: string }[];
  complete: boolean;
  lint: { severity: 'error' | 'warning'; message: string; where: string; excerpt: string }[];
}
interface ErrorReply {
  error: { code: string; message: string; issues: Issue[] };
}
interface RosterReply {
  file: string;
  units: { row: number; name: string; answers: Answers; leaders: { row: number; name: string; answers: Answers }[] }[];
  issues: Issue[];
}

/** Keystroke → preview latencies in ms (read by `npm run bench:web`). */
declare global {
  interface Window {
    __qingdan?: { latencies: number[]; renders: number };
  }
}
const metrics = (window.__qingdan = { latencies: [] as number[], renders: 0 });

const $ = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`页面缺少元素 #${id}`);
  return el as T;
};

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: { className?: string; text?: string; attrs?: Record<string, string> } = {}, children: Node[] = []): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (props.className) e.className = props.className;
  if (props.text !== undefined) e.textContent = props.text;
  for (const [k, v] of Object.entries(props.attrs ?? {})) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

/** An element tree of `@qingdan/render-html` as DOM nodes; strings become text nodes. */
function toDom(node: HNode | string): Node {
  if (typeof node === 'string') return document.createTextNode(node);
  return el(node.tag, { className: node.className, ...(node.attrs ? { attrs: node.attrs } : {}) }, node.children.map(toDom));
}

let templates: TemplateInfo[] = [];
let current: TemplateInfo | undefined;
/** The form's values by variable key: text for scalars, a list of text for `list` variables. */
let values: Record<string, string | string[]> = {};
let roster: RosterReply | undefined;

const display = (v: unknown): string => (Array.isArray(v) ? v.join('、') : v === true ? '是' : v === false ? '否' : v === undefined ? '' : String(v));

/** The answers the form holds, in the shapes the engine accepts (it converts "2024", "是" …). */
function answers(): Answers {
  const out: Answers = {};
  for (const v of current?.variables ?? []) {
    const raw = values[v.key];
    if (raw === undefined) continue;
    if (Array.isArray(raw)) {
      const items = raw.map((s) => s.trim()).filter((s) => s !== '');
      if (items.length > 0) out[v.key] = items;
    } else if (raw.trim() !== '') out[v.key] = raw;
  }
  return out;
}

function initialValue(v: Variable): string | string[] {
  if (v.type === 'list') return Array.isArray(v.default) ? [...v.default] : [''];
  return v.default === undefined ? '' : display(v.default);
}

// ---------------------------------------------------------------- the form

function fieldInput(v: Variable, onChange: () => void): HTMLElement {
  const id = `f-${v.key}`;
  const example = `例如：${display(v.example)}`;
  if (v.type === 'list') {
    const box = el('div', { className: 'list', attrs: { id, role: 'group', 'aria-label': v.label } });
    const draw = (): void => {
      const items = values[v.key] as string[];
      const rows = items.map((item, i) => {
        const input = el('input', { attrs: { type: 'text', 'data-key': v.key, 'data-index': String(i), placeholder: i === 0 ? example : '', 'aria-label': `${v.label}第 ${i + 1} 项` } });
        input.value = item;
        input.addEventListener('input', () => {
          items[i] = input.value;
          onChange();
        });
        const remove = el('button', { text: '删除', attrs: { type: 'button', 'aria-label': `删除${v.label}第 ${i + 1} 项` } });
        remove.addEventListener('click', () => {
          items.splice(i, 1);
          if (items.length === 0) items.push('');
          draw();
          onChange();
        });
        return el('div', { className: 'list-item' }, [input, remove]);
      });
      const add = el('button', { className: 'add-item', text: `＋ 添加一项${v.label}`, attrs: { type: 'button', 'data-add': v.key } });
      add.addEventListener('click', () => {
        items.push('');
        draw();
        (box.querySelector<HTMLInputElement>(`input[data-index="${items.length - 1}"]`))?.focus();
        onChange();
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
      onChange();
    });
    return select;
  }
  const input = el('input', {
    attrs: { id, type: 'text', 'data-key': v.key, placeholder: example, ...(v.type === 'number' || v.type === 'year' ? { inputmode: 'numeric' } : {}) },
  });
  input.value = (values[v.key] as string) ?? '';
  input.addEventListener('input', () => {
    values[v.key] = input.value;
    onChange();
  });
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
      const input = fieldInput(v, update);
      const label = v.type === 'list'
        ? el('span', { className: 'label', text: v.label, attrs: { id: `l-${v.key}` } })
        : el('label', { text: v.label, attrs: { for: `f-${v.key}` } });
      if (v.required && v.default === undefined) label.append(el('span', { className: 'required', text: '*', attrs: { 'aria-hidden': 'true' } }));
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
}

function showIssues(issues: Issue[], warnings: { variable: string; message: string }[] = []): void {
  const byKey = new Map<string, string[]>();
  const general: string[] = [];
  for (const i of issues) {
    const key = i.where?.variable;
    if (typeof key === 'string' && current?.variables.some((v) => v.key === key)) byKey.set(key, [...(byKey.get(key) ?? []), i.message]);
    else general.push(i.message);
  }
  for (const v of current?.variables ?? []) {
    const field = document.querySelector(`[data-field="${v.key}"]`);
    const msgs = byKey.get(v.key) ?? [];
    field?.classList.toggle('invalid', msgs.length > 0);
    const err = document.getElementById(`err-${v.key}`);
    if (err) err.textContent = msgs.join(' ');
    const warn = document.getElementById(`warn-${v.key}`);
    if (warn) warn.textContent = warnings.filter((w) => w.variable === v.key).map((w) => w.message).join(' ');
  }
  $('general-issues').replaceChildren(...general.map((m) => el('p', { text: m })));
}

// ---------------------------------------------------------------- preview

let seq = 0;
let inflight: AbortController | undefined;

async function postJson(url: string, body: unknown, signal?: AbortSignal): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), ...(signal ? { signal } : {}) });
}

function update(): void {
  const t = current;
  if (!t) return;
  const mine = ++seq;
  const startedAt = performance.now();
  inflight?.abort();
  const ctrl = new AbortController();
  inflight = ctrl;
  void (async () => {
    try {
      const res = await postJson('/api/resolve', { templateId: t.id, answers: answers() }, ctrl.signal);
      const reply = (await res.json()) as ResolveReply | ErrorReply;
      if (mine !== seq) return;
      if ('error' in reply) {
        showIssues(reply.error.issues.length > 0 ? reply.error.issues : [{ message: reply.error.message }]);
        return;
      }
      showIssues(reply.issues, reply.warnings);
      const pages = reply.pages ?? layoutPages(reply.document);
      $('preview').dataset.layout = reply.pages ? 'pdf' : 'estimate';
      $('preview').replaceChildren(toDom(pagesNode(pages)));
      $('page-count').textContent = `共 ${pages.length} 页`;
      $('lint').replaceChildren(
        ...reply.lint.map((m) =>
          el('li', { className: m.severity, text: `${m.severity === 'error' ? '错误' : '提示'}　${m.where}：${m.message}（…${m.excerpt}…）` }),
        ),
      );
      $('preview-state').textContent = reply.complete ? '' : `还有 ${reply.issues.length} 处待填写或有误；预览中暂以范文示例文字代替。`;
      for (const id of ['download-docx', 'download-pdf']) ($(id) as HTMLButtonElement).disabled = !reply.complete;
      metrics.renders += 1;
      metrics.latencies.push(performance.now() - startedAt);
    } catch (error) {
      if ((error as Error).name === 'AbortError') return;
      $('preview-state').textContent = `预览失败：${(error as Error).message}。请确认启动预览的终端仍在运行。`;
    }
  })();
}

// ---------------------------------------------------------------- downloads

/** The file name of a download, from `Content-Disposition` (RFC 5987 `filename*` first). */
function fileNameOf(res: Response, fallback: string): string {
  const cd = res.headers.get('Content-Disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      /* fall through */
    }
  }
  return /filename="([^"]+)"/i.exec(cd)?.[1] ?? fallback;
}

async function download(format: 'docx' | 'pdf'): Promise<void> {
  const t = current;
  if (!t) return;
  const status = $('download-status');
  status.className = 'status';
  status.textContent = `正在生成 ${format.toUpperCase()}…`;
  const res = await postJson(`/api/render/${format}`, { templateId: t.id, answers: answers() });
  if (!res.ok) {
    const reply = (await res.json().catch(() => ({ error: { code: 'HTTP', message: `服务器返回 ${res.status}`, issues: [] } }))) as ErrorReply;
    status.className = 'status bad';
    status.textContent = `无法生成 ${format.toUpperCase()}：${reply.error.message}`;
    if (reply.error.issues.length > 0) showIssues(reply.error.issues);
    return;
  }
  const blob = await res.blob();
  const name = fileNameOf(res, `清单.${format}`);
  const url = URL.createObjectURL(blob);
  const a = el('a', { attrs: { href: url, download: name } });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  status.textContent = `已生成：${name}`;
}

// ---------------------------------------------------------------- roster

function fillFrom(a: Answers): void {
  for (const v of current?.variables ?? []) {
    const value = a[v.key];
    if (value === undefined) continue;
    values[v.key] = v.type === 'list' ? (Array.isArray(value) ? [...value] : [display(value)]) : display(value);
  }
  buildForm();
  update();
}

/** The roster unit picked in `#roster-unit`, if any. */
function selectedUnit(): RosterReply['units'][number] | undefined {
  const v = $<HTMLSelectElement>('roster-unit').value;
  return v === '' ? undefined : roster?.units[Number(v)];
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

async function uploadRoster(file: File): Promise<void> {
  const status = $('roster-status');
  status.className = 'status';
  status.textContent = `正在读取「${file.name}」…`;
  const res = await fetch('/api/roster', {
    method: 'POST',
    headers: { 'Content-Type': 'application/octet-stream', 'X-File-Name': encodeURIComponent(file.name) },
    body: file,
  });
  const reply = (await res.json()) as RosterReply | ErrorReply;
  const unitSel = $<HTMLSelectElement>('roster-unit');
  if ('error' in reply) {
    roster = undefined;
    status.className = 'status bad';
    status.replaceChildren(el('span', { text: reply.error.message }), ...reply.error.issues.slice(0, 5).map((i) => el('div', { text: i.message })));
    unitSel.disabled = true;
    return;
  }
  roster = reply;
  unitSel.replaceChildren(
    el('option', { text: '（选择单位）', attrs: { value: '' } }),
    ...reply.units.map((u, i) => el('option', { text: u.name, attrs: { value: String(i) } })),
  );
  unitSel.disabled = reply.units.length === 0;
  showLeaders();
  status.replaceChildren(
    el('span', { text: `已读取「${reply.file}」：${reply.units.length} 个单位，${reply.units.reduce((n, u) => n + u.leaders.length, 0)} 位班子成员。` }),
    ...(reply.issues.length > 0 ? [el('div', { className: 'bad', text: `有 ${reply.issues.length} 行有问题，未载入：` })] : []),
    ...reply.issues.slice(0, 5).map((i) => el('div', { className: 'bad', text: i.message })),
  );
}

// ---------------------------------------------------------------- start

function chooseTemplate(id: string): void {
  current = templates.find((t) => t.id === id);
  if (!current) return;
  // Keep what was typed for keys the templates share (year, unit_name …).
  const kept = values;
  values = Object.fromEntries(current.variables.map((v) => [v.key, kept[v.key] ?? initialValue(v)]));
  for (const v of current.variables) if (v.type === 'list' && !Array.isArray(values[v.key])) values[v.key] = [display(values[v.key])];
  buildForm();
  update();
}

async function start(): Promise<void> {
  const res = await fetch('/api/templates');
  templates = ((await res.json()) as { templates: TemplateInfo[] }).templates;
  const select = $<HTMLSelectElement>('template');
  select.replaceChildren(...templates.map((t) => el('option', { text: `${t.name}（${t.issuedPer === 'leader' ? '每位班子成员一份' : '每个单位一份'}）`, attrs: { value: t.id } })));
  const preferred = templates.find((t) => t.id === 'responsibility-list') ?? templates[0];
  if (preferred) select.value = preferred.id;
  select.addEventListener('change', () => chooseTemplate(select.value));
  $<HTMLButtonElement>('download-docx').addEventListener('click', () => void download('docx'));
  $<HTMLButtonElement>('download-pdf').addEventListener('click', () => void download('pdf'));
  $<HTMLInputElement>('roster-file').addEventListener('change', (e) => {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (file) void uploadRoster(file);
  });
  $<HTMLSelectElement>('roster-unit').addEventListener('change', () => {
    showLeaders();
    const unit = selectedUnit();
    if (unit) fillFrom(unit.answers);
  });
  $<HTMLSelectElement>('roster-leader').addEventListener('change', () => {
    const l = $<HTMLSelectElement>('roster-leader').value;
    const unit = selectedUnit();
    const leader = l === '' ? undefined : unit?.leaders[Number(l)];
    if (unit && leader) fillFrom({ ...unit.answers, ...leader.answers });
  });
  if (preferred) chooseTemplate(preferred.id);
}

void start().catch((error: unknown) => {
  $('preview-state').textContent = `无法载入模板：${(error as Error).message}`;
});
