import { sanitizeText } from '@qingdan/model';

/**
 * The renderer's own defence against text that would break the DOCX: characters that XML 1.0
 * forbids never reach a part, whatever the engine let through (XML 1.0 §2.2 `Char`).
 */

/** A warning the renderer reports instead of failing: what it changed, and where. */
export interface DocxWarning {
  /** In Chinese: what was changed, where, and how to avoid it. */
  message: string;
  /** Where: `{ part: '标题第 1 行' }` or `{ block: 3, number: '5.' }`, and the code points dropped. */
  where: Record<string, string | number>;
}

/** A piece of text cut at its explicit line breaks and tabs, ready to become runs. */
export type TextPiece = { kind: 'text'; text: string } | { kind: 'break' } | { kind: 'tab' };

/**
 * Cleans one text for a DOCX part (with `sanitizeText` of `@qingdan/model`) and cuts it into pieces:
 * - `\r\n`, `\r`, `\n`, a vertical tab (U+000B, Excel's in-cell line break) and a form feed
 *   (U+000C) become a line break (`w:br`);
 * - a tab becomes a `w:tab`;
 * - other C0 controls, U+007F–U+009F, U+FFFE, U+FFFF and unpaired surrogates are dropped, and
 *   `onDropped` is told their code points (`U+XXXX`);
 * - everything else (including `&`, `<`, `>`, quotes, and characters beyond the BMP such as
 *   𠮷 U+20BB7) is kept as typed; the `docx` library escapes it for XML.
 *
 * @param text - a text of the resolved document
 * @param onDropped - called once, with every dropped code point, when anything was dropped
 * @returns the pieces in order; adjacent text is merged, empty text is left out
 * @example splitText('A&B\u000b联合') // [{kind:'text',text:'A&B'},{kind:'break'},{kind:'text',text:'联合'}]
 */
export function splitText(text: string, onDropped?: (codePoints: string[]) => void): TextPiece[] {
  const clean = sanitizeText(text);
  if (clean.dropped.length > 0) onDropped?.(clean.dropped);
  const pieces: TextPiece[] = [];
  for (const [i, line] of clean.text.split('\n').entries()) {
    if (i > 0) pieces.push({ kind: 'break' });
    for (const [j, part] of line.split('\t').entries()) {
      if (j > 0) pieces.push({ kind: 'tab' });
      if (part !== '') pieces.push({ kind: 'text', text: part });
    }
  }
  return pieces;
}
