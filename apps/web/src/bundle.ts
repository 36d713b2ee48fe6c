/**
 * The browser script: `client/main.ts` (with `@qingdan/render-html` and the layout profile)
 * bundled by esbuild into one ES module, in memory, once per process. Nothing is fetched from the
 * internet: the page loads `/app.js` from this server.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../client/main.ts', import.meta.url));

let cached: Promise<string> | undefined;

/**
 * Bundles the client once (about 50 ms) and caches the result.
 * @returns the JavaScript text of `/app.js`
 * @throws {Error} when esbuild fails (a bug in the client code)
 */
export function clientBundle(): Promise<string> {
  cached ??= build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['source'],
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
  }).then((r) => r.outputFiles[0]?.text ?? '');
  cached.catch(() => {
    cached = undefined;
  });
  return cached;
}
