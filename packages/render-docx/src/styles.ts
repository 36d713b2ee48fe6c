/**
 * The numbers of the DOCX, computed once from a layout profile: page, margins, fonts by role,
 * sizes, spacing and indents, all in the units OOXML wants (twips, half-points).
 */
import { halfPoints, mmToTwips, ptToTwips, type FontRole, type LayoutProfile } from '@qingdan/layout';
import { AlignmentType, DocumentGridType, LineRuleType, type IParagraphStyleOptions, type IRunStylePropertiesOptions, type IStylesOptions } from 'docx';

/** Style ids written to `styles.xml` (their names, shown in Word's style gallery, are Chinese). */
export const StyleId = {
  normal: 'Normal',
  title: 'QdTitle',
  heading1: 'QdHeading1',
  heading2: 'QdHeading2',
  pageNumber: 'QdPageNumber',
} as const;

/** Language tags of every run: Latin text en-US, East Asian text zh-CN (so Word applies 禁则). */
const LANGUAGE = { value: 'en-US', eastAsia: 'zh-CN' } as const;

/** The numbers of one layout profile in OOXML units. */
export interface DocxMetrics {
  /** Paper `w:pgSz` in twips (A4: 11906 × 16838). */
  page: { width: number; height: number };
  /** `w:pgMar` in twips (2098 / 1474 / 1984 / 1587), `footer`: page bottom → bottom of the footer line. */
  margin: { top: number; right: number; bottom: number; left: number; footer: number };
  /** Exact line pitch in twips (`w:spacing w:line="579" w:lineRule="exact"`, GB/T 9704-2012 §5.2.3). */
  line: number;
  /** Character spacing added to every body character, in twips: the profile's spacing rounded down, less one (−6 = −0.3 pt), so 28 fit a line in Word and LibreOffice alike. */
  charSpacing: number;
  /** First-line indent: twips (`w:firstLine`, 640) and hundredths of a character (`w:firstLineChars`, 200). */
  firstLine: { twips: number; chars: number };
  /** Size of each font role in half-points (`w:sz`: title 44, body 32, page number 28). */
  size: Record<FontRole, number>;
  /** Page-number paragraph: exact line height and indent from the outer edge, in twips (§7.5). */
  pageNumber: { line: number; outerIndent: number };
}

/**
 * Computes the OOXML numbers of a layout profile.
 *
 * The footer distance puts the page number's em dashes (the middle of a 四号 line) the profile's
 * `belowTypeAreaMm` (7 mm) below the type area (GB/T 9704-2012 §7.5): footer = bottom margin −
 * 7 mm − half the page-number line.
 *
 * @param layout - the layout profile (mm and pt)
 * @returns twips and half-points
 */
export function docxMetrics(layout: LayoutProfile): DocxMetrics {
  const size = Object.fromEntries(
    (Object.keys(layout.fonts) as FontRole[]).map((role) => [role, halfPoints(layout.fonts[role].sizePt)]),
  ) as Record<FontRole, number>;
  const pnLine = ptToTwips(layout.fonts.pageNumber.sizePt);
  return {
    page: { width: mmToTwips(layout.paper.widthMm), height: mmToTwips(layout.paper.heightMm) },
    margin: {
      top: mmToTwips(layout.margins.top),
      right: mmToTwips(layout.margins.right),
      bottom: mmToTwips(layout.margins.bottom),
      left: mmToTwips(layout.margins.left),
      footer: mmToTwips(layout.margins.bottom - layout.pageNumber.belowTypeAreaMm) - Math.round(pnLine / 2),
    },
    line: ptToTwips(layout.linePitchPt),
    // Rounded down to whole twips (w:spacing is in twentieths of a point: −0.207 pt → −5), and
    // one twip more: LibreOffice adds no spacing after the last character of a run (the runs
    // change at every Latin word and every mark set at half width), so 28 characters take 439.6 pt
    // of the 442.2, leaving room for those without letting a 29th character (or the narrowest
    // Latin letter, 4.4 pt) in.
    charSpacing: Math.floor(layout.charSpacingPt * 20) - 1,
    firstLine: {
      twips: ptToTwips(layout.firstLineIndentChars * layout.fonts.body.sizePt),
      chars: layout.firstLineIndentChars * 100,
    },
    size,
    pageNumber: { line: pnLine, outerIndent: ptToTwips(layout.pageNumber.outerIndentChars * layout.fonts.pageNumber.sizePt) },
  };
}

/**
 * The run fonts of a role: the East Asian face of the role (`w:eastAsia`), Times New Roman for
 * Latin letters and digits (`w:ascii`, `w:hAnsi`, `w:cs`), and `w:hint="eastAsia"` so that Word
 * draws the shared punctuation (“ ” — …) in the Chinese face. The page number is 宋体 throughout
 * (half-width 宋体 digits, §7.5).
 */
function fontsFor(layout: LayoutProfile, role: Exclude<FontRole, 'latin'>): {
  eastAsia: string;
  ascii: string;
  hAnsi: string;
  cs: string;
  hint: string;
} {
  const eastAsia = layout.fonts[role].name;
  const latin = role === 'pageNumber' ? eastAsia : layout.fonts.latin.name;
  return { eastAsia, ascii: latin, hAnsi: latin, cs: latin, hint: 'eastAsia' };
}

/** Run properties of a role, written both into the styles and onto every run. */
export function runFor(layout: LayoutProfile, m: DocxMetrics, role: Exclude<FontRole, 'latin'>): IRunStylePropertiesOptions {
  return {
    font: fontsFor(layout, role),
    size: m.size[role],
    sizeComplexScript: m.size[role],
    language: LANGUAGE,
    characterSpacing: role === 'body' || role === 'heading1' || role === 'heading2' ? m.charSpacing : 0,
  };
}

/**
 * The styles part: docDefaults and the Normal style carry the body's fonts (East Asian and Latin
 * set apart), size, language, exact line pitch, justification and first-line indent; the title,
 * the two heading levels and the page number each have a style of their own. No numbering styles:
 * every number is text from the resolved document.
 */
export function buildStyles(layout: LayoutProfile, m: DocxMetrics): IStylesOptions {
  const body = runFor(layout, m, 'body');
  const spacing = { line: m.line, lineRule: LineRuleType.EXACT, before: 0, after: 0 };
  const indent = { firstLine: m.firstLine.twips, firstLineChars: m.firstLine.chars };
  const para = (id: string, name: string, run: IRunStylePropertiesOptions, extra: IParagraphStyleOptions['paragraph'] = {}): IParagraphStyleOptions => ({
    id,
    name,
    basedOn: StyleId.normal,
    next: StyleId.normal,
    quickFormat: true,
    run,
    paragraph: { spacing, indent, alignment: AlignmentType.JUSTIFIED, ...extra },
  });
  return {
    default: {
      document: {
        run: body,
        paragraph: { spacing, alignment: AlignmentType.JUSTIFIED },
      },
    },
    paragraphStyles: [
      {
        id: StyleId.normal,
        name: 'Normal',
        quickFormat: true,
        run: body,
        paragraph: { spacing, indent, alignment: AlignmentType.JUSTIFIED },
      },
      para(StyleId.title, '公文标题', runFor(layout, m, 'title'), {
        alignment: AlignmentType.CENTER,
        indent: { firstLine: 0, firstLineChars: 0 },
        spacing: { ...spacing, after: m.line },
        outlineLevel: 0,
        keepNext: true,
      }),
      para(StyleId.heading1, '一级标题', runFor(layout, m, 'heading1'), { outlineLevel: 1 }),
      para(StyleId.heading2, '二级标题', runFor(layout, m, 'heading2'), { outlineLevel: 2 }),
      para(StyleId.pageNumber, '页码', runFor(layout, m, 'pageNumber'), {
        indent: { firstLine: 0, firstLineChars: 0 },
        spacing: { line: m.pageNumber.line, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
      }),
    ],
  };
}

/**
 * Section properties: A4, the margins, and a document grid of type `default` that records the
 * line pitch (579 twips). Not a `lines` grid: under one, LibreOffice gives each 二号 title line
 * two grid rows even with exact spacing; not `linesAndChars` (22 × 28, `w:charSpace="-848"`):
 * LibreOffice 7.4 then sets 14 characters a line (checked again on the composed DOCX of the
 * bundled example), where the composition's 28 fill every line in Word and LibreOffice alike. The exact paragraph spacing and the −0.25 pt character spacing make the
 * 22 × 28 grid in Word, WPS and LibreOffice alike.
 */
export function sectionProperties(m: DocxMetrics): {
  page: { size: { width: number; height: number }; margin: DocxMetrics['margin'] & { header: number; gutter: number } };
  grid: { type: typeof DocumentGridType.DEFAULT; linePitch: number };
} {
  return {
    page: {
      size: { width: m.page.width, height: m.page.height },
      margin: { ...m.margin, header: mmToTwips(15), gutter: 0 },
    },
    grid: { type: DocumentGridType.DEFAULT, linePitch: m.line },
  };
}
