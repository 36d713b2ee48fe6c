/**
 * `@qingdan/accel`: every speed-up that reaches into a library's internals (fontkit, through the
 * pdfkit that pdfmake uses), behind one switch. Each is pinned to the exact version of the library it was written
 * for and stays off, saying why, when the installed version differs; each gives the output of the
 * plain library (tests/accel-same-output.test.ts). `QINGDAN_ACCEL=0` turns them all off.
 *
 * @example
 * import { install } from '@qingdan/accel';
 * const report = install(); // once, before creating renderers (the renderers call it otherwise)
 */
export {
  install,
  accelReport,
  pdfAccel,
  parseAccelEnv,
  planPatches,
  type InstalledVersions,
  ACCEL_PATCH_IDS,
  type AccelPatchId,
  type AccelPatchReport,
  type AccelReport,
  type InstallOptions,
  type PdfAccel,
} from './install.js';
export { PINNED, type Library } from './libraries.js';
