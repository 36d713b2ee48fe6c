#!/usr/bin/env node
/**
 * `npm run preview -w @qingdan/web [-- --port 5173 --host 127.0.0.1 --templates dir --fonts dir]`:
 * starts the preview and prints its address; Ctrl+C stops it.
 */
import { parseArgs } from 'node:util';
import { QingdanError } from '@qingdan/model';
import { startServer } from './server.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5173' },
    host: { type: 'string', default: '127.0.0.1' },
    templates: { type: 'string' },
    fonts: { type: 'string', multiple: true },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`端口号应为 0–65535 的整数，收到 ${values.port}。`);
  process.exit(2);
}
try {
  const server = await startServer({
    port,
    host: values.host,
    ...(values.templates !== undefined ? { templatesDir: values.templates } : {}),
    ...(values.fonts !== undefined ? { fonts: values.fonts } : {}),
  });
  console.log(`预览地址：${server.url}`);
  console.log('在浏览器中打开上面的地址；按 Ctrl+C 停止。');
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  console.error(error instanceof QingdanError ? error.message : error);
  process.exit(1);
}
