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

const codePoint = (cp: number): string => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Cleans one text for a DOCX part and cuts it into pieces:
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
  const pieces: TextPiece[] = [];
  const dropped: string[] = [];
  let buf = '';
  const flush = (): void => {
    if (buf !== '') pieces.push({ kind: 'text', text: buf });
    buf = '';
  };
  const s = text.replace(/\r\n?/g, '\n');
  for (let i = 0; i < s.length; i += 1) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        buf += s.slice(i, i + 2);
        i += 1;
      } else dropped.push(codePoint(c));
      continue;
    }
    if (c >= 0xdc00 && c <= 0xdfff) {
      dropped.push(codePoint(c));
      continue;
    }
    if (c === 0x0a || c === 0x0b || c === 0x0c) {
      flush();
      pieces.push({ kind: 'break' });
      continue;
    }
    if (c === 0x09) {
      flush();
      pieces.push({ kind: 'tab' });
      continue;
    }
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0xfffe || c === 0xffff) {
      dropped.push(codePoint(c));
      continue;
    }
    buf += s[i] ?? '';
  }
  flush();
  if (dropped.length > 0) onDropped?.(dropped);
  return pieces;
}
