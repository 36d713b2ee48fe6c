/**
 * Reading any list document — ours or a hand-made one — into paragraphs with locations: `.docx`
 * (see `docx.ts`) or text (see `decode.ts`). The format is told by the content, not only the
 * name: a ZIP is read as `.docx`; an old Word `.doc`/`.wps` (OLE) or a PDF is refused with advice.
 */
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { QingdanError, type DocumentParagraph } from '@qingdan/model';
import { decodeText, type TextEncoding } from './decode.js';
import { readDocx } from './docx.js';

/** How a document was read: `docx`, or the encoding of a text file. */
export type DocumentFormat = 'docx' | TextEncoding;

/** A document read from a file. */
export interface DocumentText {
  /** The file name (without directories), as messages name it. */
  source: string;
  format: DocumentFormat;
  /** The paragraphs that have text, in reading order (`.docx`: headers, body and tables, footers; `.txt`: the lines). */
  paragraphs: DocumentParagraph[];
  /**
   * The whole text: a `.txt` as decoded (line endings kept, so line numbers hold); a `.docx` as
   * its paragraphs joined by `\n`.
   */
  text: string;
  /** How many paragraphs Word numbers automatically (their numbers are not in the text); 0 for text files. */
  autoNumbered: number;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
const PDF = [0x25, 0x50, 0x44, 0x46];
const startsWith = (b: Uint8Array, sig: number[]): boolean => sig.every((x, i) => b[i] === x);
/** Line ends of text files: LF, CRLF, CR, and the Unicode line and paragraph separators. */
const LINE_END = /\r\n|[\n\r\u2028\u2029]/u;

/**
 * Reads a document from bytes (an upload, a test fixture).
 *
 * @param bytes - the file's content
 * @param fileName - the file's name, for the format (`.docx`) and messages
 * @returns the paragraphs with text and where each stands (see `ParagraphLocation` in `@qingdan/model`)
 * @throws {QingdanError} `IMPORT_FAILED` when the content is empty, binary, a PDF or an old
 *   `.doc`/`.wps`, a damaged `.docx`, or has no text
 * @example readDocumentBytes(new TextEncoder().encode('一、总体要求'), 'a.txt').paragraphs
 * // [{ text: '一、总体要求', where: { part: 'body', index: 1 } }]
 */
export function readDocumentBytes(bytes: Uint8Array, fileName: string): DocumentText {
  const source = basename(fileName);
  if (startsWith(bytes, ZIP) || extname(fileName).toLowerCase() === '.docx') {
    if (bytes.length === 0) {
      throw new QingdanError('IMPORT_FAILED', `文件「${source}」是空文件（0 字节）：应为含清单正文的 Word（.docx）文件。`);
    }
    const { paragraphs, autoNumbered } = readDocx(bytes, source);
    return { source, format: 'docx', paragraphs, text: paragraphs.map((p) => p.text).join('\n'), autoNumbered };
  }
  if (startsWith(bytes, OLE) || startsWith(bytes, PDF)) {
    const found = startsWith(bytes, PDF) ? 'PDF 文件' : '旧版 Word（.doc）或 WPS 文件';
    const encrypted = startsWith(bytes, OLE) ? '（设了打开密码的 .docx 也是这种格式，请先取消密码）' : '';
    throw new QingdanError('IMPORT_FAILED', `文件「${source}」是${found}，无法直接读取：期望 .txt 或 .docx。请在 Word/WPS 中“另存为” .docx 或纯文本 .txt 后再读取${encrypted}。`);
  }
  const decoded = decodeText(bytes, source);
  const paragraphs: DocumentParagraph[] = [];
  for (const [i, line] of decoded.text.split(LINE_END).entries()) {
    if (line.trim() !== '') paragraphs.push({ text: line, where: { part: 'body', index: i + 1 } });
  }
  return { source, format: decoded.encoding, paragraphs, text: decoded.text, autoNumbered: 0 };
}

/**
 * Reads a document file (see {@link readDocumentBytes}).
 *
 * @param path - a `.docx` or `.txt` file (UTF-8 with or without BOM, UTF-16 with BOM, GB18030)
 * @throws {QingdanError} `IO_FAILED` when the file cannot be read (missing, a folder, no
 *   permission); otherwise as {@link readDocumentBytes}
 * @example const { paragraphs } = await readDocument('清单.docx');
 */
export async function readDocument(path: string): Promise<DocumentText> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const what = code === 'ENOENT' ? '文件不存在' : code === 'EISDIR' ? '这是一个文件夹' : code === 'EACCES' ? '没有读取权限' : `无法读取（${String(code)}）`;
    throw new QingdanError('IO_FAILED', `读取「${path}」失败：${what}。请检查路径，应为 .txt 或 .docx 文件。`, { cause });
  }
  return readDocumentBytes(bytes, path);
}
