/**
 * Reading a seed file through `@qingdan/reader` (`.txt` in any of its encodings, or `.docx`):
 * the only file input of the importer.
 */
import { readDocument } from '@qingdan/reader';

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

/**
 * Reads a seed file as text: a `.txt` as decoded, a `.docx` as its paragraphs (headers, body
 * and table cells, footers) one per line.
 *
 * @param path - path of a `.txt` or `.docx` file
 * @returns the text, the file name and the format read
 * @throws {QingdanError} `IO_FAILED` when the file cannot be read; `IMPORT_FAILED` when it is
 *   empty, binary, an unsupported format or a damaged `.docx`
 */
export async function readSeedFile(path: string): Promise<SeedText> {
  const doc = await readDocument(path);
  const notes =
    doc.autoNumbered > 0
      ? [`Word 文档里有 ${String(doc.autoNumbered)} 段使用了自动编号，读出的文字不带这些编号：请在 Word 中选中全文，把自动编号转换为文本（或另存为 .txt）后再导入`]
      : [];
  return { text: doc.text, source: doc.source, format: doc.format, notes };
}
