/**
 * The text of a list document as it is read from a file (`@qingdan/reader`): paragraphs in reading
 * order, each with where it stands. `qingdan check` proofreads it and `qingdan compare` will diff
 * it, so the shape is written once, here.
 */
import { z } from 'zod';

/** The part of a document a paragraph comes from. */
export const ParagraphPart = z.enum(['body', 'header', 'footer', 'table']);
/** `body` (the running text; every line of a `.txt`), `header` (页眉), `footer` (页脚), `table` (a table cell). */
export type ParagraphPart = z.infer<typeof ParagraphPart>;

/**
 * Where a paragraph stands, all numbers 1-based:
 * - `body` of a `.txt`: `index` is the line number in the file;
 * - `body` of a `.docx`: `index` is the paragraph's number among the body's paragraphs that have text;
 * - `table`: `index` is the table's number in the document, `row` and `cell` the cell's (merged
 *   cells count once), `paragraph` the paragraph in the cell when the cell has more than one;
 * - `header` / `footer`: `index` is the paragraph's number among the headers' (footers') paragraphs.
 */
export const ParagraphLocation = z.strictObject({
  part: ParagraphPart,
  index: z.number().int().min(1),
  row: z.number().int().min(1).optional(),
  cell: z.number().int().min(1).optional(),
  paragraph: z.number().int().min(1).optional(),
});
/** See {@link ParagraphLocation}. */
export type ParagraphLocation = z.infer<typeof ParagraphLocation>;

/** One paragraph of a document read from a file. */
export const DocumentParagraph = z.strictObject({
  /** The text a reader sees, without the line break; a Word line break inside the paragraph is `\n`, a tab `\t`. */
  text: z.string(),
  where: ParagraphLocation,
  /**
   * True when Word numbers the paragraph itself (automatic numbering): the number a reader sees
   * (“1.”, “一、”) is then not in `text`.
   */
  autoNumbered: z.boolean().optional(),
});
/** See {@link DocumentParagraph}. */
export type DocumentParagraph = z.infer<typeof DocumentParagraph>;
