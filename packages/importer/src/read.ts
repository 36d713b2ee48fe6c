/**
 * Reading a seed file: `.txt` (UTF-8, UTF-8 with BOM, UTF-16 with BOM, GB18030) or `.docx`
 * (paragraph text through mammoth). The only file input of the importer.
 */
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import mammoth from 'mammoth';
import { QingdanError } from '@qingdan/model';
import { decodeText } from './decode.js';

/** The text of a seed and how it was read. */
export interface SeedText {
  text: string;
  /** File name (without directories). */
  source: string;
  /** `utf-8`, `utf-8-bom`, `utf-16le`, `utf-16be`, `gb18030` or `docx`. */
  format: string;
  /** Things the reader noticed that the report should say (in Chinese), e.g. Word's automatic numbering. */
  notes: string[];
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
const PDF = [0x25, 0x50, 0x44, 0x46];
const startsWith = (b: Uint8Array, sig: number[]): boolean => sig.every((x, i) => b[i] === x);

/**
 * Reads a seed file as text. The format is told by the content, not only the name: a ZIP is
 * read as `.docx`; an old Word `.doc`/`.wps` (OLE) or a PDF is refused with advice.
 *
 * @param path - path of a `.txt` or `.docx` file
 * @returns the text, the file name and the format read
 * @throws {QingdanError} `IO_FAILED` when the file cannot be read; `IMPORT_FAILED` when it is
 *   empty, binary, an unsupported format or a damaged `.docx`
 */
export async function readSeedFile(path: string): Promise<SeedText> {
  const source = basename(path);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const what = code === 'ENOENT' ? '文件不存在' : code === 'EISDIR' ? '这是一个文件夹' : code === 'EACCES' ? '没有读取权限' : `无法读取（${String(code)}）`;
    throw new QingdanError('IO_FAILED', `读取范文「${path}」失败：${what}。请检查路径，范文应为 .txt 或 .docx 文件。`, { cause });
  }
  const ext = extname(path).toLowerCase();
  if (startsWith(bytes, ZIP) || ext === '.docx') {
    const text = await docxText(bytes, source);
    const auto = await autoNumbered(bytes);
    const notes = auto > 0 ? [`Word 文档里有 ${String(auto)} 段使用了自动编号，读出的文字不带这些编号：请在 Word 中选中全文，把自动编号转换为文本（或另存为 .txt）后再导入`] : [];
    return { text, source, format: 'docx', notes };
  }
  if (startsWith(bytes, OLE) || startsWith(bytes, PDF)) {
    const found = startsWith(bytes, PDF) ? 'PDF 文件' : '旧版 Word（.doc）或 WPS 文件';
    throw new QingdanError('IMPORT_FAILED', `范文「${source}」是${found}，无法直接读取：期望 .txt 或 .docx。请在 Word/WPS 中“另存为” .docx 或纯文本 .txt 后再导入。`);
  }
  const decoded = decodeText(bytes, source);
  return { text: decoded.text, source, format: decoded.encoding, notes: [] };
}

/**
 * The paragraphs of a `.docx` as lines (mammoth's raw text: one paragraph per line block).
 *
 * @throws {QingdanError} `IMPORT_FAILED` when the file is empty or not a readable `.docx`
 */
export async function docxText(bytes: Buffer, source: string): Promise<string> {
  if (bytes.length === 0) {
    throw new QingdanError('IMPORT_FAILED', `范文「${source}」是空文件（0 字节）：应为含清单正文的 Word（.docx）文件。`);
  }
  let value: string;
  try {
    ({ value } = await mammoth.extractRawText({ buffer: bytes }));
  } catch (cause) {
    throw new QingdanError('IMPORT_FAILED', `范文「${source}」不是可读的 Word 文档（.docx）：${cause instanceof Error ? cause.message : String(cause)}。请用 Word/WPS 打开后重新另存为 .docx，或另存为 .txt。`, { cause });
  }
  if (value.trim() === '') {
    throw new QingdanError('IMPORT_FAILED', `范文「${source}」是 Word 文档，但里面没有文字：期望含清单正文的段落，实际为空（可能只有图片或扫描件）。`);
  }
  return value;
}

/** How many paragraphs of a `.docx` use Word's automatic numbering (their numbers are not text). */
async function autoNumbered(bytes: Buffer): Promise<number> {
  try {
    const { value } = await mammoth.convertToHtml({ buffer: bytes });
    return value.match(/<li>/gu)?.length ?? 0;
  } catch {
    return 0;
  }
}
