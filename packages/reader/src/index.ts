/**
 * `@qingdan/reader`: reads any list document — one qingdan wrote or one typed by hand in Word —
 * into paragraphs with where each stands. `qingdan check` proofreads them, `qingdan import`
 * turns them into a template skeleton, and `qingdan compare` will diff them.
 *
 * - {@link readDocument} / {@link readDocumentBytes}: `.docx` (paragraphs, table cells, headers
 *   and footers, in reading order) or `.txt` (UTF-8 with or without BOM, UTF-16 with BOM, GB18030);
 * - {@link decodeText}: a text file's bytes → text (the repository's one decoder for documents).
 *
 * The paragraph shape (`DocumentParagraph`, `ParagraphLocation`) is a zod schema in `@qingdan/model`.
 */
export { readDocument, readDocumentBytes, type DocumentText, type DocumentFormat } from './read.js';
export { decodeText, type DecodedText, type TextEncoding } from './decode.js';
