/**
 * A roster uploaded as `multipart/form-data` (the page's 下载全部 and
 * `curl -F roster=@花名册.xlsx …/api/batch`), parsed by busboy and written, as it arrives, to a
 * temporary folder of ours under a name of ours (`roster.<yaml|csv|xlsx>`): the name the user
 * gave is only used for messages and for the roster's format, never as a path.
 */
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { QingdanError } from '@qingdan/model';
import { rosterFormat } from '@qingdan/roster';
import { formatBytes, HttpError } from './http.js';

/** The roster file and the text fields of an upload. */
export interface RosterUpload {
  /** Where the file was written: `<dir>/roster.<format>`. */
  path: string;
  /** The file's name as the browser or curl gave it (for messages only). */
  fileName: string;
  /** Its size in bytes. */
  size: number;
  /** The text fields sent with it (`format`, `template`, `partial`), by name. */
  fields: Record<string, string>;
}

/** The text fields an upload may carry. */
const FIELDS = new Set(['format', 'template', 'partial']);

const HOW = '请以 multipart/form-data 上传，文件字段名为 roster，例如：curl -F roster=@花名册.xlsx http://127.0.0.1:端口/api/batch';

/**
 * Receives a `multipart/form-data` request with one file field `roster` and the optional text
 * fields `format`, `template`, `partial`, writing the file into `dir`.
 *
 * @param req - the request (its body is consumed)
 * @param dir - a folder of ours (made with `mkdtemp`); the caller removes it
 * @param limit - the largest roster file, in bytes
 * @returns the file's path, its name as sent, its size and the text fields
 * @throws {HttpError} 415 `UNSUPPORTED_MEDIA_TYPE` when the body is not multipart;
 *   413 `PAYLOAD_TOO_LARGE` naming the limit; 400 `NO_ROSTER` without a `roster` file,
 *   `ROSTER_FORMAT` for a file that is not .yaml/.yml/.csv/.xlsx (the roster reader's message),
 *   `BAD_FIELD` for an unknown or too long field, `BAD_MULTIPART` for a body cut short
 */
export async function receiveRoster(req: IncomingMessage, dir: string, limit: number): Promise<RosterUpload> {
  const type = String(req.headers['content-type'] ?? '');
  if (!/^multipart\/form-data\s*;/i.test(type)) {
    throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', `上传格式不对：${HOW}。`);
  }
  const tooLarge = (): HttpError =>
    new HttpError(413, 'PAYLOAD_TOO_LARGE', `花名册文件太大：最多 ${formatBytes(limit)}。请删去不需要的工作表或行，或分成几个文件上传。`);
  // A body far beyond the limit is refused before it is read (the form fields take a few KB).
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit + 64 * 1024) {
    req.resume();
    throw tooLarge();
  }
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: req.headers,
      // Browsers send the file name as raw UTF-8 (RFC 7578 §4.2).
      defParamCharset: 'utf8',
      limits: { fileSize: limit, files: 1, fields: 10, fieldSize: 1024, parts: 12, headerPairs: 20 },
    });
  } catch {
    throw new HttpError(400, 'BAD_MULTIPART', `上传内容无法识别（缺少 boundary）：${HOW}。`);
  }
  const fields: Record<string, string> = {};
  let file: Promise<RosterUpload> | undefined;
  let failure: HttpError | undefined;
  const fail = (e: HttpError): void => {
    failure ??= e;
  };
  const done = new Promise<void>((ok, bad) => {
    parser.on('field', (name, value, info) => {
      if (!FIELDS.has(name)) fail(new HttpError(400, 'BAD_FIELD', `不认识的字段「${name}」：只接受 roster（文件）、format、template、partial。`));
      else if (info.valueTruncated) fail(new HttpError(400, 'BAD_FIELD', `字段「${name}」太长。`));
      else fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      if (name !== 'roster') {
        stream.resume();
        fail(new HttpError(400, 'BAD_FIELD', `不认识的文件字段「${name}」：花名册文件的字段名应为 roster。`));
        return;
      }
      const fileName = info.filename ?? '';
      let format: string;
      try {
        format = rosterFormat(fileName || '（无文件名）');
      } catch (error) {
        stream.resume();
        if (error instanceof QingdanError) fail(new HttpError(400, 'ROSTER_FORMAT', error.message));
        else fail(new HttpError(400, 'ROSTER_FORMAT', String(error)));
        return;
      }
      const path = join(dir, `roster.${format}`);
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
      });
      stream.on('limit', () => {
        fail(tooLarge());
        // Nothing more of this request is needed: stop parsing, drain what the client still sends.
        req.unpipe(parser);
        stream.destroy();
        req.resume();
        ok();
      });
      file = pipeline(stream, createWriteStream(path)).then(() => ({ path, fileName, size, fields }));
      file.catch(() => undefined);
    });
    parser.on('filesLimit', () => fail(new HttpError(400, 'BAD_FIELD', '一次只能上传一个花名册文件。')));
    parser.on('fieldsLimit', () => fail(new HttpError(400, 'BAD_FIELD', '字段太多：只接受 roster、format、template、partial。')));
    parser.on('partsLimit', () => fail(new HttpError(400, 'BAD_FIELD', '上传的部分太多：只接受 roster、format、template、partial。')));
    parser.on('close', () => ok());
    parser.on('error', () => bad(new HttpError(400, 'BAD_MULTIPART', `上传内容不完整或格式有误，请重新上传：${HOW}。`)));
    req.on('aborted', () => bad(new HttpError(400, 'BAD_MULTIPART', '上传被中断，请重新上传。')));
  });
  req.pipe(parser);
  await done;
  if (failure) throw failure;
  if (!file) throw new HttpError(400, 'NO_ROSTER', `没有收到花名册文件：${HOW}。`);
  try {
    return await file;
  } catch {
    throw new HttpError(400, 'BAD_MULTIPART', '花名册文件没有完整收到，请重新上传。');
  }
}
