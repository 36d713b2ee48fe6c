/**
 * The one switch of the speed-ups: {@link install} decides, once per thread, which are on (all,
 * unless `QINGDAN_ACCEL` or its options say otherwise), checks each against the exact version of
 * the library it reaches into, installs the prototype patches whose guard passes, and reports
 * what it did. The PDF renderer asks {@link pdfAccel} for what it may use;
 * both install with the defaults on first call, so a program that never calls `install()` gets
 * the speed-ups, and `QINGDAN_ACCEL=0` turns them all off. Only the PDF renderer has any: the
 * DOCX speed-ups (docx's compiler with an own zip, static parts behind a Proxy) and the PDF
 * deflate level were measured at under 10 % of a batch and removed (bench/README.md).
 */
import { adoptFontBytes, readFontFile } from './font-pages.js';
import { cacheLayouts, copyGlyphBytes, readGlyphsOnDemand, registerSharedFormat, shareFont, type FontkitModule } from './fontkit-patches.js';
import { pdfLibraries, PINNED, type Library } from './libraries.js';

/** The speed-ups, by id. */
export type AccelPatchId = 'pdf-font-share' | 'pdf-font-pages' | 'pdf-layout-cache' | 'pdf-subset';

/** What each speed-up reaches into and what it needs. */
const PATCHES: readonly { id: AccelPatchId; libraries: Library[]; needs: AccelPatchId[]; summary: string }[] = [
  { id: 'pdf-font-share', libraries: ['pdfmake', 'pdfkit', 'fontkit'], needs: [], summary: '字体每个线程只解析一次，pdfkit 用已解析的字体（fontkit registerFormat）' },
  { id: 'pdf-font-pages', libraries: ['pdfmake', 'pdfkit', 'fontkit'], needs: [], summary: '字体文件的字形轮廓用到时才读入内存（fontkit TTFGlyph、TTFSubset 原型）' },
  { id: 'pdf-layout-cache', libraries: ['pdfmake', 'pdfkit', 'fontkit'], needs: ['pdf-font-share'], summary: '同一字体的文字排版结果跨文档复用（font.layout）' },
  { id: 'pdf-subset', libraries: ['pdfmake', 'pdfkit', 'fontkit'], needs: [], summary: 'TrueType 子集直接复制字形字节，不解码（fontkit TTFSubset 原型）' },
];

/** Every speed-up id, in report order. */
export const ACCEL_PATCH_IDS: readonly AccelPatchId[] = PATCHES.map((p) => p.id);

/** One speed-up in the report. */
export interface AccelPatchReport {
  id: AccelPatchId;
  /** In Chinese: what it does and what it reaches into. */
  summary: string;
  /** Library → pinned version / installed version (`undefined`: not found). */
  versions: Partial<Record<Library, { pinned: string; installed: string | undefined }>>;
  on: boolean;
  /** In Chinese: why it is off (switched off, version differs, library changed), or `已启用`. */
  reason: string;
}

/** What {@link install} did. */
export interface AccelReport {
  /** Where the decision came from: the default, the `QINGDAN_ACCEL` variable, or `install()`'s options. */
  source: 'default' | 'env' | 'option';
  patches: AccelPatchReport[];
}

/** Options of {@link install}. */
export interface InstallOptions {
  /** `true` all, `false` none, or the ids to turn on; overrides `QINGDAN_ACCEL`. */
  enabled?: boolean | readonly AccelPatchId[];
}

/**
 * The speed-ups `QINGDAN_ACCEL` asks for: unset, `1` or `on` all; `0` or `off` none; otherwise a
 * comma-separated list of ids to turn on, or of `-id` to turn off (the others on).
 *
 * @throws {Error} for an id it does not know (a typo must not silently measure the wrong thing)
 */
export function parseAccelEnv(value: string | undefined): { wanted: Set<AccelPatchId>; source: AccelReport['source'] } {
  const all = new Set(ACCEL_PATCH_IDS);
  const v = value?.trim().toLowerCase();
  if (v === undefined || v === '') return { wanted: all, source: 'default' };
  if (v === '1' || v === 'on' || v === 'true') return { wanted: all, source: 'env' };
  if (v === '0' || v === 'off' || v === 'false') return { wanted: new Set(), source: 'env' };
  const items = v.split(',').map((s) => s.trim()).filter(Boolean);
  const negative = items.every((s) => s.startsWith('-'));
  const wanted = negative ? all : new Set<AccelPatchId>();
  for (const item of items) {
    const id = item.replace(/^-/, '') as AccelPatchId;
    if (!all.has(id)) throw new Error(`QINGDAN_ACCEL：不认识「${id}」。可用：0、1，或以逗号分隔的 ${ACCEL_PATCH_IDS.join('、')}（前加 - 表示关闭）。`);
    if (negative) wanted.delete(id);
    else wanted.add(id);
  }
  return { wanted, source: 'env' };
}

/** Hooks of the PDF renderer (only what is on). */
export interface PdfAccel {
  /** Reads a font file with its outlines left on disk until drawn (`pdf-font-pages`). */
  readFontFile?: (path: string) => Buffer;
  /** Takes font bytes another thread read with {@link PdfAccel.readFontFile} (`pdf-font-pages`). */
  adoptFontBytes?: (path: string, bytes: Uint8Array) => void;
  /**
   * Prepares a parsed font: returns the bytes that pdfkit should get instead of the font file
   * (`pdf-font-share`), or `undefined` (then pdfkit gets the file), and tunes the font object
   * (`pdf-layout-cache`, `pdf-subset`, `pdf-font-pages`).
   */
  prepareFont(id: string, font: object): Buffer | undefined;
  /** Options for pdfmake's `createPdfKitDocument`. */
  documentOptions: Record<string, unknown>;
}

interface State {
  report: AccelReport;
  /** What was asked for. */
  wanted: ReadonlySet<AccelPatchId>;
  on: Set<AccelPatchId>;
  pdf: PdfAccel | undefined;
  /** The fontkit instance the patches were installed in (the renderer must use the same). */
  fontkit: unknown;
}

let state: State | undefined;

/** The installed version of each library (`undefined`: not found). */
export type InstalledVersions = Partial<Record<Library, string | undefined>>;

/**
 * Which speed-ups may be turned on, before anything is patched: each wanted one whose libraries
 * all have their pinned version (`PINNED`) and whose needs may be turned on too. Pure (the guard
 * of {@link install}, testable with any versions).
 *
 * @param wanted - the ids asked for
 * @param installed - the installed version of each library
 * @returns one entry per speed-up, in report order
 */
export function planPatches(wanted: ReadonlySet<AccelPatchId>, installed: InstalledVersions): AccelPatchReport[] {
  const on = new Set<AccelPatchId>();
  return PATCHES.map((p) => {
    const versions: AccelPatchReport['versions'] = {};
    let problem: string | undefined;
    for (const lib of p.libraries) {
      const version = installed[lib];
      versions[lib] = { pinned: PINNED[lib], installed: version };
      if (problem === undefined && version !== PINNED[lib]) {
        problem = version === undefined ? `找不到 ${lib}` : `${lib} 的版本是 ${version}，此项按 ${PINNED[lib]} 编写`;
      }
    }
    let reason = '已启用';
    if (!wanted.has(p.id)) reason = '已关闭';
    else if (problem) reason = `未启用：${problem}`;
    else if (p.needs.some((n) => !on.has(n))) reason = `未启用：需要先启用 ${p.needs.join('、')}`;
    if (reason === '已启用') on.add(p.id);
    return { id: p.id, summary: p.summary, versions, on: reason === '已启用', reason };
  });
}

/**
 * Installs the speed-ups in this thread, once: which are wanted comes from `options.enabled`,
 * else `QINGDAN_ACCEL` ({@link parseAccelEnv}); each is then turned on only when every library it
 * reaches into has the exact version pinned in this package's `package.json`, the speed-ups it
 * needs are on, and the library still has what it patches. A second call returns the first
 * report (the prototypes are patched for good).
 *
 * @param options - which speed-ups to turn on (default: `QINGDAN_ACCEL`, else all)
 * @returns what is on and, for each that is off, why
 * @throws {Error} when a second call asks for other speed-ups than the first, or `QINGDAN_ACCEL`
 *   names an unknown id
 * @example
 * const report = install();
 * for (const p of report.patches) if (!p.on) console.warn(`${p.id}：${p.reason}`);
 */
export function install(options: InstallOptions = {}): AccelReport {
  const asked =
    options.enabled === undefined
      ? parseAccelEnv(process.env.QINGDAN_ACCEL)
      : { wanted: new Set(options.enabled === true ? ACCEL_PATCH_IDS : options.enabled === false ? [] : options.enabled), source: 'option' as const };
  if (state) {
    const same = asked.wanted.size === state.wanted.size && [...asked.wanted].every((id) => state!.wanted.has(id));
    if (options.enabled !== undefined && !same) throw new Error('@qingdan/accel: install() was already called in this thread with other speed-ups');
    return state.report;
  }
  const chain = pdfLibraries();
  const fontkit = chain?.fontkit.module as FontkitModule | undefined;
  const patches = planPatches(asked.wanted, {
    pdfmake: chain?.pdfmake.version,
    pdfkit: chain?.pdfkit.version,
    fontkit: chain?.fontkit.version,
  });
  const on = new Set<AccelPatchId>();
  for (const p of patches) {
    if (!p.on) continue;
    // The version matches; what it needs must be on too.
    let missing: string | undefined;
    if (PATCHES.find((q) => q.id === p.id)!.needs.some((n) => !on.has(n))) missing = '所需的加速项未能启用';
    else if (p.id === 'pdf-font-share') registerSharedFormat(fontkit!);
    if (missing) {
      p.on = false;
      p.reason = `未启用：${missing}`;
    } else on.add(p.id);
  }
  const pdf: PdfAccel | undefined =
    on.has('pdf-font-share') || on.has('pdf-font-pages') || on.has('pdf-subset')
      ? {
          ...(on.has('pdf-font-pages') ? { readFontFile, adoptFontBytes } : {}),
          prepareFont(id, font) {
            if (on.has('pdf-font-pages')) readGlyphsOnDemand(font);
            if (on.has('pdf-subset')) copyGlyphBytes(font);
            if (!on.has('pdf-font-share')) return undefined;
            if (on.has('pdf-layout-cache')) cacheLayouts(font);
            return shareFont(id, font);
          },
          // pdfkit's own layout cache lives one document and keeps every run's glyph arrays until
          // the document ends; the fonts' cross-document cache answers instead (same output).
          documentOptions: on.has('pdf-layout-cache') ? { fontLayoutCache: false } : {},
        }
      : undefined;
  state = { report: { source: asked.source, patches }, wanted: asked.wanted, on, pdf, fontkit };
  return state.report;
}

/** The report of {@link install} (installing with the defaults if nothing was installed yet). */
export function accelReport(): AccelReport {
  return (state ?? (install(), state!)).report;
}

/**
 * What the PDF renderer may use, or `undefined` when no PDF speed-up is on or the renderer's
 * fontkit is not the instance the speed-ups were installed in (two copies of the library).
 *
 * @param fontkit - the fontkit module the renderer parses fonts with (pdfkit's)
 */
export function pdfAccel(fontkit: unknown): PdfAccel | undefined {
  if (!state) install();
  return state!.fontkit === fontkit ? state!.pdf : undefined;
}
