/**
 * A text file's bytes → text: BOM detection, strict UTF-8, GB18030, and refusing binary input.
 * Pure; the file I/O lives in `read.ts`. The one text decoder of the repository's documents.
 */
import iconv from 'iconv-lite';
import { QingdanError } from '@qingdan/model';

/** The encodings a text file may come in. */
export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

/** Decoded text and the encoding it was read with. */
export interface DecodedText {
  text: string;
  encoding: TextEncoding;
}

/**
 * Decodes the bytes of a text file.
 *
 * Order: a BOM decides (UTF-8, UTF-16 LE/BE); else strict UTF-8
 * (`TextDecoder('utf-8', { fatal: true })`); else GB18030 (a superset of GBK and GB2312, the
 * encoding of texts saved by Chinese Windows Notepad before 2019) through iconv-lite.
 *
 * @param bytes - the file's content
 * @param source - the file name or a description, used in error messages
 * @returns the text (without BOM) and the encoding found
 * @throws {QingdanError} `IMPORT_FAILED` when the input is empty (0 bytes or only whitespace) or
 *   binary (NUL bytes, or more than 5 % control or undecodable characters)
 * @example decodeText(new TextEncoder().encode('一、总体要求'), 'a.txt') // { text: '一、总体要求', encoding: 'utf-8' }
 */
export function decodeText(bytes: Uint8Array, source: string): DecodedText {
  if (bytes.length === 0) {
    throw new QingdanError('IMPORT_FAILED', `文件「${source}」是空文件（0 字节）：应为含清单正文的文本（.txt）或 Word（.docx）文件，请检查是否选错了文件。`);
  }
  let decoded: DecodedText;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    decoded = { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    decoded = { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    decoded = { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  } else {
    if (bytes.includes(0)) throw binaryError(source, '含有 NUL（0x00）字节');
    const utf8 = strictUtf8(bytes);
    decoded = utf8 !== undefined ? { text: utf8, encoding: 'utf-8' } : { text: iconv.decode(Buffer.from(bytes), 'gb18030'), encoding: 'gb18030' };
  }
  checkLooksLikeText(decoded.text, source);
  return decoded;
}

function strictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Control characters other than tab, LF, CR, FF; and U+FFFD (a byte the decoder could not read). */
const SUSPECT = /[\u0000-\u0008\u000b\u000e-\u001f\u007f\ufffd]/gu;

function checkLooksLikeText(text: string, source: string): void {
  if (text.includes('\u0000')) throw binaryError(source, '含有 NUL（0x00）字符');
  const suspect = text.match(SUSPECT)?.length ?? 0;
  const total = [...text].length;
  if (total > 0 && suspect / total > 0.05) {
    throw binaryError(source, `${String(suspect)} / ${String(total)} 个字符是控制字符或无法解码的字节`);
  }
  if (text.trim() === '') {
    throw new QingdanError('IMPORT_FAILED', `文件「${source}」只有空白，没有文字：应为含清单正文的文本（.txt）或 Word（.docx）文件。`);
  }
}

function binaryError(source: string, found: string): QingdanError {
  return new QingdanError(
    'IMPORT_FAILED',
    `文件「${source}」不是文本文件（${found}）：期望 UTF-8 或 GB18030 编码的 .txt，或 Word 的 .docx。若是 .doc、.pdf 或 .wps，请先在 Word/WPS 中另存为 .docx 或 .txt。`,
  );
}
