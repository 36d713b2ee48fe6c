/**
 * The GB/T 9704-2012 《党政机关公文格式》 layout profile as data: every number the renderers need,
 * in one place. Lengths are given in millimetres (`mm`) as the standard states them, with helpers to
 * convert to points (pt, 1/72 in) and twips (1/20 pt); font sizes are in pt (OOXML `w:sz` wants
 * half-points: {@link halfPoints}).
 */

/** Millimetres per inch. */
const MM_PER_INCH = 25.4;

/**
 * Converts millimetres to points (1 pt = 1/72 in).
 * @example mmToPt(25.4) // 72
 */
export function mmToPt(mm: number): number {
  return (mm / MM_PER_INCH) * 72;
}

/**
 * Converts millimetres to twips (1 twip = 1/20 pt = 1/1440 in), rounded to the nearest twip.
 * @example mmToTwips(210) // 11906
 */
export function mmToTwips(mm: number): number {
  return Math.round((mm / MM_PER_INCH) * 1440);
}

/**
 * Converts points to twips, rounded (1 pt = 20 twips).
 * @example ptToTwips(28.95) // 579
 */
export function ptToTwips(pt: number): number {
  return Math.round(pt * 20);
}

/**
 * Converts a font size in points to OOXML half-points (`w:sz`).
 * @example halfPoints(16) // 32 (三号)
 */
export function halfPoints(pt: number): number {
  return Math.round(pt * 2);
}

/** The traditional Chinese font sizes (字号) in pt: 二号 22 pt, 三号 16 pt, 四号 14 pt … */
export const FontSize = {
  初号: 42,
  小初: 36,
  一号: 26,
  小一: 24,
  二号: 22,
  小二: 18,
  三号: 16,
  小三: 15,
  四号: 14,
  小四: 12,
  五号: 10.5,
  小五: 9,
} as const;

/**
 * The font roles of a list document: 小标宋 title, 仿宋 body, 黑体 level-1 heading (一、),
 * 楷体 level-2 heading (（一）), 宋体 page number; `latin` is the face for Latin letters and digits.
 */
export type FontRole = 'title' | 'body' | 'heading1' | 'heading2' | 'pageNumber' | 'latin';

/** A font role's face and size. */
export interface FontSpec {
  /** The font name offices select (DOCX `w:rFonts w:eastAsia`), e.g. `仿宋_GB2312`. */
  name: string;
  /** Size in pt. */
  sizePt: number;
}

/** Page margins in mm. */
export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** The layout profile: everything a renderer needs to lay a list out. */
export interface LayoutProfile {
  /** Profile id, e.g. `gbt9704`. */
  id: string;
  /** Paper size in mm: A4 210 × 297 (GB/T 9704-2012 §5.2.1). */
  paper: { widthMm: number; heightMm: number };
  /** Margins in mm (§5.2.2): 天头 37, 订口 28; right 26 and bottom 35 follow from the type area. */
  margins: Margins;
  /** Type area (版心) in mm: 156 × 225 (§5.2.2). */
  typeArea: { widthMm: number; heightMm: number };
  /** Lines per page and characters per line (§5.2.3): 22 × 28. */
  grid: { linesPerPage: number; charsPerLine: number };
  /** Line pitch in pt: 225 mm / 22 lines = 28.95 pt, exact (§5.2.3). */
  linePitchPt: number;
  /** Character pitch in pt: 156 mm / 28 = 15.79 pt (§5.2.3). */
  charPitchPt: number;
  /** Fonts by role (§7.2, §7.3.1, §7.3.3, §7.5). */
  fonts: Record<FontRole, FontSpec>;
  /** First-line indent of body paragraphs, in characters (two). */
  firstLineIndentChars: number;
  /** Page number (§7.5): text around the number, distance below the type area, indent from the edge. */
  pageNumber: {
    /** Text before and after the number: an em dash and a space each side, "— 1 —". */
    prefix: string;
    suffix: string;
    /** Distance from the bottom of the type area to the page-number line, in mm (7 mm). */
    belowTypeAreaMm: number;
    /** Indent from the outer edge of the type area, in characters (one 四号 character). */
    outerIndentChars: number;
    /** Odd pages on the right and even pages on the left (§7.5). */
    oddRightEvenLeft: boolean;
  };
  /**
   * Character spacing of body text in pt: the character pitch minus the body size (15.79 − 16 =
   * −0.21 pt), so that 28 三号 characters fill the 156 mm line exactly (§5.2.3 "每行排 28 个字，
   * 并撑满版心"). The one source of this number: the PDF and the preview use it as it is, the DOCX
   * rounds it down to whole twips (`w:spacing` in twentieths of a point).
   */
  charSpacingPt: number;
}

/**
 * The GB/T 9704-2012 profile (`gbt9704`). See `docs/layout-gbt9704.md` for the table this is
 * taken from.
 */
export const gbt9704: LayoutProfile = Object.freeze({
  id: 'gbt9704',
  paper: { widthMm: 210, heightMm: 297 },
  margins: { top: 37, right: 26, bottom: 35, left: 28 },
  typeArea: { widthMm: 156, heightMm: 225 },
  grid: { linesPerPage: 22, charsPerLine: 28 },
  linePitchPt: 28.95,
  charPitchPt: mmToPt(156) / 28,
  fonts: {
    title: { name: '方正小标宋简体', sizePt: FontSize.二号 },
    body: { name: '仿宋_GB2312', sizePt: FontSize.三号 },
    heading1: { name: '黑体', sizePt: FontSize.三号 },
    heading2: { name: '楷体_GB2312', sizePt: FontSize.三号 },
    pageNumber: { name: '宋体', sizePt: FontSize.四号 },
    latin: { name: 'Times New Roman', sizePt: FontSize.三号 },
  },
  firstLineIndentChars: 2,
  pageNumber: { prefix: '— ', suffix: ' —', belowTypeAreaMm: 7, outerIndentChars: 1, oddRightEvenLeft: true },
  charSpacingPt: mmToPt(156) / 28 - FontSize.三号,
});

/**
 * Height of the ideographic em box above the baseline, in em: CJK fonts draw their ideographs in
 * an em box that reaches 0.88 em above the baseline and 0.12 em below it (OpenType `BASE` table,
 * baseline tags `ideo` = −0.12 em and `idtp` = 0.88 em in the Adobe-GB1 / Source Han / Noto CJK
 * design; OpenType specification, "Baseline tags"). A font's own ascent (hhea) says nothing about
 * where its ideographs sit, so lines are placed by this box.
 */
export const IDEOGRAPHIC_EM_BOX_ASCENT = 0.88;

/**
 * Where the baseline of text of `sizePt` lies below the top of its line box (pt), when its
 * ideographic em box is centred in the line box of `linePitchPt` (28.95 pt): (pitch − size) / 2 +
 * 0.88 × size ({@link IDEOGRAPHIC_EM_BOX_ASCENT}). A 三号 line: 6.475 + 14.08 = 20.555 pt.
 *
 * @param sizePt - font size in pt
 * @param layout - the profile (line pitch)
 * @param pitchPt - the line box height in pt; the profile's line pitch when not given
 */
export function baselineInLinePt(sizePt: number, layout: LayoutProfile = gbt9704, pitchPt: number = layout.linePitchPt): number {
  return (pitchPt - sizePt) / 2 + IDEOGRAPHIC_EM_BOX_ASCENT * sizePt;
}

/**
 * The page-number text of a page and its side (GB/T 9704-2012 §7.5): "— 1 —", odd pages on the
 * right and even pages on the left (one side only when the profile says so).
 */
export function pageNumberLabel(page: number, layout: LayoutProfile = gbt9704): { text: string; side: 'left' | 'right' } {
  const side = layout.pageNumber.oddRightEvenLeft && page % 2 === 0 ? 'left' : 'right';
  return { text: `${layout.pageNumber.prefix}${page}${layout.pageNumber.suffix}`, side };
}
