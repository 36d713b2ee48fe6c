/**
 * What the `docx` library cannot write, written into its compiled XML: a small, documented step
 * on four parts. None of them depends on the document, only on the layout profile, so they are
 * finished once per profile (from a first `Packer.pack`) and handed to every later `Packer.pack`
 * as its `overrides`. Each change is a plain string edit at a place the library's output fixes;
 * a part that does not look as expected is left as it is (test/finish.test.ts pins the result).
 *
 * - `word/settings.xml`: `w:characterSpacingControl w:val="doNotCompress"` — Word, WPS and
 *   LibreOffice must not compress punctuation on their own: the composition (`@qingdan/layout`)
 *   decides which marks are set at half width and the DOCX carries that as character spacing, so
 *   that they break lines where the PDF does; `w:noLineBreaksBefore` / `w:noLineBreaksAfter`
 *   (zh-CN) with the composition's own 禁则 marks (`KINSOKU_NO_START`, `KINSOKU_NO_END`).
 * - `word/styles.xml`: the document defaults and the Normal style turn 禁则 on (`w:kinsoku`),
 *   keep closing marks inside the line (`w:overflowPunct`, see render.ts), and add no space
 *   between Chinese and Latin letters or digits (`w:autoSpaceDE`, `w:autoSpaceDN` off: the grid
 *   counts a digit as half a cell, nothing more); the built-in styles the library declares (Title,
 *   Heading 1–6, Caption…) lose their colours, so that nothing a user applies turns blue.
 * - `word/fontTable.xml`: the office faces the runs name, each with the face a machine without it
 *   should use (`w:altName`), its PANOSE class, character set and family, so that Word and WPS
 *   substitute 仿宋 for 仿宋_GB2312, 华文中宋 for 方正小标宋简体 … instead of a default face.
 * - `word/footer*.xml`: the PAGE field gets a cached result ("1" in the odd-page footer, "2" in the
 *   even one), which viewers that do not update fields show.
 */
import { KINSOKU_NO_END, KINSOKU_NO_START } from '@qingdan/layout';
import { strFromU8, unzipSync } from 'fflate';

/** A face of the font table: what Word needs to substitute it when the machine lacks it. */
export interface FontTableEntry {
  name: string;
  /** The face to use when `name` is missing (`w:altName`). */
  altName?: string;
  /** PANOSE-1 classification, 10 bytes as 20 hex digits (`w:panose1`). */
  panose: string;
  /** `w:charset`: 86 = GB2312 (Simplified Chinese), 00 = ANSI. */
  charset: '86' | '00';
  family: 'roman' | 'swiss' | 'modern' | 'script' | 'decorative' | 'auto';
  pitch: 'fixed' | 'variable' | 'default';
}

/**
 * The faces GB/T 9704-2012 names (§7.2–§7.5) and their substitutes, with the PANOSE numbers,
 * character sets and families of the Windows faces.
 */
export const FONT_TABLE: readonly FontTableEntry[] = [
  { name: '仿宋_GB2312', altName: '仿宋', panose: '02010609030101010101', charset: '86', family: 'modern', pitch: 'fixed' },
  { name: '仿宋', altName: 'FangSong', panose: '02010609060101010101', charset: '86', family: 'modern', pitch: 'fixed' },
  { name: '方正小标宋简体', altName: '华文中宋', panose: '02000000000000000000', charset: '86', family: 'auto', pitch: 'variable' },
  { name: '华文中宋', altName: '宋体', panose: '02010600040101010101', charset: '86', family: 'auto', pitch: 'variable' },
  { name: '黑体', altName: 'SimHei', panose: '02010609060101010101', charset: '86', family: 'modern', pitch: 'fixed' },
  { name: '楷体_GB2312', altName: '楷体', panose: '02010609030101010101', charset: '86', family: 'modern', pitch: 'fixed' },
  { name: '楷体', altName: 'KaiTi', panose: '02010609060101010101', charset: '86', family: 'modern', pitch: 'fixed' },
  { name: '宋体', altName: 'SimSun', panose: '02010600030101010101', charset: '86', family: 'auto', pitch: 'variable' },
  { name: 'Times New Roman', panose: '02020603050405020304', charset: '00', family: 'roman', pitch: 'variable' },
];

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The font table part: {@link FONT_TABLE}, the faces of the profile first-class. */
export function fontTableXml(): string {
  const fonts = FONT_TABLE.map(
    (f) =>
      `<w:font w:name="${escapeXml(f.name)}">${f.altName ? `<w:altName w:val="${escapeXml(f.altName)}"/>` : ''}<w:panose1 w:val="${f.panose}"/><w:charset w:val="${f.charset}"/><w:family w:val="${f.family}"/><w:pitch w:val="${f.pitch}"/></w:font>`,
  ).join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts xmlns:w="${W}">${fonts}</w:fonts>`;
}

/** Paragraph properties every body paragraph inherits: 禁则 on, no hanging marks, no CJK–Latin spacing. */
const EAST_ASIAN_PPR = '<w:kinsoku w:val="1"/><w:overflowPunct w:val="1"/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>';

/** Inserts {@link EAST_ASIAN_PPR} into a `w:pPr` before its first element that comes after them in CT_PPrBase. */
function withEastAsianPpr(pPr: string): string {
  const later = /<w:(bidi|adjustRightInd|snapToGrid|spacing|ind|contextualSpacing|mirrorIndents|suppressOverlap|jc|textDirection|textAlignment|textboxTightWrap|outlineLvl|divId|cnfStyle|rPr|sectPr|pPrChange)\b/.exec(pPr);
  const clean = pPr.replace(/<w:(kinsoku|overflowPunct|autoSpaceDE|autoSpaceDN)\b[^>]*\/>/g, '');
  const at = later ? clean.indexOf(later[0]) : clean.lastIndexOf('</w:pPr>');
  return at < 0 ? pPr : `${clean.slice(0, at)}${EAST_ASIAN_PPR}${clean.slice(at)}`;
}

/** The settings part with the East Asian line-breaking settings (see the module comment). */
export function finishSettings(xml: string): string {
  if (xml.includes('<w:characterSpacingControl')) return xml;
  const compat = xml.indexOf('<w:compat');
  const at = compat >= 0 ? compat : xml.lastIndexOf('</w:settings>');
  if (at < 0) return xml;
  // CT_Settings order: … characterSpacingControl, …, noLineBreaksAfter, noLineBreaksBefore, …, compat.
  const add =
    '<w:characterSpacingControl w:val="doNotCompress"/>' +
    `<w:noLineBreaksAfter w:lang="zh-CN" w:val="${escapeXml(KINSOKU_NO_END)}"/>` +
    `<w:noLineBreaksBefore w:lang="zh-CN" w:val="${escapeXml(KINSOKU_NO_START)}"/>`;
  return `${xml.slice(0, at)}${add}${xml.slice(at)}`;
}

/** The styles part: East Asian paragraph settings in the defaults and Normal; no colours in built-in styles. */
export function finishStyles(xml: string): string {
  let out = xml.replace(/<w:pPrDefault>([\s\S]*?)<\/w:pPrDefault>/, (m, inner: string) =>
    inner.includes('<w:pPr>') ? m.replace(/<w:pPr>[\s\S]*?<\/w:pPr>/, (p) => withEastAsianPpr(p)) : `<w:pPrDefault><w:pPr>${EAST_ASIAN_PPR}</w:pPr>${inner}</w:pPrDefault>`,
  );
  out = out.replace(/(<w:style [^>]*w:styleId="Normal"[^>]*>)([\s\S]*?)(<\/w:style>)/, (_m, open: string, body: string, close: string) => {
    const styled = body.includes('<w:pPr>') ? body.replace(/<w:pPr>[\s\S]*?<\/w:pPr>/, (p) => withEastAsianPpr(p)) : body;
    return `${open}${styled}${close}`;
  });
  // Colours of the library's built-in styles (Title, Heading1–6, Caption, …): black like the text.
  return out.replace(/(<w:style [^>]*w:styleId="(?!Hyperlink)[^"]*"[^>]*>)([\s\S]*?)(<\/w:style>)/g, (_m, open: string, body: string, close: string) => `${open}${body.replace(/<w:color [^>]*\/>/g, '')}${close}`);
}

/** A footer part whose PAGE field carries a cached result: 1 on the right (odd pages), 2 on the left. */
export function finishFooter(xml: string): string {
  if (!xml.includes('PAGE</w:instrText>') || xml.includes('w:fldCharType="separate"/><w:t>')) return xml;
  const page = /<w:jc w:val="left"\/>/.test(xml) ? '2' : '1';
  return xml.replace('<w:fldChar w:fldCharType="separate"/>', `<w:fldChar w:fldCharType="separate"/><w:t>${page}</w:t>`);
}

/**
 * Finishes one compiled part (see the module comment); other parts come back as they are.
 *
 * @param path - the part's path in the package, e.g. `word/settings.xml`
 * @param xml - its XML as docx compiled it
 */
export function finishPart(path: string, xml: string): string {
  if (path === 'word/settings.xml') return finishSettings(xml);
  if (path === 'word/styles.xml') return finishStyles(xml);
  if (path === 'word/fontTable.xml') return fontTableXml();
  if (/^word\/footer\d+\.xml$/.test(path)) return finishFooter(xml);
  return xml;
}

/** The parts {@link finishPart} changes (the others are passed through untouched). */
export const FINISHED_PARTS = /^word\/(settings|styles|fontTable|footer\d+)\.xml$/;

/**
 * The finished parts of a packed DOCX (the bytes of `Packer.pack`), as `Packer.pack`'s overrides:
 * path and finished XML of each part {@link FINISHED_PARTS} matches.
 */
export function finishedParts(bytes: Uint8Array): { path: string; data: string }[] {
  const files = unzipSync(bytes, { filter: (f) => FINISHED_PARTS.test(f.name) });
  return Object.entries(files).map(([path, data]) => ({ path, data: finishPart(path, strFromU8(data)) }));
}
