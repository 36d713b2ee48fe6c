/**
 * Line composition on the GB/T 9704-2012 grid (28 cells a line, §5.2.3 "每行排 28 个字，并撑满版心")
 * with the Chinese line-breaking rules (禁则, GB/T 15834-2011) and punctuation adjustment after
 * W3C "Requirements for Chinese Text Layout" (clreq, §3.1.6 标点符号的挤压, §3.2 行首行尾禁则) and
 * JIS X 4051:2004 (§6.3 禁則処理, §6.4 追込み処理: compressing punctuation to pull a character into
 * the line rather than pushing one out):
 *
 * - no line starts with a mark of {@link KINSOKU_NO_START}, none ends with one of
 *   {@link KINSOKU_NO_END}; numbers, Latin words, "1+N", "2025年", "12.5%", —— and …… stay whole
 *   ({@link unbreakableUnits});
 * - a line is full at 28 cells. When the next unit does not fit into what is left (a 禁则 case: a
 *   mark glued to the character before it, a number, a word), full-width marks of the line are set
 *   at half width ({@link compressibleSide}) until it fits, so that the line fills its 28 cells
 *   holding 29 or 30 characters; only when the line has too few marks is the unit pushed to the
 *   next line and the line spread;
 * - a paragraph's last line holds at least {@link MIN_LAST_LINE_CHARS} characters: a shorter one is
 *   pulled back into the line before by compressing its marks, or, failing that, that line gives
 *   up characters to it (clreq §3.3 段落末行 "孤字").
 *
 * The composer works on measured characters (advance in pt, grid cells) and knows no font and no
 * output format. Pure functions, no Node APIs (bundled for the browser).
 */

/**
 * Forbidden line starts and ends (禁则, kinsoku), GB/T 15834-2011 and the practice of GB/T 9704:
 * these marks never start a line …
 */
export const KINSOKU_NO_START = '，。、；：？！）》”’】〕…%,.;:?!)';
/** … and these never end one. */
export const KINSOKU_NO_END = '（《“‘【〔(';

/**
 * Full-width marks whose right half is blank (closing brackets and quotes, comma, full stop,
 * enumeration comma, colon and semicolon as Simplified Chinese fonts draw them, at the left of the
 * em box): set at half width by taking space away after them (clreq §3.1.6; JIS X 4051 classes
 * cl-02, cl-06, cl-07).
 */
export const COMPRESS_AFTER = '，。、：；）》〉】〕」』］｝”’';
/**
 * Full-width marks whose left half is blank (opening brackets and quotes): set at half width by
 * taking space away before them (JIS X 4051 class cl-01). Never at the start of a line.
 */
export const COMPRESS_BEFORE = '（《〈【〔「『［｛“‘';

/** Which half of a full-width mark is blank and may be taken away, if any. */
export function compressibleSide(ch: string): 'before' | 'after' | undefined {
  if (COMPRESS_AFTER.includes(ch)) return 'after';
  if (COMPRESS_BEFORE.includes(ch)) return 'before';
  return undefined;
}

/** A paragraph's last line holds at least this many characters (clreq §3.3: no 孤字 of one or two). */
export const MIN_LAST_LINE_CHARS = 3;

/**
 * One character as the composer sees it: measured in standard advances. Extend it to carry more
 * (a font, a bold flag): the composer keeps the extra fields.
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
  /** Natural width in pt: advances plus the nominal spacing after every character, less what compression takes away. */
  widthPt: number;
  /** Grid cells the line takes (compressed marks ½). */
  cells: number;
  /** Cells the line may take (28, or 26 after the first-line indent). */
  capacity: number;
  /**
   * Indices (in `chars`) of the marks set at half width; for a mark compressed before it
   * ({@link compressibleSide} `before`) the space is taken from the character before it.
   */
  compressed: number[];
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
  /** Compress punctuation to fill lines and pull back short last lines (body text); off for the title. Default `true`. */
  adjust?: boolean;
  /** Room in pt kept free at each boundary between full-width and Latin text ({@link SCRIPT_BOUNDARY_RESERVE_EM}); 0 by default. */
  boundaryReservePt?: number;
}

/**
 * Room kept free, in em of the text size, wherever full-width text meets Latin letters or
 * digits: LibreOffice adds 0.2 em there (its "space between Asian and non-Asian text") and
 * ignores `w:autoSpaceDE` / `w:autoSpaceDN` in a DOCX (writerfilter's DomainMapper reads them
 * as nothing), so a line that fits exactly without that room would lose a character there. The
 * room is not drawn: the PDF (and Word, which honours `w:autoSpaceDE="0"`) set no space between
 * the scripts, and a justified line shares the room out with the rest of its slack.
 */
export const SCRIPT_BOUNDARY_RESERVE_EM = 0.2;

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
/** Characters that stay with the number before them: "2025年", "3月", "5日", "12时", "1号". */
const NUMBER_SUFFIX = '年月日号时';

/**
 * Splits a paragraph's characters into units no line break may fall inside: Latin words and
 * numbers (with their inner `.` `,` `:`, a `+` between two of them as in "1+N", and a date
 * character after the digits as in "2025年"), runs of —— and ……, and every no-start mark glued to
 * what precedes it and every no-end mark glued to what follows.
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
        (cur.ch === '+' && WORD.test(prev) && WORD.test(next)) ||
        (WORD.test(cur.ch) && prev === '+' && WORD.test(prev2)) ||
        (NUMBER_SUFFIX.includes(cur.ch) && DIGIT.test(prev)) ||
        (cur.ch === prev && UNSPLIT_PAIRS.includes(cur.ch)) ||
        KINSOKU_NO_START.includes(cur.ch) ||
        KINSOKU_NO_END.includes(prev));
    const last = units[units.length - 1];
    if (glue && last) last.push(cur);
    else units.push([cur]);
  }
  return units;
}

const EPSILON = 0.01;

/** A line being built: its units, and the cells and width (pt) they take as they are. */
interface Draft<C extends MeasuredChar> {
  units: C[][];
  first: boolean;
  cells: number;
  widthPt: number;
  /** The last character that takes cells (for the room kept between scripts). */
  last: C | undefined;
}

/** What fitting a draft found: the compressed marks (indices in the flat chars), cells, width. */
interface Fit {
  compressed: number[];
  cells: number;
  widthPt: number;
}

/**
 * The fewest marks to set at half width so that `chars` fit `capacity` cells and `availablePt`,
 * taken from the end of the line backwards (JIS X 4051 §6.4: the marks nearest the break first);
 * a mark compressed before it may not open the line. `undefined` when no compression makes them fit.
 */
function fitChars<C extends MeasuredChar>(chars: readonly C[], capacity: number, availablePt: number, spacingPt: number, allowCompression: boolean, reservePt = 0): Fit | undefined {
  let cells = 0;
  let widthPt = 0;
  let prev: C | undefined;
  for (const c of chars) {
    cells += c.cells;
    widthPt += c.advancePt + spacingPt;
    if (reservePt > 0 && prev && c.cells > 0 && prev.cells > 0 && (c.cells === 1) !== (prev.cells === 1)) widthPt += reservePt;
    if (c.cells > 0) prev = c;
  }
  const compressed: number[] = [];
  const fits = (): boolean => cells <= capacity + EPSILON && widthPt <= availablePt + EPSILON;
  for (let i = chars.length - 1; i >= 0 && !fits(); i -= 1) {
    if (!allowCompression) return undefined;
    const c = chars[i] as C;
    const side = c.cells === 1 ? compressibleSide(c.ch) : undefined;
    if (!side || (side === 'before' && i === 0)) continue;
    compressed.push(i);
    cells -= 0.5;
    widthPt -= c.advancePt / 2;
  }
  return fits() ? { compressed: compressed.reverse(), cells, widthPt } : undefined;
}

/**
 * Composes one paragraph into lines: whole units a line while they fit (a line is full at its
 * capacity); when the next unit does not fit into the room left, marks are compressed to take it
 * in (see the module comment), else it goes to the next line and this one is spread. A unit wider
 * than a whole line (a long Latin string) is split between characters. An explicit `"\n"` ends a
 * line without stretching it. Then the last line is made to hold at least
 * {@link MIN_LAST_LINE_CHARS} characters.
 *
 * @param chars - the paragraph's characters, measured; `"\n"` entries are explicit breaks
 * @param options - widths (pt), cells, indent, nominal spacing, whether to adjust
 * @returns the lines, at least one (an empty paragraph gives one empty line)
 */
export function breakLines<C extends MeasuredChar>(chars: readonly C[], options: BreakOptions): BrokenLine<C>[] {
  const adjust = options.adjust !== false;
  const segments: C[][] = [[]];
  for (const c of chars) {
    if (c.ch === '\n') segments.push([]);
    else segments[segments.length - 1]?.push(c);
  }
  const indentOf = (first: boolean): number => (first ? options.firstIndentPt : 0);
  const capacityOf = (first: boolean): number => options.maxCells - (first ? options.firstIndentCells : 0);
  const reserve = options.boundaryReservePt ?? 0;
  const fit = (d: Draft<C>, extra: C[] = []): Fit | undefined =>
    fitChars([...d.units.flat(), ...extra], capacityOf(d.first), options.widthPt - indentOf(d.first), options.spacingPt, adjust, reserve);
  const toLine = (d: Draft<C>, f: Fit, justify: boolean): BrokenLine<C> => ({
    chars: d.units.flat(),
    indentPt: indentOf(d.first),
    availablePt: options.widthPt - indentOf(d.first),
    widthPt: f.widthPt,
    cells: f.cells,
    capacity: capacityOf(d.first),
    compressed: f.compressed,
    justify,
  });

  /** Cells and width (pt) `unit` adds after `last`, as it is (no compression). */
  const measure = (unit: readonly C[], last: C | undefined): { cells: number; widthPt: number; last: C | undefined } => {
    let cells = 0;
    let widthPt = 0;
    let prev = last;
    for (const c of unit) {
      cells += c.cells;
      widthPt += c.advancePt + options.spacingPt;
      if (reserve > 0 && prev && c.cells > 0 && prev.cells > 0 && (c.cells === 1) !== (prev.cells === 1)) widthPt += reserve;
      if (c.cells > 0) prev = c;
    }
    return { cells, widthPt, last: prev };
  };
  const draft = (first: boolean): Draft<C> => ({ units: [], first, cells: 0, widthPt: 0, last: undefined });
  const add = (d: Draft<C>, unit: C[]): void => {
    const m = measure(unit, d.last);
    d.units.push(unit);
    d.cells += m.cells;
    d.widthPt += m.widthPt;
    d.last = m.last;
  };
  /** Whether `unit` fits after the draft as it is, without compression. */
  const fitsPlain = (d: Draft<C>, unit: readonly C[]): boolean => {
    const m = measure(unit, d.last);
    return d.cells + m.cells <= capacityOf(d.first) + EPSILON && d.widthPt + m.widthPt <= options.widthPt - indentOf(d.first) + EPSILON;
  };

  const lines: BrokenLine<C>[] = [];
  segments.forEach((segment, si) => {
    const drafts: Draft<C>[] = [draft(si === 0)];
    for (const unit of unbreakableUnits(segment)) {
      const d = drafts[drafts.length - 1] as Draft<C>;
      if (fitsPlain(d, unit)) {
        add(d, unit);
        continue;
      }
      // The unit does not fit as it is. A full line simply ends here; a line with room left but not
      // enough (a 禁则 case) takes the unit in by compressing its marks, if it has enough of them.
      const room = d.units.length > 0 ? fit(d) : undefined;
      const full = room === undefined || room.cells >= capacityOf(d.first) - EPSILON;
      if (d.units.length > 0 && !full && fit(d, unit)) {
        add(d, unit);
        continue;
      }
      if (d.units.length === 0 || !fitsPlain(draft(false), unit)) {
        // A unit wider than a line: split between its characters.
        for (const c of unit) {
          let cur = drafts[drafts.length - 1] as Draft<C>;
          if (cur.units.length > 0 && !fitsPlain(cur, [c])) drafts.push((cur = draft(false)));
          add(cur, [c]);
        }
        continue;
      }
      const next = draft(false);
      add(next, unit);
      drafts.push(next);
    }
    if (adjust && si === segments.length - 1) keepLastLineLong(drafts, fit, (d) => {
      const fresh = draft(d.first);
      for (const u of d.units) add(fresh, u);
      Object.assign(d, fresh);
    });
    drafts.forEach((d, i) => {
      const f = fit(d) ?? { compressed: [], cells: d.cells, widthPt: d.widthPt };
      lines.push(toLine(d, f, i < drafts.length - 1));
    });
  });
  return lines;
}

/** Characters of a draft that show (spaces do not count towards a last line's length). */
const visible = <C extends MeasuredChar>(d: Draft<C>): number => d.units.flat().filter((c) => c.cells > 0).length;

/**
 * Makes the last line of a paragraph hold at least {@link MIN_LAST_LINE_CHARS} characters: it is
 * pulled back into the line before when that line can take it by compressing marks; otherwise the
 * line before gives up its last units to it (and is spread).
 */
function keepLastLineLong<C extends MeasuredChar>(drafts: Draft<C>[], fit: (d: Draft<C>, extra?: C[]) => Fit | undefined, remeasure: (d: Draft<C>) => void): void {
  const last = drafts[drafts.length - 1];
  const prev = drafts[drafts.length - 2];
  if (!last || !prev || visible(last) === 0 || visible(last) >= MIN_LAST_LINE_CHARS) return;
  if (fit(prev, last.units.flat())) {
    prev.units.push(...last.units);
    drafts.pop();
  } else {
    while (visible(last) < MIN_LAST_LINE_CHARS && prev.units.length > 1) last.units.unshift(prev.units.pop() as C[]);
    remeasure(last);
  }
  remeasure(prev);
}
