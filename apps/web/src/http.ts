/**
 * Small HTTP helpers of the preview server: bounded body reading, JSON and error replies, the
 * security headers every reply carries, and RFC 6266 / RFC 5987 download names.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { QingdanError, type Issue } from '@qingdan/model';

/**
 * Headers on every reply: a Content-Security-Policy that allows only the server's own scripts,
 * styles, fonts and connections (`default-src 'self'`; no inline script or style, no frames, no
 * plug-ins), `X-Content-Type-Options: nosniff`, no referrer, no framing.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Security-Policy':
    "default-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
});

/** An error with an HTTP status and a Chinese message for the user, sent as `{ error }`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: Issue[] = [],
  ) {
    super(message);
  }
}

/**
 * Reads a request body, stopping as soon as it grows beyond `limit` bytes.
 *
 * @param req - the request
 * @param limit - the most bytes accepted
 * @param what - what the body is, in Chinese, for the message (e.g. "花名册文件")
 * @returns the body bytes
 * @throws {HttpError} 413 `PAYLOAD_TOO_LARGE` naming the limit in MB and what to do
 */
export async function readBody(req: IncomingMessage, limit: number, what: string): Promise<Buffer> {
  const tooLarge = (): HttpError =>
    new HttpError(413, 'PAYLOAD_TOO_LARGE', `${what}太大：最多 ${formatBytes(limit)}。请删去不需要的工作表或行，或分成几个文件上传。`);
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > limit) {
      req.resume();
      throw tooLarge();
    }
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

/** A size for messages: `5 MB`, `100 KB`. */
export const formatBytes = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${Number((bytes / 1024 / 1024).toFixed(1))} MB` : `${Math.floor(bytes / 1024)} KB`;

/**
 * Reads and parses a JSON body of at most `limit` bytes.
 * @throws {HttpError} 415 when the body is not `application/json`, 400 when it is not valid JSON, 413 when too large
 */
export async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const type = String(req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', '请求格式不对：应以 JSON（Content-Type: application/json）发送。');
  }
  const body = await readBody(req, limit, '请求内容');
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw new HttpError(400, 'BAD_JSON', '请求内容不是有效的 JSON，请刷新页面后重试。');
  }
}

/** Sends a JSON reply with the security headers and `Cache-Control: no-store`. */
export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

/**
 * Sends an error as `{ error: { code, message, issues } }`: an {@link HttpError} with its status,
 * a `QingdanError` as 422 (user input the engine, a renderer or the roster reader rejected) with
 * its stable code and issues, anything else as 500 without internals.
 */
export function sendError(res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (error instanceof HttpError) {
    sendJson(res, error.status, { error: { code: error.code, message: error.message, issues: error.issues } });
  } else if (error instanceof QingdanError) {
    const message = error.issues.length > 0 ? error.message.split('\n')[0] ?? error.message : error.message;
    sendJson(res, 422, { error: { code: error.code, message, issues: error.issues } });
  } else {
    console.error(error);
    sendJson(res, 500, { error: { code: 'INTERNAL', message: '服务器内部错误，请查看启动预览的终端窗口中的报错信息。', issues: [] } });
  }
}

/**
 * A `Content-Disposition: attachment` value with the file name in UTF-8 (RFC 5987 `filename*`)
 * and an ASCII fallback (`filename`, non-ASCII replaced by `_`), RFC 6266.
 *
 * @example contentDisposition('2024年张三清单.docx') // attachment; filename="2024___.docx"; filename*=UTF-8''2024%E5%B9%B4…
 */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

