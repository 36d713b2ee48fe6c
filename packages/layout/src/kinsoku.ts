/**
 * Line breaking on the GB/T 9704-2012 grid (at most 28 cells a line, §5.2.3) with the Chinese
 * rules (禁则, GB/T 15834-2011): no line starts with a mark of `KINSOKU_NO_START` (，。、；：？！）》”’…
 * %), none ends with one of `KINSOKU_NO_END` (（《“‘), the digits and letters of a number, a year or
 * a Latin word stay on one line, and —— and …… are never split.
 *
 * The breaker works on measured characters (advance in pt, grid cells) and knows no font and no
 * output format: the PDF renderer feeds it glyph advances, the web preview estimated widths, so
 * both break in the same places. Pure functions, no Node APIs (bundled for the browser).
 */

/**
 * Forbidden line starts and ends (禁则, kinsoku), GB/T 15834-2011 and the practice of GB/T 9704:
 * these marks never start a line …
 */
export const KINSOKU_NO_START = '，。、；：？！）》”’】〕…%,.;:?!)';
/** … and these never end one. */
export const KINSOKU_NO_END = '（《“‘【〔(';

/**
 * One character as the breaker sees it: measured in a font (the PDF) or estimated (the web
 * preview). Extend it to carry more (a font, a bold flag): the breaker keeps the extra fields.
 */
export interface MeasuredChar {
  /** The character (one code point; characters beyond the BMP are one entry, not two halves). */
  ch: string;
  /** Advance in pt at the character's size, without any character spacing (`BreakOptions.spacingPt`). */
  advancePt: number;
  /** Grid cells it occupies: 1 for a full-width character, ½ for others, 0 for spaces. */
  cells: number;
}

/** One line of a paragraph. */
export interface BrokenLine<C extends MeasuredChar> {
  chars: C[];
  /** Left indent in pt (the first-line indent on a paragraph's first line). */
  indentPt: number;
  /** Width available to the line in pt (type-area width minus indent). */
  availablePt: number;
  /** Natural width in pt: advances plus the nominal spacing after every character. */
  widthPt: number;
  /** True when the line is stretched to the full width (every line of a paragraph but its last and lines before an explicit break). */
  justify: boolean;
}

/** How to break one paragraph. */
export interface BreakOptions {
  /** Type-area width in pt (156 mm = 442.2 pt). */
  widthPt: number;
  /** At most this many grid cells a line (28, GB/T 9704-2012 §5.2.3). */
  maxCells: number;
  /** First-line indent in pt and in cells (2 characters). */
  firstIndentPt: number;
  firstIndentCells: number;
  /** Nominal spacing added after every character in pt (negative: brings 28 × 16 pt into 442.2 pt). */
  spacingPt: number;
}

/**
 * Is this character full-width (one grid cell)? CJK ideographs (with the extensions beyond the
 * BMP), kana, hangul, CJK and full-width punctuation, curly quotes, the em dash and the ellipsis
 * are, and so are the Private Use Area and everything beyond the BMP. (The page checks in
 * `tests/support/pdf-lines.ts` keep their own copy on purpose, as an independent oracle.)
 */
export function isFullWidth(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    cp === 0x2014 ||
    cp === 0x2026 ||
    (cp >= 0x2018 && cp <= 0x201f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xe000 && cp <= 0xf8ff) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    cp >= 0x20000
  );
}

/**
 * Invisible format characters that select or join but draw nothing (variation selectors
 * U+FE00–FE0F and U+E0100–E01EF, zero-width space/joiners U+200B–U+200D, word joiner U+2060,
 * BOM U+FEFF): they take no width and no cell; the PDF leaves them out rather than look them up
 * as glyphs, and the web preview gives them no width, so both break lines in the same places.
 */
export function isInvisibleFormat(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  return (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef) || (cp >= 0x200b && cp <= 0x200d) || cp === 0x2060 || cp === 0xfeff;
}

/** Grid cells of a character: 1 full-width, 0 a space, ½ anything else (Latin letters, digits). */
export function cellsOf(ch: string): number {
  if (/\s/u.test(ch)) return 0;
  return isFullWidth(ch) ? 1 : 0.5;
}

const WORD = /^[0-9A-Za-z]$/;
const DIGIT = /^[0-9]$/;
const NUMBER_INNER = '.,:';
const UNSPLIT_PAIRS = '—…';

/**
 * Splits a paragraph's characters into units no line break may fall inside: Latin words and
 * numbers (with their inner `.` `,` `:`), runs of —— and ……, and every no-start mark glued to what
 * precedes it and every no-end mark glued to what follows.
 *
 * @returns the units in order; their concatenation is `chars`
 */
export function unbreakableUnits<C extends MeasuredChar>(chars: readonly C[]): C[][] {
  const units: C[][] = [];
  for (let i = 0; i < chars.length; i += 1) {
    const cur = chars[i] as C;
    const prev = chars[i - 1]?.ch ?? '';
    const next = chars[i + 1]?.ch ?? '';
    const prev2 = chars[i - 2]?.ch ?? '';
    // i > 0: `prev` is a character, never '' (which `includes` would match).
    const glue =
      i > 0 &&
      ((WORD.test(prev) && WORD.test(cur.ch)) ||
        (NUMBER_INNER.includes(cur.ch) && DIGIT.test(prev) && DIGIT.test(next)) ||
        (DIGIT.test(cur.ch) && NUMBER_INNER.includes(prev) && DIGIT.test(prev2)) ||
        (cur.ch === prev && UNSPLIT_PAIRS.includes(cur.ch)) ||
        KINSOKU_NO_START.includes(cur.ch) ||
        KINSOKU_NO_END.includes(prev));
    const last = units[units.length - 1];
    if (glue && last) last.push(cur);
    else units.push([cur]);
  }
  return units;
}

const EPSILON_PT = 0.01;

/**
 * Breaks one paragraph into lines, greedily: each line takes whole units while they fit both the
 * width and the cell count. A unit wider than a whole line (a long Latin string) is split between
 * characters. An explicit `"\n"` ends a line without stretching it.
 *
 * @param chars - the paragraph's characters, measured; `"\n"` entries are explicit breaks
 * @param options - widths (pt), cells, indent, nominal spacing
 * @returns the lines, at least one (an empty paragraph gives one empty line)
 */
export function breakLines<C extends MeasuredChar>(chars: readonly C[], options: BreakOptions): BrokenLine<C>[] {
  const lines: BrokenLine<C>[] = [];
  const segments: C[][] = [[]];
  for (const c of chars) {
    if (c.ch === '\n') segments.push([]);
    else segments[segments.length - 1]?.push(c);
  }
  const w = (c: C): number => c.advancePt + options.spacingPt;
  segments.forEach((segment, si) => {
    const first = si === 0;
    const segLines: BrokenLine<C>[] = [];
    let line: C[] = [];
    let width = 0;
    let cells = 0;
    const indentPt = (): number => (first && segLines.length === 0 ? options.firstIndentPt : 0);
    const capCells = (): number => options.maxCells - (first && segLines.length === 0 ? options.firstIndentCells : 0);
    const push = (): void => {
      segLines.push({ chars: line, indentPt: indentPt(), availablePt: options.widthPt - indentPt(), widthPt: width, justify: true });
      line = [];
      width = 0;
      cells = 0;
    };
    const fits = (uw: number, uc: number): boolean =>
      width + uw <= options.widthPt - indentPt() + EPSILON_PT && cells + uc <= capCells() + EPSILON_PT;
    for (const unit of unbreakableUnits(segment)) {
      const uw = unit.reduce((s, c) => s + w(c), 0);
      const uc = unit.reduce((s, c) => s + c.cells, 0);
      if (line.length > 0 && !fits(uw, uc)) push();
      if (fits(uw, uc)) {
        line.push(...unit);
        width += uw;
        cells += uc;
        continue;
      }
      for (const c of unit) {
        if (line.length > 0 && !fits(w(c), c.cells)) push();
        line.push(c);
        width += w(c);
        cells += c.cells;
      }
    }
    push();
    const lastLine = segLines[segLines.length - 1];
    if (lastLine) lastLine.justify = false;
    lines.push(...segLines);
  });
  return lines;
}
