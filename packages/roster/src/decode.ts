/**
 * Bytes → text for CSV and YAML rosters: a BOM decides (UTF-8, UTF-16 LE/BE); else strict UTF-8;
 * else GB18030 (what Chinese Excel's “CSV（逗号分隔）” and older Notepad save). Binary files and
 * spreadsheets saved under a text extension are refused with a message saying what to do.
 */
import iconv from 'iconv-lite';
import { QingdanError, type QingdanErrorCode } from '@qingdan/model';

/** The encodings a text roster may come in. */
export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

/**
 * Decodes a text roster.
 *
 * @param bytes - the file's content
 * @param file - the file name, for messages
 * @returns the text without BOM, and the encoding it was read with
 * @throws {QingdanError} `ROSTER_INVALID` when the file is empty, is an XLSX/XLS workbook, or is
 *   binary (NUL bytes, or more than 1 % control/undecodable characters)
 */
export function decodeRosterText(bytes: Uint8Array, file: string): { text: string; encoding: TextEncoding } {
  return decodeText(bytes, file, { noun: '花名册', code: 'ROSTER_INVALID' });
}

/**
 * {@link decodeRosterText} for any text input of the roster package, named in messages as `noun`
 * (花名册, 答案文件) and refused with `code`.
 */
export function decodeText(bytes: Uint8Array, file: string, as: { noun: string; code: QingdanErrorCode }): { text: string; encoding: TextEncoding } {
  const { noun, code } = as;
  if (bytes.length === 0) throw new QingdanError(code, `${noun} ${file} 是空文件（0 字节）：请检查是否选错了文件。`);
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    throw new QingdanError(code, `${noun} ${file} 实际是 Excel 工作簿（.xlsx）而不是文本${code === 'ROSTER_INVALID' ? '：请把文件扩展名改为 .xlsx 后再读取' : '：请选择 YAML 文本文件'}。`);
  }
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new QingdanError(code, `${noun} ${file} 是旧版 Excel 文件（.xls）：请在 Excel 中“另存为” .xlsx 或 “CSV UTF-8（逗号分隔）” 后再读取。`);
  }
  let text: string;
  let encoding: TextEncoding;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    text = new TextDecoder('utf-8').decode(bytes.subarray(3));
    encoding = 'utf-8-bom';
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
    encoding = 'utf-16le';
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
    encoding = 'utf-16be';
  } else {
    if (bytes.includes(0)) throw binary(file, '含有 NUL（0x00）字节', as);
    const utf8 = strictUtf8(bytes);
    if (utf8 !== undefined) {
      text = utf8;
      encoding = 'utf-8';
    } else {
      text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'gb18030');
      encoding = 'gb18030';
    }
  }
  const suspect = text.match(/[\u0000-\u0008\u000b\u000e-\u001f\u007f\ufffd]/gu)?.length ?? 0;
  if (suspect > Math.max(2, text.length / 100)) throw binary(file, `有 ${suspect} 个控制字符或无法识别的字节`, as);
  return { text, encoding };
}

function strictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function binary(file: string, why: string, as: { noun: string; code: QingdanErrorCode }): QingdanError {
  return new QingdanError(
    as.code,
    as.code === 'ROSTER_INVALID'
      ? `花名册 ${file} 不是文本文件（${why}）：CSV 花名册应为 UTF-8 或 GB18030 编码的文本；Excel 工作簿请使用 .xlsx 扩展名。`
      : `${as.noun} ${file} 不是文本文件（${why}）：应为 UTF-8 或 GB18030 编码的 YAML 文本。`,
  );
}
