/**
 * The whole roster: load it (drag-and-drop or the file picker), see its problems located by row
 * and column (the roster reader's own messages, as the CLI prints them), see every unit and
 * leader with their documents, preview any of them, and download them all as one zip
 * (`POST /api/batch`, followed until done, then fetched by the browser straight to disk).
 */
import type { Answers } from '@qingdan/model';
import { errorOf, type BatchStatus, type RosterDocument, type RosterReply, type RosterUnit, type TemplateInfo } from './api.js';
import { $, downloadUrl, el } from './dom.js';
import { offerRoster } from './form.js';
import { setSource, shown } from './preview.js';

let templates: TemplateInfo[] = [];
let rosterFile: File | undefined;
let roster: RosterReply | undefined;
let batchId: string | undefined;

const templateName = (id: string): string => templates.find((t) => t.id === id)?.name ?? id;

/** The templates and formats ticked for the download. */
function chosen(): { templates: string[]; formats: string[] } {
  const ticked = (selector: string): string[] => [...document.querySelectorAll<HTMLInputElement>(selector)].filter((c) => c.checked).map((c) => c.value);
  return { templates: ticked('#batch-templates input'), formats: ticked('input[name=format]') };
}

/** The answers a document is made from: its unit's, with its leader's on top (as `qingdan batch`). */
function answersOf(doc: RosterDocument): Answers | undefined {
  const unit = roster?.units.find((u) => u.name === doc.unit && (doc.leader === undefined ? u.row === doc.row : u.leaders.some((l) => l.row === doc.row)));
  if (!unit) return undefined;
  const leader = doc.leader === undefined ? undefined : unit.leaders.find((l) => l.row === doc.row);
  return { ...unit.answers, ...(leader?.answers ?? {}) };
}

function previewDocument(doc: RosterDocument, button: HTMLButtonElement): void {
  const template = templates.find((t) => t.id === doc.templateId);
  const answers = answersOf(doc);
  if (!template || !answers) return;
  for (const b of document.querySelectorAll('#roster-list button.doc[aria-current]')) b.removeAttribute('aria-current');
  button.setAttribute('aria-current', 'true');
  setSource({ kind: 'roster', template, answers, title: [doc.unit, doc.leader, template.name].filter(Boolean).join(' · ') });
}

function docButton(doc: RosterDocument): HTMLElement[] {
  const name = templateName(doc.templateId);
  const who = doc.leader ?? doc.unit;
  const button = el('button', {
    className: 'doc',
    text: name,
    attrs: { type: 'button', 'data-key': doc.key, 'aria-label': `预览 ${who} 的${name}`, title: doc.files.join('\n') },
  });
  button.disabled = doc.failed !== undefined;
  button.addEventListener('click', () => previewDocument(doc, button));
  return [
    button,
    ...(doc.findings > 0 ? [el('span', { className: 'badge', text: `${doc.findings} 处校对提示` })] : []),
    ...(doc.failed ? [el('span', { className: 'failed', text: `无法生成：${doc.failed}` })] : []),
  ];
}

/** Draws the list: each unit, its own documents, then each leader with theirs. */
function drawList(): void {
  const list = $('roster-list');
  if (!roster) {
    list.replaceChildren();
    return;
  }
  const picked = new Set(chosen().templates);
  const docs = roster.documents.filter((d) => picked.has(d.templateId));
  const units = roster.units.map((u: RosterUnit) => {
    const own = docs.filter((d) => d.unit === u.name && d.leader === undefined && d.row === u.row);
    const leaders = u.leaders.map((l) => {
      const theirs = docs.filter((d) => d.unit === u.name && d.leader !== undefined && d.row === l.row);
      return el('li', { attrs: { 'data-leader': l.name } }, [el('span', { className: 'who', text: l.name }), ...theirs.flatMap(docButton)]);
    });
    return el('section', { className: 'unit', attrs: { 'data-unit': u.name } }, [
      el('h3', {}, [el('span', { text: u.name }), el('span', { className: 'row', text: `第 ${u.row} 行` })]),
      el('ul', {}, [...(own.length > 0 ? [el('li', {}, [el('span', { className: 'who', text: '本单位' }), ...own.flatMap(docButton)])] : []), ...leaders]),
    ]);
  });
  list.replaceChildren(...units);
  const files = docs.reduce((n, d) => n + (d.failed ? 0 : chosen().formats.length), 0);
  $<HTMLButtonElement>('download-all').disabled = docs.length === 0 || chosen().formats.length === 0 || batchId !== undefined;
  $('batch-summary').textContent = `共 ${docs.length} 份清单，${files} 个文件，另有 manifest.json。`;
}

/** Reads a roster file through the server and shows what it gives. */
export async function loadRoster(file: File): Promise<void> {
  const status = $('roster-status');
  status.className = 'status';
  status.textContent = `正在读取「${file.name}」…`;
  $('roster-issues').replaceChildren();
  const res = await fetch('/api/roster', {
    method: 'POST',
    headers: { 'Content-Type': 'application/octet-stream', 'X-File-Name': encodeURIComponent(file.name) },
    body: file,
  });
  if (!res.ok) {
    const error = await errorOf(res);
    roster = undefined;
    rosterFile = undefined;
    status.className = 'status bad';
    status.textContent = `无法读取「${file.name}」：${error.message}`;
    $('roster-issues').replaceChildren(...error.issues.map((i) => el('li', { text: i.message })));
    $('batch').hidden = true;
    drawList();
    offerRoster([]);
    return;
  }
  roster = (await res.json()) as RosterReply;
  rosterFile = file;
  const leaders = roster.units.reduce((n, u) => n + u.leaders.length, 0);
  status.className = roster.issues.length > 0 ? 'status bad' : 'status';
  status.textContent =
    `已读取「${roster.file}」：${roster.units.length} 个单位，${leaders} 位班子成员。` +
    (roster.issues.length > 0 ? `有 ${roster.issues.length} 处问题，相应的行不生成（其余照常生成）；请按下列提示改正花名册后重新载入：` : '');
  $('roster-issues').replaceChildren(
    ...roster.issues.map((i) => el('li', { text: i.message })),
    ...roster.warnings.map((w) => el('li', { className: 'warning', text: `已自动处理：${w.message}` })),
  );
  $('batch').hidden = roster.units.length === 0;
  drawList();
  offerRoster(roster.units);
  if (shown().kind !== 'form') setSource({ kind: 'none', message: '在左侧的列表中选择一份清单预览。' });
}

const sleep = (ms: number): Promise<void> => new Promise((ok) => setTimeout(ok, ms));

/** "下载全部": the batch is made on the server (progress shown), then its zip downloaded. */
async function downloadAll(): Promise<void> {
  if (!rosterFile || !roster) return;
  const { templates: ids, formats } = chosen();
  const status = $('batch-status');
  const progress = $<HTMLProgressElement>('batch-progress');
  const button = $<HTMLButtonElement>('download-all');
  const cancel = $<HTMLButtonElement>('batch-cancel');
  $('batch-failed').replaceChildren();
  status.className = 'status';
  status.textContent = '正在上传花名册…';
  button.disabled = true;
  const body = new FormData();
  body.append('roster', rosterFile, rosterFile.name);
  body.append('format', formats.join(','));
  body.append('template', ids.join(','));
  // Rows with problems are left out, as `qingdan batch` does; the list above says which.
  if (roster.issues.length > 0) body.append('partial', '1');
  try {
    const res = await fetch('/api/batch', { method: 'POST', headers: { Accept: 'application/json' }, body });
    if (!res.ok) {
      const error = await errorOf(res);
      status.className = 'status bad';
      status.textContent = error.message;
      $('batch-failed').replaceChildren(...error.issues.map((i) => el('li', { text: i.message })));
      return;
    }
    let s = (await res.json()) as BatchStatus;
    batchId = s.id;
    cancel.hidden = false;
    progress.hidden = false;
    for (;;) {
      const done = s.counts.written + s.counts.skipped + s.counts.failed;
      progress.max = Math.max(1, s.counts.total);
      progress.value = done;
      status.textContent = s.state === 'running' ? `正在生成：${done} / ${s.counts.total} 份…` : status.textContent;
      if (s.state !== 'running') break;
      await sleep(400);
      const r = await fetch(`/api/batch/${s.id}`);
      if (!r.ok) {
        status.className = 'status bad';
        status.textContent = (await errorOf(r)).message;
        return;
      }
      s = (await r.json()) as BatchStatus;
    }
    if (s.state === 'failed') {
      status.className = 'status bad';
      status.textContent = s.error?.code === 'CANCELLED' ? '已取消。' : `生成失败：${s.error?.message ?? ''}`;
      return;
    }
    $('batch-failed').replaceChildren(...s.failed.map((f) => el('li', { text: `${[f.unit, f.leader].filter(Boolean).join(' · ')}（第 ${f.row} 行）：${f.message}` })));
    status.textContent =
      `已生成 ${s.counts.written + s.counts.skipped} 份${s.counts.failed > 0 ? `，${s.counts.failed} 份未能生成（见下）` : ''}，正在下载压缩包（内含 manifest.json）。`;
    downloadUrl(`/api/batch/${s.id}/zip`);
  } finally {
    batchId = undefined;
    cancel.hidden = true;
    button.disabled = false;
  }
}

function wireDrop(): void {
  const drop = $('roster-drop');
  const input = $<HTMLInputElement>('roster-file');
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (file) void loadRoster(file).finally(() => (input.value = ''));
  });
  for (const type of ['dragenter', 'dragover']) {
    drop.addEventListener(type, (e) => {
      e.preventDefault();
      drop.classList.add('over');
    });
  }
  for (const type of ['dragleave', 'drop']) drop.addEventListener(type, () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    const file = (e as DragEvent).dataTransfer?.files[0];
    if (file) void loadRoster(file);
  });
}

/** Wires the roster panel. */
export function initRoster(list: TemplateInfo[]): void {
  templates = list;
  $('batch-templates').replaceChildren(
    ...templates.map((t) =>
      el('label', {}, [el('input', { attrs: { type: 'checkbox', value: t.id, checked: '' } }), document.createTextNode(` ${t.name}`)]),
    ),
  );
  for (const c of document.querySelectorAll<HTMLInputElement>('#batch input[type=checkbox]')) c.addEventListener('change', () => drawList());
  $<HTMLButtonElement>('download-all').addEventListener('click', () => void downloadAll());
  $<HTMLButtonElement>('batch-cancel').addEventListener('click', () => {
    if (batchId) void fetch(`/api/batch/${batchId}`, { method: 'DELETE' });
  });
  wireDrop();
}
