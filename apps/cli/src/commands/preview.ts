/**
 * `qingdan preview`: starts the preview web app (`@qingdan/web`) and prints its address; Ctrl+C
 * stops it.
 */
import { startServer } from '@qingdan/web';
import { UsageError, ExitCode } from '../exit.js';
import { println, type Io } from '../io.js';
import { parseFonts } from '../options.js';

/**
 * Serves the preview until SIGINT / SIGTERM.
 *
 * @returns 0 once stopped
 * @throws {UsageError} for a port outside 0…65535
 */
export async function previewCommand(options: { port?: string; host?: string; fonts?: string }, ctx: { io: Io; templatesDir: string }): Promise<ExitCode> {
  const port = options.port === undefined ? 0 : Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port 应为 0 至 65535 的整数，收到 “${options.port ?? ''}”。`);
  const fonts = parseFonts(options.fonts, ctx.io);
  const server = await startServer({
    port,
    ...(options.host ? { host: options.host } : {}),
    templatesDir: ctx.templatesDir,
    ...(fonts !== undefined ? { fonts } : {}),
  });
  println(ctx.io.stdout, `预览已启动：${server.url}`);
  println(ctx.io.stdout, '在浏览器中打开上面的地址；按 Ctrl+C 停止。');
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.removeListener('SIGINT', stop);
      process.removeListener('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  println(ctx.io.stdout, '预览已停止。');
  return ExitCode.OK;
}
