/**
 * Fonts by role: which file serves the title, the body, the two heading levels and the page
 * number, found in this order (the first that exists wins):
 *
 * 1. **user** — a font file or folder the user names (`createPdfRenderer({ fonts })`, the CLI's
 *    `--fonts`, or the `QINGDAN_FONTS` environment variable, several separated by the path
 *    delimiter). A face is given the role whose office face names it carries (e.g. a file whose
 *    family is 仿宋_GB2312 serves `body`); `role=path` binds a file to a role explicitly
 *    (`body=/fonts/myfangsong.ttf`). Faces that match no role are tried first for characters the
 *    role fonts lack.
 * 2. **office** — the fonts offices have, in the usual Windows, macOS and Linux font folders:
 *    方正小标宋简体 (title), 仿宋_GB2312 / 仿宋 simfang.ttf (body), 黑体 simhei.ttf (level-1 heading),
 *    楷体_GB2312 / 楷体 simkai.ttf (level-2 heading), 宋体 simsun.ttc (page number; TrueType
 *    collections are searched by face name).
 * 3. **system** open faces of the role's style: FandolFang (an open 仿宋, GPL with the font
 *    exception; TeX Live, Debian texlive-lang-chinese) for the body, LXGW WenKai (霞鹜文楷) or AR PL
 *    UKai CN for the level-2 heading.
 * 4. **bundled** — open fonts installed with the project from npm (SIL OFL):
 *    title → Noto Serif SC Black (no free 小标宋 exists; a heavy Song is the nearest look),
 *    body → Noto Serif SC Regular (when no FandolFang is there),
 *    bodyBold (a clause's lead sentence) → Noto Serif SC Bold,
 *    heading1 → Noto Sans SC Regular (黑体 is a sans),
 *    heading2 → Noto Serif SC Regular when no Kai font is on the system,
 *    pageNumber → Noto Serif SC Regular (宋体 is a Song/serif face).
 *
 * Office faces and FandolFang have no bold; when the body comes from a user, office or system
 * font, `bodyBold` uses the same face (the lead sentence is then not bold in the PDF).
 * {@link fontReason} says, in Chinese, why each face serves its role (`qingdan fonts`).
 *
 * Rules: GB/T 9704-2012 §7.2 (faces by element), §7.5 (page number in 宋体).
 */
import { closeSync, existsSync, fstatSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, delimiter, extname, join, resolve as resolvePath } from 'node:path';
import { QingdanError } from '@qingdan/model';
import { pdfAccel } from '@qingdan/accel';
import { fontkit, type FkCollection, type FkFont } from './fontkit.js';

/** The font roles of the PDF: the layout's roles (without `latin`) plus the bold lead sentence. */
export type PdfFontRole = 'title' | 'body' | 'bodyBold' | 'heading1' | 'heading2' | 'pageNumber';

/** Every {@link PdfFontRole}, in report order. */
export const PDF_FONT_ROLES: readonly PdfFontRole[] = ['title', 'body', 'bodyBold', 'heading1', 'heading2', 'pageNumber'];

/** Chinese names of the roles, for reports and messages. */
export const ROLE_LABELS: Record<PdfFontRole, string> = {
  title: '标题（小标宋）',
  body: '正文（仿宋）',
  bodyBold: '条款首句加粗',
  heading1: '一级标题（黑体）',
  heading2: '二级标题（楷体）',
  pageNumber: '页码（宋体）',
};

/** Where a font came from. */
export type FontSource = 'user' | 'office' | 'bundled' | 'system';

/** The file that serves a role. */
export interface FontChoice {
  /** Absolute path of the font file (`.ttf`, `.otf`, `.ttc`). */
  file: string;
  /** PostScript name of the face used (for a collection: the face chosen in it). */
  face: string;
  /** Family name of the face, e.g. `Noto Serif SC`, `FangSong`. */
  family: string;
  source: FontSource;
}

/** Role → the file that serves it. */
export type FontReport = Record<PdfFontRole, FontChoice>;

/** Options of font resolution. */
export interface FontOptions {
  /**
   * Font files or folders the user names, tried before everything else; `role=path` binds a file
   * to a role. When not given, `QINGDAN_FONTS` (path-delimiter separated) is read.
   */
  fonts?: string | string[];
  /**
   * The folders searched for office and system fonts. Defaults to the usual Windows, macOS and
   * Linux font folders ({@link defaultFontDirs}); tests pass their own (or `[]` for none).
   */
  systemFontDirs?: string[];
  /**
   * Font files already read, by absolute path (whole file bytes; typically views of
   * `SharedArrayBuffer`s another thread read, from its {@link fontFileBytes}). A font file in it
   * is parsed from these bytes instead of being read again; other files are read as usual.
   * Which file serves which role does not change.
   */
  fontBytes?: ReadonlyMap<string, Uint8Array>;
}

/** A parsed face and what pdfkit is given for it: everything the renderer needs of one font. */
export interface LoadedFont {
  /** Process-unique key: `file#face`. */
  key: string;
  choice: FontChoice;
  font: FkFont;
  /** The bytes pdfkit opens: the font file's, or what `@qingdan/accel` gives instead (a parsed font shared across documents). */
  pdfkitBytes: Buffer;
  /** The face pdfkit picks in those bytes (a collection's PostScript name), when it must pick one. */
  pdfkitFace?: string;
}

interface Candidate {
  file: string;
  /** Face (PostScript or family name) inside a collection. */
  face?: string;
}

/** Office faces by role: file names in the font folders and the family names they carry. */
const OFFICE: Record<PdfFontRole, { files: Candidate[]; families: string[] }> = {
  title: {
    files: [{ file: 'FZXBSJW.TTF' }, { file: 'FZXBSK.TTF' }, { file: 'FZXiaoBiaoSong-B05S.ttf' }, { file: '方正小标宋简体.ttf' }, { file: '方正小标宋_GBK.ttf' }],
    families: ['方正小标宋简体', '方正小标宋_GBK', 'FZXiaoBiaoSong-B05S', 'FZXiaoBiaoSong-B05', 'FZXBSJW--GB1-0'],
  },
  body: {
    files: [{ file: 'simfang.ttf' }, { file: 'FangSong_GB2312.ttf' }, { file: 'FS_GB2312.ttf' }, { file: '仿宋_GB2312.ttf' }, { file: 'STFANGSO.TTF' }, { file: 'Fangsong.ttf' }],
    families: ['仿宋_GB2312', 'FangSong_GB2312', '仿宋', 'FangSong', 'STFangsong', '华文仿宋'],
  },
  bodyBold: { files: [], families: [] },
  heading1: {
    files: [{ file: 'simhei.ttf' }, { file: 'STHeiti Medium.ttc', face: 'STHeitiSC-Medium' }],
    families: ['黑体', 'SimHei', 'STHeiti', '华文黑体'],
  },
  heading2: {
    files: [{ file: 'simkai.ttf' }, { file: 'KaiTi_GB2312.ttf' }, { file: '楷体_GB2312.ttf' }, { file: 'STKAITI.TTF' }, { file: 'Kaiti.ttc', face: 'STKaiti-SC-Regular' }],
    families: ['楷体_GB2312', 'KaiTi_GB2312', '楷体', 'KaiTi', 'STKaiti', '华文楷体'],
  },
  pageNumber: {
    files: [{ file: 'simsun.ttc', face: 'SimSun' }, { file: 'simsun.ttf' }, { file: 'Songti.ttc', face: 'STSongti-SC-Regular' }],
    families: ['宋体', 'SimSun', 'STSong', '华文宋体'],
  },
};

/** Open Kai fonts a Linux system may have (Debian `fonts-lxgw-wenkai`, `fonts-arphic-ukai`). */
const SYSTEM_KAI: Candidate[] = [{ file: 'LXGWWenKai-Regular.ttf' }, { file: 'ukai.ttc', face: 'AR PL UKai CN' }];

/**
 * Open faces a system may have for the other roles: FandolFang, an open 仿宋 (Fandol team, GPL
 * with the font exception: embedding it in a document puts no licence on the document; TeX Live
 * and Debian's `texlive-lang-chinese` ship it; it covers GB 2312, characters beyond fall back to
 * the next font), so that the body looks 仿宋 without the office fonts.
 */
const SYSTEM_BY_ROLE: Partial<Record<PdfFontRole, Candidate[]>> = {
  body: [{ file: 'FandolFang-Regular.otf' }],
  heading2: SYSTEM_KAI,
};

/** Office fonts that cover rare ideographs (CJK Extension B and later), tried as fallbacks. */
const OFFICE_FALLBACKS: Candidate[] = [{ file: 'simsunb.ttf' }, { file: 'SimSun-ExtG.ttf' }, { file: 'SimSun-ExtB.ttf' }];

const requireHere = createRequire(import.meta.url);

/** The bundled open fonts (npm packages `@expo-google-fonts/noto-serif-sc`, `…/noto-sans-sc`). */
const BUNDLED = {
  serif: '@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf',
  serifBold: '@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf',
  serifBlack: '@expo-google-fonts/noto-serif-sc/900Black/NotoSerifSC_900Black.ttf',
  sans: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
} as const;

const BUNDLED_BY_ROLE: Record<PdfFontRole, keyof typeof BUNDLED> = {
  title: 'serifBlack',
  body: 'serif',
  bodyBold: 'serifBold',
  heading1: 'sans',
  heading2: 'serif',
  pageNumber: 'serif',
};

function bundledPath(which: keyof typeof BUNDLED): string | undefined {
  try {
    return requireHere.resolve(BUNDLED[which]);
  } catch {
    return undefined;
  }
}

/**
 * The usual font folders of Windows, macOS and Linux (those that do not exist are skipped when
 * searched).
 */
export function defaultFontDirs(): string[] {
  const home = homedir();
  const win = process.env.WINDIR ?? 'C:\\Windows';
  return [
    join(win, 'Fonts'),
    ...(process.env.LOCALAPPDATA ? [join(process.env.LOCALAPPDATA, 'Microsoft', 'Windows', 'Fonts')] : []),
    '/Library/Fonts',
    '/System/Library/Fonts',
    '/System/Library/Fonts/Supplemental',
    join(home, 'Library', 'Fonts'),
    '/Applications/Microsoft Word.app/Contents/Resources/DFonts',
    '/usr/share/fonts',
    '/usr/local/share/fonts',
    // FandolFang (open 仿宋) as TeX Live and Debian's texlive-lang-chinese install it.
    '/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol',
    '/usr/share/texmf/fonts/opentype/public/fandol',
    join(home, '.fonts'),
    join(home, '.local', 'share', 'fonts'),
  ];
}

const FONT_EXTENSIONS = new Set(['.ttf', '.otf', '.ttc', '.otc']);

/** Font files under a folder (recursively, at most `depth` levels). */
function walkFonts(dir: string, depth = 5, out: string[] = []): string[] {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory() && depth > 0) walkFonts(p, depth - 1, out);
    else if ((e.isFile() || e.isSymbolicLink()) && FONT_EXTENSIONS.has(extname(e.name).toLowerCase())) out.push(p);
  }
  return out;
}

const dirIndexes = new Map<string, Map<string, string>>();

/** Lower-case file name → path of every font file under some folders (built once per folder set). */
function fontIndex(dirs: readonly string[]): Map<string, string> {
  const key = dirs.join('\n');
  let index = dirIndexes.get(key);
  if (!index) {
    index = new Map();
    for (const dir of dirs) {
      for (const file of walkFonts(dir)) {
        const name = basename(file).toLowerCase();
        if (!index.has(name)) index.set(name, file);
      }
    }
    dirIndexes.set(key, index);
  }
  return index;
}

const parsedFiles = new Map<string, FkFont | FkCollection>();
const loadedFaces = new Map<string, LoadedFont>();

/** Bytes of the font files this thread has opened or was given, by path (see {@link fontFileBytes}). */
const fileBytes = new Map<string, Uint8Array>();

/**
 * The bytes of every font file this thread has opened (read into `SharedArrayBuffer`s) or was
 * given ({@link FontOptions.fontBytes}), by absolute path. A batch passes them to its other worker
 * threads (`postMessage` / `workerData` share a `SharedArrayBuffer`, they don't copy it), so that
 * N threads hold one copy of the font files instead of N. (With `@qingdan/accel`'s
 * `pdf-font-pages`, of a TrueType file only the tables are read at once; its glyph outlines are
 * read page by page as documents need them, by whichever thread needs them first.)
 *
 * @returns path → file bytes, `byteLength` = the file's size (views of `SharedArrayBuffer`s; outline
 *   pages not needed yet are zero); the map is live, don't change it
 */
export function fontFileBytes(): ReadonlyMap<string, Uint8Array> {
  return fileBytes;
}

/** Takes font file bytes read elsewhere (see {@link FontOptions.fontBytes}). */
export function useFontBytes(given: ReadonlyMap<string, Uint8Array> | undefined): void {
  if (!given) return;
  const accel = pdfAccel(fontkit);
  for (const [file, bytes] of given) {
    if (fileBytes.has(file)) continue;
    accel?.adoptFontBytes?.(file, bytes);
    fileBytes.set(file, bytes);
  }
}

/**
 * Reads a whole font file into a `SharedArrayBuffer` (so that other threads can be given it
 * without a copy, see {@link fontFileBytes}), or as `@qingdan/accel` reads it (outlines on demand).
 */
function readFontFile(file: string): Buffer {
  const accelRead = pdfAccel(fontkit)?.readFontFile;
  if (accelRead) return accelRead(file);
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const bytes = Buffer.from(new SharedArrayBuffer(size));
    for (let at = 0; at < size; ) {
      const n = readSync(fd, bytes, at, size - at, at);
      if (n === 0) throw new Error(`文件在读取时变短了（${at} / ${size} 字节）`);
      at += n;
    }
    return bytes;
  } finally {
    closeSync(fd);
  }
}

/** The bytes of a font file this thread has read, as a Buffer (no copy). */
function fileBuffer(file: string): Buffer {
  const bytes = fileBytes.get(file);
  if (!bytes) throw new Error(`qingdan: font file ${file} was not read`);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function openFile(file: string): FkFont | FkCollection {
  let parsed = parsedFiles.get(file);
  if (!parsed) {
    try {
      let bytes = fileBytes.get(file);
      if (!bytes) {
        bytes = readFontFile(file);
        fileBytes.set(file, bytes);
      }
      parsed = fontkit.create(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    } catch (cause) {
      throw new QingdanError('FONT_NOT_FOUND', `无法读取字体文件 ${file}：${String(cause)}。请确认它是 TrueType/OpenType 字体（.ttf、.otf、.ttc）。`, { cause });
    }
    parsedFiles.set(file, parsed);
  }
  return parsed;
}

/** All names a face carries (PostScript, family, full name, in every language of its name table). */
function namesOf(font: FkFont): string[] {
  const out = new Set<string>([font.postscriptName, font.familyName, font.fullName ?? ''].filter(Boolean));
  const records = font.name?.records ?? {};
  for (const key of ['fontFamily', 'preferredFamily', 'fullName', 'postscriptName']) {
    for (const v of Object.values(records[key] ?? {})) if (typeof v === 'string') out.add(v);
  }
  return [...out];
}

function facesOf(parsed: FkFont | FkCollection): FkFont[] {
  return 'fonts' in parsed ? parsed.fonts : [parsed];
}

/**
 * Parses a face once per process (later calls return the same object).
 *
 * @param file - font file
 * @param face - the face of a collection (PostScript or family name); the first face when omitted
 * @param source - where the file was found
 * @throws {QingdanError} `FONT_NOT_FOUND` when the file cannot be read or has no such face
 */
export function loadFace(file: string, face: string | undefined, source: FontSource): LoadedFont {
  const key = `${file}#${face ?? ''}`;
  const cached = loadedFaces.get(key);
  if (cached) return cached.choice.source === source ? cached : { ...cached, choice: { ...cached.choice, source } };
  const parsed = openFile(file);
  const faces = facesOf(parsed);
  const wanted = face?.toLowerCase();
  const font = wanted ? faces.find((f) => namesOf(f).some((n) => n.toLowerCase() === wanted)) : faces[0];
  if (!font) {
    const have = faces.map((f) => f.postscriptName).join('、');
    throw new QingdanError('FONT_NOT_FOUND', `字体文件 ${file} 中没有字形「${face ?? ''}」（其中有：${have}）。`);
  }
  const token = pdfAccel(fontkit)?.prepareFont(key, font);
  const loaded: LoadedFont = {
    key,
    choice: { file, face: font.postscriptName, family: font.familyName, source },
    font,
    pdfkitBytes: token ?? fileBuffer(file),
    ...(token === undefined && 'fonts' in parsed ? { pdfkitFace: font.postscriptName } : {}),
  };
  loadedFaces.set(key, loaded);
  return loaded;
}

/** The role a face serves by its names, if any. */
function roleByName(font: FkFont, file: string): PdfFontRole | undefined {
  const names = namesOf(font).map((n) => n.toLowerCase());
  const fileName = basename(file).toLowerCase();
  for (const role of PDF_FONT_ROLES) {
    const o = OFFICE[role];
    if (o.families.some((f) => names.includes(f.toLowerCase()))) return role;
    if (o.files.some((c) => c.file.toLowerCase() === fileName)) return role;
  }
  return undefined;
}

interface UserFonts {
  byRole: Partial<Record<PdfFontRole, LoadedFont>>;
  others: LoadedFont[];
}

const ROLE_PREFIX = /^(title|body|bodyBold|heading1|heading2|pageNumber)=(.+)$/;

function userEntries(fonts: FontOptions['fonts']): string[] {
  if (fonts !== undefined) return (Array.isArray(fonts) ? fonts : [fonts]).filter((s) => s.trim() !== '');
  const env = process.env.QINGDAN_FONTS;
  return env ? env.split(delimiter).filter((s) => s.trim() !== '') : [];
}

function readUserFonts(entries: readonly string[]): UserFonts {
  const out: UserFonts = { byRole: {}, others: [] };
  for (const entry of entries) {
    const m = ROLE_PREFIX.exec(entry);
    const path = resolvePath(m ? (m[2] ?? '') : entry);
    if (!existsSync(path)) {
      throw new QingdanError('FONT_NOT_FOUND', `找不到指定的字体「${path}」。请检查路径，或去掉这一项改用系统字体或随附的开源字体。`, {
        issues: [{ message: `字体路径不存在：${path}`, where: { font: entry } }],
      });
    }
    if (m) {
      out.byRole[m[1] as PdfFontRole] = loadFace(path, undefined, 'user');
      continue;
    }
    const files = statSync(path).isDirectory() ? walkFonts(path) : [path];
    if (files.length === 0) {
      throw new QingdanError('FONT_NOT_FOUND', `文件夹「${path}」中没有字体文件（.ttf、.otf、.ttc）。请指定含有字体的文件夹或字体文件。`);
    }
    for (const file of files.sort()) {
      for (const face of facesOf(openFile(file))) {
        const loaded = loadFace(file, face.postscriptName, 'user');
        const role = roleByName(face, file);
        if (role && !out.byRole[role]) out.byRole[role] = loaded;
        else out.others.push(loaded);
      }
    }
  }
  return out;
}

function findIn(index: Map<string, string>, candidates: readonly Candidate[], source: FontSource): LoadedFont | undefined {
  for (const c of candidates) {
    const file = index.get(c.file.toLowerCase());
    if (!file) continue;
    try {
      return loadFace(file, c.face, source);
    } catch {
      // An unreadable or unexpected file does not stop the search; the next candidate is tried.
    }
  }
  return undefined;
}

/** A font that may be tried for characters the role font lacks; parsed only when needed. */
export interface FallbackFont {
  load(): LoadedFont | undefined;
}

/** The resolved fonts: one per role, plus the fallback chain for characters a role font lacks. */
export interface FontSet {
  roles: Record<PdfFontRole, LoadedFont>;
  /** Fonts tried, in order, after the role's own font. */
  fallbacks: FallbackFont[];
  report: FontReport;
}

/**
 * Resolves the font of every role (see the module comment for the order) and the fallback chain.
 * Each face is parsed once per process and shared afterwards.
 *
 * @throws {QingdanError} `FONT_NOT_FOUND` when a named user font does not exist or cannot be
 *   read, or when a role has no font at all (the bundled fonts are not installed)
 */
export function resolveFonts(options: FontOptions = {}): FontSet {
  useFontBytes(options.fontBytes);
  const user = readUserFonts(userEntries(options.fonts));
  const index = fontIndex(options.systemFontDirs ?? defaultFontDirs());
  const roles = {} as Record<PdfFontRole, LoadedFont>;
  for (const role of PDF_FONT_ROLES) {
    if (role === 'bodyBold') continue;
    const found =
      user.byRole[role] ??
      findIn(index, OFFICE[role].files, 'office') ??
      findIn(index, SYSTEM_BY_ROLE[role] ?? [], 'system') ??
      bundledFont(BUNDLED_BY_ROLE[role]);
    if (!found) {
      throw new QingdanError(
        'FONT_NOT_FOUND',
        `没有可用于「${ROLE_LABELS[role]}」的字体：系统中没有办公字体，随附的开源字体也没有安装。请在项目目录运行 npm install，或用 --fonts 指定字体文件或文件夹。`,
      );
    }
    roles[role] = found;
  }
  roles.bodyBold =
    user.byRole.bodyBold ?? (roles.body.choice.source === 'bundled' ? (bundledFont('serifBold') ?? roles.body) : roles.body);

  const fallbacks: FallbackFont[] = [
    ...user.others.map((f) => ({ load: () => f })),
    ...(['serif', 'sans'] as const).map((which) => ({ load: () => bundledFont(which) })),
    ...[...SYSTEM_KAI, ...OFFICE_FALLBACKS].map((c) => ({
      load: () => findIn(index, [c], OFFICE_FALLBACKS.includes(c) ? 'office' : 'system'),
    })),
  ];
  const report = Object.fromEntries(PDF_FONT_ROLES.map((r) => [r, roles[r].choice])) as FontReport;
  return { roles, fallbacks, report };
}

function bundledFont(which: keyof typeof BUNDLED): LoadedFont | undefined {
  const file = bundledPath(which);
  return file ? loadFace(file, undefined, 'bundled') : undefined;
}

/**
 * Which file serves each role, without creating a renderer (for `qingdan fonts`).
 *
 * @param options - the same font options as {@link resolveFonts}
 * @returns role → { file, face, family, source }
 * @throws {QingdanError} `FONT_NOT_FOUND` as {@link resolveFonts}
 */
export function fontReport(options: FontOptions = {}): FontReport {
  return resolveFonts(options).report;
}

const SOURCE_LABELS: Record<FontSource, string> = {
  user: '用户指定',
  office: '办公字体',
  system: '系统开源字体',
  bundled: '随附开源字体',
};

/**
 * The font report as lines of Chinese text, one per role, with why ({@link fontReason}), e.g.
 * `正文（仿宋）：FandolFang（FandolFang-Regular，系统开源字体）/usr/…/FandolFang-Regular.otf——本机没有仿宋_GB2312 / 仿宋，改用…`.
 */
export function formatFontReport(report: FontReport): string[] {
  return PDF_FONT_ROLES.map((role) => {
    const c = report[role];
    return `${ROLE_LABELS[role]}：${c.family}（${c.face}，${SOURCE_LABELS[c.source]}）${c.file}——${fontReason(role, c)}`;
  });
}

/** The office faces GB/T 9704-2012 names for each role (§7.2–§7.5), for the reasons below. */
const OFFICE_NAMES: Record<PdfFontRole, string> = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312 / 仿宋',
  bodyBold: '仿宋_GB2312 / 仿宋',
  heading1: '黑体',
  heading2: '楷体_GB2312 / 楷体',
  pageNumber: '宋体',
};

/**
 * Why a face serves a role, in Chinese, for `qingdan fonts`: the user named it; the machine has the
 * office face GB/T 9704 names; it lacks it and an open face of the same style stands in (FandolFang
 * for 仿宋, LXGW WenKai / AR PL UKai for 楷体); or only the bundled Noto fonts are left (a heavy Song
 * for 小标宋, Song for 仿宋 and 宋体, Sans for 黑体).
 *
 * @param role - the role
 * @param choice - the face that serves it ({@link FontReport})
 */
export function fontReason(role: PdfFontRole, choice: FontChoice): string {
  const office = OFFICE_NAMES[role];
  if (role === 'bodyBold') {
    return choice.source === 'bundled' ? '正文为随附字体时，条款首句用其粗体（Noto Serif SC Bold）' : '仿宋没有粗体：条款首句与正文同一字体，不加粗';
  }
  switch (choice.source) {
    case 'user':
      return '用户指定（--fonts 或 QINGDAN_FONTS）';
    case 'office':
      return `本机有办公字体，即 GB/T 9704-2012 所定的${office}`;
    case 'system':
      return role === 'body'
        ? `本机没有${office}，改用开源仿宋体 ${choice.family}（GPL 加字体例外，可嵌入）；它没有的字逐字改用下一个有该字的字体`
        : `本机没有${office}，改用开源的同类字体 ${choice.family}`;
    case 'bundled': {
      const style: Record<PdfFontRole, string> = {
        title: '粗重的宋体，最接近小标宋',
        body: '宋体风格：找不到开源仿宋 FandolFang（TeX Live 或 Debian 软件包 texlive-lang-chinese 自带，可用 --fonts 指定）',
        bodyBold: '',
        heading1: '黑体风格',
        heading2: '宋体风格：也没有开源楷体（如 Debian 软件包 fonts-lxgw-wenkai）',
        pageNumber: '宋体风格',
      };
      return `本机没有${office}，改用随附的 ${choice.family}（${style[role]}）`;
    }
  }
}
