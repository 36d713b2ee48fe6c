/**
 * The preview server (Node's own `http`): the page and its script from the app's own files, and a
 * small JSON API over the engine, the renderers and the roster reader.
 *
 * Routes:
 * - `GET /`, `GET /<file>`: files of `public/` only; `GET /app.js`: the bundled client;
 *   `GET /preview.css`: the pages' stylesheet from the layout profile.
 * - `GET /api/templates` → `{ templates: [{ id, name, kind, issuedPer, version, variables }] }`
 * - `POST /api/resolve` `{ templateId, answers }` → `{ document, pages, pagesFrom, issues, warnings, lint, complete }`
 *   (`pages` as the PDF renderer breaks them, `pagesFrom: 'pdf'`; composed with estimated widths,
 *   `'estimate'`, when it has no usable fonts)
 * - `POST /api/render/docx`, `POST /api/render/pdf` `{ templateId, answers }` → the file
 * - `POST /api/roster` (the file's bytes; its name in `X-File-Name`, percent-encoded) → the roster,
 *   its located problems and every document it gives (`documents`: key, paths in the output folder)
 * - `POST /api/answers/load` (an answers file's bytes; its name in `X-File-Name`) → `{ unit, leaders, templates? }`;
 *   `POST /api/answers/save` `{ templateId, answers }` → answers.yaml (the file `qingdan interview` writes)
 * - `POST /api/batch` (multipart: file `roster`, optional `format`, `template`, `partial`) → the zip
 *   of every document and `manifest.json` (as `qingdan batch` writes them); with
 *   `Accept: application/json` → 202 and the batch's status, to follow at `GET /api/batch/<id>`,
 *   fetch at `GET /api/batch/<id>/zip` or cancel with `DELETE /api/batch/<id>` (see batch.ts)
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { realpathSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import * as engine from '@qingdan/engine';
import { exampleAnswers, labelGap, normalizeAnswers, resolve, withStandIns, type ValueWarning } from '@qingdan/engine';
import { planJobs } from '@qingdan/batch';
import { BUNDLED_TEMPLATES_DIR, loadTemplateSet } from '@qingdan/template-files';
import { Answers, FORMATS, QingdanError, type Issue, type ResolvedDocument, type Template, type Variable } from '@qingdan/model';
import { contextFromAnswers, lintDocument } from '@qingdan/lint';
import { htmlStyles, layoutPages, type Page } from '@qingdan/render-html';
import { safeFileName } from '@qingdan/store';
import { BatchJobs } from './batch.js';
import { clientBundle } from './bundle.js';
import { contentDisposition, HttpError, readBody, readJson, SECURITY_HEADERS, sendError, sendJson } from './http.js';
import { defaultServices, type Services } from './services.js';
import { findStatic } from './static.js';

/** Options of {@link startServer}. */
export interface ServerOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Address to listen on; `127.0.0.1` by default (this machine only). */
  host?: string;
  /** The templates folder (`<dir>/<id>/template.yaml`); the repository's `templates/` by default. */
  templatesDir?: string;
  /** Font files or folders for the PDF renderer (as the CLI's `--fonts`). */
  fonts?: string | string[];
  /** Largest roster upload in bytes; 5 MB by default. */
  maxUploadBytes?: number;
  /** Documents of a batch rendered at the same time (worker threads); at most 2 by default. */
  concurrency?: number;
  /** How long a finished batch waits to be downloaded before its folder is removed, in ms; 30 minutes by default. */
  batchKeepMs?: number;
  /** Largest JSON request in bytes; 1 MB by default. */
  maxJsonBytes?: number;
  /** Replaces the renderers and the roster reader (tests). */
  services?: Services;
}

/** A running server. */
export interface RunningServer {
  /** The address to open, e.g. `http://127.0.0.1:5173/`. */
  url: string;
  /** The templates it serves, by id. */
  templates: ReadonlyMap<string, Template>;
  /** Stops listening, closes open connections, stops running batches and removes their folders. */
  close(): Promise<void>;
}

const PUBLIC_DIR = realpathSync(fileURLToPath(new URL('../public/', import.meta.url)));

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

const MIME = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
} as const;

interface Context {
  templates: Map<string, Template>;
  services: Services;
  maxUploadBytes: number;
  maxJsonBytes: number;
  loopbackOnly: boolean;
  batches: BatchJobs;
}

/** The template a request names, or a 404 that lists the ones there are. */
function templateOf(ctx: Context, id: unknown): Template {
  const t = typeof id === 'string' ? ctx.templates.get(id) : undefined;
  if (!t) {
    throw new HttpError(404, 'TEMPLATE_NOT_FOUND', `没有模板「${String(id)}」。可用的模板：${[...ctx.templates.keys()].join('、')}。`);
  }
  return t;
}

/** `{ templateId, answers }` from a JSON body, checked. */
async function readRequest(req: IncomingMessage, ctx: Context): Promise<{ template: Template; answers: Answers }> {
  const body = (await readJson(req, ctx.maxJsonBytes)) as { templateId?: unknown; answers?: unknown } | null;
  const template = templateOf(ctx, body?.templateId);
  const answers = Answers.safeParse(body?.answers ?? {});
  if (!answers.success) {
    throw new HttpError(400, 'BAD_ANSWERS', '答案格式不对：每一项应是文字、数字、是/否或文字列表。请刷新页面后重试。');
  }
  return { template, answers: answers.data };
}

/** A proofreading finding as the page shows it (the fields every version of `@qingdan/lint` has). */
export interface PreviewFinding {
  rule: string;
  severity: string;
  message: string;
  where: string;
}

/**
 * The engine names a variable as 「label」（key） for the command line; beside its own field the
 * page shows the label only (the key is an internal name).
 */
function withoutKeys(template: Template, issue: Issue): Issue {
  let message = issue.message;
  for (const v of template.variables) message = message.split(`「${v.label}」（${v.key}）`).join(`「${v.label}」`);
  return message === issue.message ? issue : { ...issue, message };
}

type IsAsked = (template: Template, variable: Variable, answers: Answers) => boolean;
/**
 * Whether each variable is asked, given the answers: the engine's `isAsked` (a variable's
 * `askWhen`, or the guards of the clauses using it) when the engine has it; until then every
 * variable is asked.
 */
function askedOf(template: Template, answers: Answers): Record<string, boolean> {
  const isAsked = (engine as unknown as { isAsked?: IsAsked }).isAsked;
  return Object.fromEntries(template.variables.map((v) => [v.key, isAsked ? isAsked(template, v, answers) : true]));
}

/**
 * The findings of `lintDocument` in the context the answers give (the province, as batch reads
 * it), reduced to the fields the page shows.
 */
function findingsOf(doc: ResolvedDocument, templates: readonly Template[], answers: Answers): PreviewFinding[] {
  const proof = contextFromAnswers(templates, answers);
  return [...proof.findings, ...lintDocument(doc, proof.context)].map((m) => ({ rule: m.rule, severity: m.severity, message: m.message, where: m.where }));
}

/**
 * The preview document: answers checked by the engine, each problem reported against its field;
 * where a field has a problem or is empty a visible gap stands in (【单位名称】, the engine's
 * `labelGap`), never the sample's own wording, so that the pages can always be shown.
 * `complete` is true when nothing stood in; proofreading runs then (before, the gaps would be
 * findings of their own).
 */
async function previewDocument(
  template: Template,
  raw: Answers,
  services: Services,
  allTemplates: readonly Template[] = [template],
): Promise<{ document: ResolvedDocument; pages: Page[]; pagesFrom: 'pdf' | 'estimate'; issues: Issue[]; warnings: ValueWarning[]; lint: PreviewFinding[]; asked: Record<string, boolean>; complete: boolean }> {
  const known = new Set(template.variables.map((v) => v.key));
  const own = Object.fromEntries(Object.entries(raw).filter(([k]) => known.has(k)));
  const checked = withStandIns(template, own, labelGap);
  const issues = checked.issues.map((i) => withoutKeys(template, i));
  const warnings = checked.warnings.map((w) => ({ ...w, message: w.message.split(`「${w.label}」（${w.variable}）`).join(`「${w.label}」`) }));
  const document = resolve(template, own, { standIn: labelGap });
  let pages: Page[] | undefined;
  try {
    pages = await services.pdfPages?.(document);
  } catch (error) {
    // A character no font has: the PDF would fail too, so say it now, next to the preview.
    if (!(error instanceof QingdanError)) throw error;
    issues.push(...(error.issues.length > 0 ? error.issues : [{ message: error.message }]));
  }
  const complete = issues.length === 0;
  const lint = complete ? findingsOf(document, [template, ...allTemplates], raw) : [];
  const asked = askedOf(template, checked.answers);
  // The pages are always composed here (the browser only draws them): the PDF renderer's, or the
  // layout's with estimated widths when it has no fonts.
  return { document, pages: pages ?? layoutPages(document), pagesFrom: pages ? 'pdf' : 'estimate', issues, warnings, lint, asked, complete };
}

/** One document of a roster, as the page lists it. */
interface RosterDocument {
  key: string;
  templateId: string;
  unit: string;
  leader?: string;
  row: number;
  /** Its files in the output folder (`<年度>/<单位>/<文件名>.docx|.pdf`), as `qingdan batch` names them. */
  files: string[];
  /** How many proofreading findings it has. */
  findings: number;
  /** Why it cannot be made (its answers do not resolve), in Chinese. */
  failed?: string;
}

/** Every document a roster gives, planned as `qingdan batch` plans them (same keys, same paths). */
function rosterDocuments(roster: Parameters<typeof planJobs>[0]['roster'], templates: readonly Template[]): RosterDocument[] {
  const out: RosterDocument[] = [];
  for (const item of planJobs({ roster, templates, formats: FORMATS, renderers: {}, previous: new Map(), edited: [] })) {
    if (item.kind === 'failed') {
      out.push({ ...item.ref, files: [], findings: 0, failed: item.message });
      continue;
    }
    const { job } = item;
    out.push({
      key: job.key,
      templateId: job.templateId,
      unit: job.unit,
      ...(job.leader !== undefined ? { leader: job.leader } : {}),
      row: job.row,
      files: job.files.map((f) => f.path),
      findings: job.findings.length,
    });
  }
  return out;
}

/** The name a request gives its file in `X-File-Name` (percent-encoded UTF-8). @throws {HttpError} 400 when it cannot be decoded */
function fileNameHeader(req: IncomingMessage, fallback: string): string {
  try {
    return decodeURIComponent(String(req.headers['x-file-name'] ?? '')) || fallback;
  } catch {
    throw new HttpError(400, 'BAD_FILE_NAME', '文件名无法识别，请把文件改名（例如“答案.yaml”）后重新上传。');
  }
}

/**
 * Answers read from an answers file, keyed by variable key (a file may use the Chinese labels,
 * `年度:` for `year:`, as the CLI accepts).
 */
function keyedByVariable(answers: Answers, templates: readonly Template[]): Answers {
  const keyOf = new Map<string, string>();
  for (const t of templates) for (const v of t.variables) if (!keyOf.has(v.label)) keyOf.set(v.label, v.key);
  return Object.fromEntries(Object.entries(answers).map(([k, v]) => [keyOf.get(k) ?? k, v]));
}

/**
 * The form's values typed as the templates declare them (`"2024"` → 2024, `"是"` → true) where
 * the engine accepts them; a value it does not accept is kept as typed, so that nothing is lost
 * from a form still being filled in. Only keys given are kept (defaults are not written).
 */
function typedAnswers(answers: Answers, templates: readonly Template[]): Answers {
  const out: Answers = { ...answers };
  for (const t of templates) {
    const own = Object.fromEntries(Object.entries(answers).filter(([k]) => t.variables.some((v) => v.key === k)));
    const typed = normalizeAnswers(t, own, { allowUnknown: true }).answers;
    for (const k of Object.keys(own)) if (typed[k] !== undefined) out[k] = typed[k] as Answers[string];
  }
  return out;
}

const BATCH_ID = /^\/api\/batch\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(\/zip)?$/;

/** True when the client asked for JSON rather than the zip (the page, to follow the progress). */
const wantsJson = (req: IncomingMessage): boolean => {
  const accept = String(req.headers.accept ?? '').toLowerCase();
  return accept.includes('application/json') && !accept.includes('application/zip');
};

async function handleApi(req: IncomingMessage, res: ServerResponse, path: string, ctx: Context): Promise<void> {
  const method = req.method ?? 'GET';
  const route = `${method} ${path}`;
  switch (route) {
    case 'GET /api/templates': {
      const templates = [...ctx.templates.values()].map((t) => ({
        id: t.id,
        name: t.name,
        kind: t.kind,
        issuedPer: t.issuedPer,
        version: t.version,
        variables: t.variables,
      }));
      sendJson(res, 200, { templates });
      return;
    }
    case 'POST /api/resolve': {
      const { template, answers } = await readRequest(req, ctx);
      sendJson(res, 200, await previewDocument(template, answers, ctx.services, [...ctx.templates.values()]));
      return;
    }
    case 'POST /api/render/docx':
    case 'POST /api/render/pdf': {
      const format = path.endsWith('docx') ? 'docx' : 'pdf';
      const { template, answers } = await readRequest(req, ctx);
      // Strict, as `qingdan generate`: every problem of the answers is an error (422 with issues).
      const doc = resolve(template, answers);
      const bytes = format === 'docx' ? await ctx.services.renderDocx(doc) : await ctx.services.renderPdf(doc);
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': MIME[format],
        'Content-Length': bytes.byteLength,
        'Content-Disposition': contentDisposition(`${safeFileName(doc.fileName)}.${format}`),
        'Cache-Control': 'no-store',
      });
      res.end(bytes);
      return;
    }
    case 'POST /api/answers/load': {
      const fileName = fileNameHeader(req, 'answers.yaml');
      if (!/\.ya?ml$/i.test(fileName)) {
        throw new HttpError(415, 'ANSWERS_FORMAT', `「${fileName}」不是答案文件：请选择“保存答案”或 qingdan interview 保存的 .yaml 文件。`);
      }
      const bytes = await readBody(req, ctx.maxJsonBytes, '答案文件');
      const { parseAnswersFile } = await import('@qingdan/roster');
      const all = [...ctx.templates.values()];
      const file = parseAnswersFile(new Uint8Array(bytes), fileName, all);
      sendJson(res, 200, {
        file: fileName,
        unit: keyedByVariable(file.unit, all),
        leaders: file.leaders.map((l) => keyedByVariable(l, all)),
        ...(file.templates ? { templates: file.templates } : {}),
      });
      return;
    }
    case 'POST /api/answers/save': {
      const body = (await readJson(req, ctx.maxJsonBytes)) as { templateId?: unknown; answers?: unknown } | null;
      const answers = Answers.safeParse(body?.answers ?? {});
      if (!answers.success) throw new HttpError(400, 'BAD_ANSWERS', '答案格式不对：每一项应是文字、数字、是/否或文字列表。请刷新页面后重试。');
      const all = [...ctx.templates.values()];
      const { answersYaml, splitByScope } = await import('@qingdan/roster');
      const { unit, leader } = splitByScope(typedAnswers(answers.data, all), all);
      const chosen = typeof body?.templateId === 'string' && ctx.templates.has(body.templateId) ? [body.templateId] : [];
      const text = answersYaml({ templates: chosen, unit, leaders: Object.keys(leader).length > 0 ? [leader] : [] }, all);
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': 'application/yaml; charset=utf-8',
        'Content-Length': Buffer.byteLength(text),
        'Content-Disposition': contentDisposition('answers.yaml'),
        'Cache-Control': 'no-store',
      });
      res.end(text);
      return;
    }
    case 'POST /api/roster': {
      const fileName = fileNameHeader(req, '花名册');
      try {
        // The roster reader's own rule and message, before the body is read.
        (await import('@qingdan/roster')).rosterFormat(fileName);
      } catch (error) {
        if (error instanceof QingdanError) throw new HttpError(415, 'ROSTER_FORMAT', error.message);
        throw error;
      }
      const bytes = await readBody(req, ctx.maxUploadBytes, '花名册文件');
      const all = [...ctx.templates.values()];
      const roster = await ctx.services.parseRoster({ bytes: new Uint8Array(bytes), fileName }, all);
      sendJson(res, 200, {
        file: fileName,
        format: roster.format,
        units: roster.units,
        issues: roster.issues,
        warnings: roster.warnings,
        documents: rosterDocuments(roster, all),
      });
      return;
    }
    case 'POST /api/batch': {
      const status = await ctx.batches.start(req);
      if (wantsJson(req)) {
        sendJson(res, 202, status);
        return;
      }
      // curl and scripts: wait for the batch, then the zip. A client that goes away cancels it.
      res.on('close', () => {
        if (!res.writableFinished) void ctx.batches.remove(status.id);
      });
      await ctx.batches.wait(status.id);
      await ctx.batches.sendZip(status.id, res);
      return;
    }
    default: {
      const m = BATCH_ID.exec(path);
      if (m?.[1] && method === 'GET' && m[2]) return ctx.batches.sendZip(m[1], res);
      if (m?.[1] && method === 'GET') return sendJson(res, 200, ctx.batches.status(m[1]));
      if (m?.[1] && method === 'DELETE' && !m[2]) {
        await ctx.batches.remove(m[1]);
        res.writeHead(204, SECURITY_HEADERS);
        res.end();
        return;
      }
      throw new HttpError(404, 'NOT_FOUND', `没有这个接口：${route}`);
    }
  }
}

async function handle(req: IncomingMessage, res: ServerResponse, ctx: Context): Promise<void> {
  // DNS rebinding: a server on the loopback answers only to loopback host names.
  const host = String(req.headers.host ?? '');
  const hostname = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0] ?? '';
  if (ctx.loopbackOnly && !LOOPBACK_NAMES.has(hostname.toLowerCase())) {
    throw new HttpError(421, 'BAD_HOST', `拒绝访问：预览只接受本机地址（收到 Host: ${host}）。`);
  }
  const url = new URL(req.url ?? '/', 'http://localhost');
  const path = url.pathname;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    // Cross-site requests: a page elsewhere may not post to this server.
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${host}`) {
      throw new HttpError(403, 'BAD_ORIGIN', '拒绝访问：请求不是从预览页面发出的。');
    }
  }
  if (path.startsWith('/api/')) {
    await handleApi(req, res, path, ctx);
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    throw new HttpError(405, 'METHOD_NOT_ALLOWED', `不支持 ${req.method ?? ''} 请求。`);
  }
  const send = (body: string | Buffer, type: string): void => {
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-cache' });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  if (path === '/app.js') return send(await clientBundle(), 'text/javascript; charset=utf-8');
  if (path === '/preview.css') return send(htmlStyles(), 'text/css; charset=utf-8');
  const file = await findStatic(PUBLIC_DIR, path);
  if (!file) throw new HttpError(404, 'NOT_FOUND', `找不到 ${path}`);
  send(file.body, file.type);
}

/**
 * Starts the preview server.
 *
 * @param options - port (0 = any free one), host (default `127.0.0.1`), templates folder, PDF fonts, limits
 * @returns its `url` (e.g. `http://127.0.0.1:5173/`), the templates, and `close()`
 * @throws {QingdanError} `TEMPLATE_INVALID` / `IO_FAILED` when the templates cannot be read;
 *   `IO_FAILED` when the port is taken
 * @example
 * const server = await startServer({ port: 5173 });
 * console.log(`预览地址：${server.url}`);
 */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const templates = loadTemplateSet(options.templatesDir ?? BUNDLED_TEMPLATES_DIR);
  const services = options.services ?? defaultServices(options.fonts !== undefined ? { fonts: options.fonts } : {});
  const maxUploadBytes = options.maxUploadBytes ?? 5 * 1024 * 1024;
  const ctx: Context = {
    templates,
    services,
    maxUploadBytes,
    maxJsonBytes: options.maxJsonBytes ?? 1024 * 1024,
    loopbackOnly: LOOPBACK_NAMES.has(host) || host.startsWith('127.'),
    batches: new BatchJobs({
      templates,
      parseRoster: (input, all) => services.parseRoster(input, all),
      fonts: options.fonts,
      concurrency: options.concurrency ?? Math.min(2, availableParallelism()),
      maxUploadBytes,
      keepMs: options.batchKeepMs ?? 30 * 60 * 1000,
    }),
  };
  // Warm up: the client bundle, and the PDF renderer's fonts and glyph caches (about 0.2 s).
  void clientBundle().catch(() => undefined);
  const first = templates.values().next().value;
  if (first) void ctx.services.pdfPages?.(resolve(first, exampleAnswers(first))).catch(() => undefined);
  const server = createServer((req, res) => {
    handle(req, res, ctx).catch((error: unknown) => sendError(res, error));
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      fail(new QingdanError('IO_FAILED', `无法在 ${host}:${options.port ?? 0} 启动预览：${error.code === 'EADDRINUSE' ? '端口已被占用，请换一个端口（--port）' : error.message}`, { cause: error })),
    );
    server.listen(options.port ?? 0, host, () => ok());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}/`,
    templates,
    close: async () => {
      await new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      });
      // Running batches are stopped and every temporary folder removed.
      await ctx.batches.closeAll();
    },
  };
}
