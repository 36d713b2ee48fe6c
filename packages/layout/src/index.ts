/**
 * `@qingdan/layout`: the GB/T 9704-2012 layout profile (every number the renderers need, in one
 * place), line breaking with the 禁则, and the page composition every renderer draws.
 */
export {
  mmToPt,
  mmToTwips,
  ptToTwips,
  halfPoints,
  FontSize,
  gbt9704,
  IDEOGRAPHIC_EM_BOX_ASCENT,
  baselineInLinePt,
  pageNumberLabel,
  type FontRole,
  type FontSpec,
  type Margins,
  type LayoutProfile,
} from './profile.js';

/** Line composition on the grid with the 禁则 and punctuation compression: see `kinsoku.ts`. */
export {
  KINSOKU_NO_START,
  KINSOKU_NO_END,
  COMPRESS_AFTER,
  COMPRESS_BEFORE,
  compressibleSide,
  MIN_LAST_LINE_CHARS,
  SCRIPT_BOUNDARY_RESERVE_EM,
  isFullWidth,
  isInvisibleFormat,
  cellsOf,
  unbreakableUnits,
  breakLines,
  type MeasuredChar,
  type BrokenLine,
  type BreakOptions,
} from './kinsoku.js';

/** Standard advances (CJK one em, Latin as Times New Roman): what the composition measures with. */
export { standardAdvanceEm } from './metrics.js';

/** The page composition: ResolvedDocument → paragraphs → lines → pages. */
export {
  compose,
  composeLines,
  documentParagraphs,
  describeWhere,
  estimatedMeasure,
  type TextRole,
  type TextRun,
  type Where,
  type ParagraphSpec,
  type CharStyle,
  type Glyph,
  type Measure,
  type ComposedChar,
  type ComposedLine,
  type BlankLine,
  type ComposedPage,
  type MissingChar,
  type Composition,
  type ComposeOptions,
} from './compose.js';
