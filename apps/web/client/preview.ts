/**
 * The right half of the page: the A4 pages of one document (the form's, or one of the roster's),
 * its proofreading findings beside them, and its DOCX / PDF downloads. The pages are the PDF
 * renderer's own (same lines, same page breaks), scaled down to the width there is.
 */
import type { Answers, Issue } from '@qingdan/model';
import { gbt9704 } from '@qingdan/layout';
import { pagesNode } from '@qingdan/render-html';
import { errorOf, fileNameOf, postJson, type ErrorReply, type ResolveReply, type TemplateInfo } from './api.js';
import { $, el, saveBlob, toDom } from './dom.js';

/** What the preview shows. */
export type Source =
  /** The form: resolved on every change. */
  | { kind: 'form'; template: TemplateInfo; answers: () => Answers }
  /** A document of the roster. */
  | { kind: 'roster'; template: TemplateInfo; answers: Answers; title: string }
  /** Nothing yet: a line saying what to do. */
  | { kind: 'none'; message: string };

/** Keystroke → preview latencies in ms (read by `npm run bench:web`). */
declare global {
  interface Window {
    __qingdan?: { latencies: number[]; renders: number };
  }
}
const metrics = (window.__qingdan = { latencies: [] as number[], renders: 0 });

/** What the form wants to know of each reply for its own document. */
export interface PreviewHooks {
  /** The form's document was resolved: its problems per field, and which questions are asked. */
  onFormReply(reply: ResolveReply): void;
  /** A download of the form's document was refused: show every problem, touched or not. */
  onFormRefused(issues: Issue[], message: string): void;
  /** "在表格中修改": open a roster document in the form. */
  onEditInForm(template: TemplateInfo, answers: Answers): void;
}

let source: Source = { kind: 'none', message: '' };
let hooks: PreviewHooks | undefined;
let seq = 0;
let inflight: AbortController | undefined;
let lastComplete = false;

/** A4 width in CSS pixels (96 per inch). */
const PAGE_PX = (gbt9704.paper.widthMm / 25.4) * 96;

/** Scales the pages down (never up) to the preview's width, so nothing is cut off at 1024 px. */
export function fitPages(): void {
  const preview = $('preview');
  const pages = preview.querySelector<HTMLElement>('.qd-pages');
  if (!pages) return;
  const s = getComputedStyle(preview);
  const avail = preview.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
  const zoom = Math.min(1, Math.max(0.2, avail / PAGE_PX));
  pages.style.zoom = zoom >= 0.999 ? '' : zoom.toFixed(3);
}

function setDownloads(enabled: boolean): void {
  for (const id of ['download-docx', 'download-pdf', 'print']) $<HTMLButtonElement>(id).disabled = !enabled;
}

function showLint(reply: ResolveReply): void {
  const level = (s: string): string => (s === 'error' ? '错误' : s === 'warning' ? '提示' : '参考');
  $('lint').replaceChildren(...reply.lint.map((m) => el('li', { className: m.severity, text: `${level(m.severity)}　${m.where}：${m.message}` })));
  $('lint-note').textContent = !reply.complete ? '填写完整后显示校对提示。' : reply.lint.length === 0 ? '未发现问题。' : `${reply.lint.length} 处可能需要改正。`;
}

function showEmpty(message: string): void {
  $('preview').replaceChildren(el('p', { className: 'empty', text: message }));
  $('preview').dataset.layout = '';
  $('page-count').textContent = '共 0 页';
  $('preview-title').textContent = '';
  $('preview-state').textContent = '';
  $('lint').replaceChildren();
  $('lint-note').textContent = '';
  $<HTMLButtonElement>('edit-in-form').hidden = true;
  setDownloads(false);
}

/** The template and answers of what is shown, if anything. */
function current(): { template: TemplateInfo; answers: Answers } | undefined {
  if (source.kind === 'form') return { template: source.template, answers: source.answers() };
  if (source.kind === 'roster') return { template: source.template, answers: source.answers };
  return undefined;
}

/** Shows another document (or nothing). */
export function setSource(next: Source): void {
  source = next;
  $<HTMLButtonElement>('edit-in-form').hidden = next.kind !== 'roster';
  $('download-status').textContent = '';
  if (next.kind === 'none') {
    inflight?.abort();
    seq += 1;
    showEmpty(next.message);
    return;
  }
  refresh();
}

/** The source shown now. */
export const shown = (): Source => source;

/** Resolves the document shown and draws its pages (the latest request wins). */
export function refresh(): void {
  const cur = current();
  if (!cur) return;
  const mine = ++seq;
  const startedAt = performance.now();
  inflight?.abort();
  const ctrl = new AbortController();
  inflight = ctrl;
  const kind = source.kind;
  const title = source.kind === 'roster' ? source.title : cur.template.name;
  void (async () => {
    try {
      const res = await postJson('/api/resolve', { templateId: cur.template.id, answers: cur.answers }, ctrl.signal);
      const reply = (await res.json()) as ResolveReply | ErrorReply;
      if (mine !== seq) return;
      if ('error' in reply) {
        if (kind === 'form') hooks?.onFormRefused(reply.error.issues, reply.error.message);
        $('preview-state').textContent = reply.error.message;
        return;
      }
      if (kind === 'form') hooks?.onFormReply(reply);
      const pages = reply.pages;
      const gaps = new Set(cur.template.variables.map((v) => `【${v.label}】`));
      const preview = $('preview');
      preview.dataset.layout = reply.pagesFrom;
      preview.replaceChildren(toDom(pagesNode(pages), gaps));
      fitPages();
      $('page-count').textContent = `共 ${pages.length} 页`;
      $('preview-title').textContent = title;
      showLint(reply);
      lastComplete = reply.complete;
      $('preview-state').textContent = reply.complete
        ? ''
        : `还有 ${reply.issues.length} 处待填写或有误；预览中以【项目名称】标出待填的位置。`;
      setDownloads(true);
      metrics.renders += 1;
      metrics.latencies.push(performance.now() - startedAt);
    } catch (error) {
      if ((error as Error).name === 'AbortError') return;
      $('preview-state').textContent = `预览失败：${(error as Error).message}。请确认启动预览的终端仍在运行。`;
    }
  })();
}

async function download(format: 'docx' | 'pdf'): Promise<void> {
  const cur = current();
  if (!cur) return;
  const status = $('download-status');
  status.className = 'status';
  status.textContent = `正在生成 ${format.toUpperCase()}…`;
  const res = await postJson(`/api/render/${format}`, { templateId: cur.template.id, answers: cur.answers });
  if (!res.ok) {
    const error = await errorOf(res);
    status.className = 'status bad';
    status.textContent = `无法生成 ${format.toUpperCase()}：${error.message}${error.issues.length > 0 ? '请按表格中标出的提示改正。' : ''}`;
    if (source.kind === 'form') hooks?.onFormRefused(error.issues, error.message);
    return;
  }
  const name = fileNameOf(res, `清单.${format}`);
  saveBlob(await res.blob(), name);
  status.textContent = `已生成：${name}`;
}

/** Wires the preview's buttons; `hooks` tell the form about its document. */
export function initPreview(h: PreviewHooks): void {
  hooks = h;
  $<HTMLButtonElement>('download-docx').addEventListener('click', () => void download('docx'));
  $<HTMLButtonElement>('download-pdf').addEventListener('click', () => void download('pdf'));
  $<HTMLButtonElement>('print').addEventListener('click', () => {
    if (!lastComplete) $('download-status').textContent = '注意：还有待填写的项目，打印出的页面中以【项目名称】标出。';
    window.print();
  });
  $<HTMLButtonElement>('edit-in-form').addEventListener('click', () => {
    if (source.kind === 'roster') hooks?.onEditInForm(source.template, source.answers);
  });
  new ResizeObserver(() => fitPages()).observe($('preview'));
}
