/**
 * The server's JSON API as the page uses it: the shapes of its replies and the calls.
 */
import type { Answers, Issue, ResolvedDocument, Variable } from '@qingdan/model';
import type { Page } from '@qingdan/render-html';

export interface TemplateInfo {
  id: string;
  name: string;
  issuedPer: 'unit' | 'leader';
  variables: Variable[];
}

/** A proofreading finding (the fields every version of `@qingdan/lint` has). */
export interface Finding {
  rule: string;
  severity: string;
  message: string;
  where: string;
}

export interface ResolveReply {
  document: ResolvedDocument;
  /** The pages to draw: the PDF renderer's composition, or the layout's with estimated widths when the server has no fonts. */
  pages: Page[];
  pagesFrom: 'pdf' | 'estimate';
  issues: Issue[];
  warnings: { variable: string; message: string }[];
  lint: Finding[];
  /** Whether each variable is asked, given the answers (false: its condition does not hold). */
  asked?: Record<string, boolean>;
  complete: boolean;
}

export interface ErrorReply {
  error: { code: string; message: string; issues: Issue[] };
}

export interface RosterUnit {
  row: number;
  name: string;
  answers: Answers;
  leaders: { row: number; name: string; answers: Answers }[];
}

/** One document of a roster, as `qingdan batch` plans it. */
export interface RosterDocument {
  key: string;
  templateId: string;
  unit: string;
  leader?: string;
  row: number;
  files: string[];
  findings: number;
  failed?: string;
}

export interface RosterReply {
  file: string;
  format: string;
  units: RosterUnit[];
  issues: Issue[];
  warnings: Issue[];
  documents: RosterDocument[];
}

export interface BatchStatus {
  id: string;
  state: 'running' | 'done' | 'failed';
  counts: { total: number; written: number; skipped: number; failed: number };
  failed: { key: string; unit: string; leader?: string; row: number; message: string }[];
  notices: string[];
  error?: { code: string; message: string; issues: Issue[] };
}

/** A POST of JSON. */
export function postJson(url: string, body: unknown, signal?: AbortSignal): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), ...(signal ? { signal } : {}) });
}

/** The error of a reply that is not OK (the server's `{ error }`, or the status when the body is not JSON). */
export async function errorOf(res: Response): Promise<ErrorReply['error']> {
  const reply = (await res.json().catch(() => undefined)) as ErrorReply | undefined;
  return reply?.error ?? { code: 'HTTP', message: `服务器返回 ${res.status}，请确认启动预览的终端仍在运行。`, issues: [] };
}

/** The file name of a download, from `Content-Disposition` (RFC 5987 `filename*` first). */
export function fileNameOf(res: Response, fallback: string): string {
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

/** A value as the form shows it: lists joined by 、, yes/no as 是/否. */
export const display = (v: unknown): string =>
  Array.isArray(v) ? v.join('、') : v === true ? '是' : v === false ? '否' : v === undefined || v === null ? '' : String(v);
