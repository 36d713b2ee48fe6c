/**
 * The preview server (Node's own `http`): the page and its script from the app's own files, and a
 * small JSON API over the engine, the renderers and the roster reader.
 *
 * Routes:
 * - `GET /`, `GET /<file>`: files of `public/` only; `GET /app.js`: the bundled client;
 *   `GET /preview.css`: the pages' stylesheet from the layout profile.
 * - `GET /api/templates` → `{ templates: [{ id, name, kind, issuedPer, version, variables }] }`
 * - `POST /api/resolve` `{ templateId, answers }` → `{ document, pages?, issues, warnings, lint, complete }`
 *   (`pages` as the PDF renderer breaks them; absent when it has no usable fonts)
 * - `POST /api/render/docx`, `POST /api/render/pdf` `{ templateId, answers }` → the file
 * - `POST /api/roster` (the file's bytes; its name in `X-File-Name`, percent-encoded) → the roster
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { exampleAnswers, normalizeAnswers, resolve, type ValueWarning } from '@qingdan/engine';
import { BUNDLED_TEMPLATES_DIR, loadTemplateSet } from '@qingdan/template-files';
import { Answers, QingdanError, type Issue, type ResolvedDocument, type Template } from '@qingdan/model';
import { lintDocument, type LintMessage } from '@qingdan/lint';
import { htmlStyles, type Page } from '@qingdan/render-html';
import { safeFileName } from '@qingdan/store';
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
  /** Stops listening and closes open connections. */
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

/**
 * The preview document: answers checked by the engine (`normalizeAnswers`), each problem reported
 * against its field; where a field has a problem or is empty the template's example value stands
 * in, so that the pages can always be shown. `complete` is true when nothing stood in.
 */
async function previewDocument(
  template: Template,
  raw: Answers,
  services: Services,
): Promise<{ document: ResolvedDocument; pages?: Page[]; issues: Issue[]; warnings: ValueWarning[]; lint: LintMessage[]; complete: boolean }> {
  const known = new Set(template.variables.map((v) => v.key));
  const own = Object.fromEntries(Object.entries(raw).filter(([k]) => known.has(k)));
  const { answers, issues, warnings } = normalizeAnswers(template, own);
  const document = resolve(template, { ...exampleAnswers(template), ...answers });
  let pages: Page[] | undefined;
  try {
    pages = await services.pdfPages?.(document);
  } catch (error) {
    // A character no font has: the PDF would fail too, so say it now, next to the preview.
    if (!(error instanceof QingdanError)) throw error;
    issues.push(...(error.issues.length > 0 ? error.issues : [{ message: error.message }]));
  }
  const complete = issues.length === 0;
  // Proofreading only once every field is filled: before that the sample's own XX stand in.
  const lint = complete ? lintDocument(document) : [];
  return { document, ...(pages ? { pages } : {}), issues, warnings, lint, complete };
}

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
      sendJson(res, 200, await previewDocument(template, answers, ctx.services));
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
    case 'POST /api/roster': {
      let fileName = '花名册';
      try {
        fileName = decodeURIComponent(String(req.headers['x-file-name'] ?? ''));
      } catch {
        throw new HttpError(400, 'BAD_FILE_NAME', '文件名无法识别，请把文件改名（例如“花名册.xlsx”）后重新上传。');
      }
      try {
        // The roster reader's own rule and message, before the body is read.
        (await import('@qingdan/roster')).rosterFormat(fileName);
      } catch (error) {
        if (error instanceof QingdanError) throw new HttpError(415, 'ROSTER_FORMAT', error.message);
        throw error;
      }
      const bytes = await readBody(req, ctx.maxUploadBytes, '花名册文件');
      const roster = await ctx.services.parseRoster({ bytes: new Uint8Array(bytes), fileName }, [...ctx.templates.values()]);
      sendJson(res, 200, { file: fileName, format: roster.format, units: roster.units, issues: roster.issues });
      return;
    }
    default:
      throw new HttpError(404, 'NOT_FOUND', `没有这个接口：${route}`);
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
  if (req.method === 'POST') {
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
  const ctx: Context = {
    templates,
    services: options.services ?? defaultServices(options.fonts !== undefined ? { fonts: options.fonts } : {}),
    maxUploadBytes: options.maxUploadBytes ?? 5 * 1024 * 1024,
    maxJsonBytes: options.maxJsonBytes ?? 1024 * 1024,
    loopbackOnly: LOOPBACK_NAMES.has(host) || host.startsWith('127.'),
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
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}
