/**
 * `qingdan fonts [--fonts <dir>]`: which font file serves each role of the PDF (title 小标宋,
 * body 仿宋, headings 黑体 / 楷体, page numbers 宋体) on this machine, and why.
 */
import { fontReason, fontReport, formatFontReport, PDF_FONT_ROLES } from '@qingdan/render-pdf';
import { ExitCode } from '../exit.js';
import { println, type Io } from '../io.js';
import { parseFonts } from '../options.js';

/**
 * Prints one line per role: the face, where it came from (user, office, system, bundled), the
 * file and why it serves the role; with `--json`, each role's choice and its `reason`.
 *
 * @returns 0
 * @throws {QingdanError} `FONT_NOT_FOUND` when a role has no font at all (exit 1)
 */
export function fontsCommand(options: { fonts?: string; json?: boolean }, ctx: { io: Io }): ExitCode {
  const fonts = parseFonts(options.fonts, ctx.io);
  const report = fontReport(fonts !== undefined ? { fonts } : {});
  if (options.json) {
    const fonts = Object.fromEntries(PDF_FONT_ROLES.map((role) => [role, { ...report[role], reason: fontReason(role, report[role]) }]));
    println(ctx.io.stdout, JSON.stringify({ ok: true, exitCode: 0, fonts }, null, 2));
    return ExitCode.OK;
  }
  println(ctx.io.stdout, 'PDF 各部分使用的字体：');
  for (const line of formatFontReport(report)) println(ctx.io.stdout, `  ${line}`);
  if (Object.values(report).some((c) => c.source === 'bundled')) {
    println(ctx.io.stdout, '提示：标有“随附开源字体”的部分未找到办公字体（方正小标宋、仿宋_GB2312、黑体、楷体_GB2312）或同类开源字体；如有字体文件，可用 --fonts <文件夹> 指定。');
  }
  return ExitCode.OK;
}
