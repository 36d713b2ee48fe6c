/**
 * Static files from the app's own `public/` folder, and nothing else: the URL path is decoded,
 * resolved inside the folder, and refused when it contains `..`, a NUL, a backslash, or when its
 * real path (after following symbolic links) leaves the folder.
 */
import { realpath, readFile, stat } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
};

/** A static file found: its bytes and Content-Type. */
export interface StaticFile {
  body: Buffer;
  type: string;
}

/**
 * Looks a URL path up in `root`.
 *
 * @param root - the real path of the public folder
 * @param urlPath - the path of the request URL (still percent-encoded), e.g. `/app.css`; `/` is `index.html`
 * @returns the file, or `undefined` when there is none or the path is refused
 */
export async function findStatic(root: string, urlPath: string): Promise<StaticFile | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const parts = decoded.split('/').filter((p) => p !== '');
  // `.`, `..` and hidden files alike.
  if (parts.some((p) => p.startsWith('.'))) return undefined;
  const relative = parts.length === 0 ? 'index.html' : parts.join('/');
  const type = TYPES[extname(relative).toLowerCase()];
  if (!type) return undefined;
  let real: string;
  try {
    real = await realpath(join(root, relative));
  } catch {
    return undefined;
  }
  if (!real.startsWith(root + sep)) return undefined;
  const s = await stat(real);
  if (!s.isFile()) return undefined;
  return { body: await readFile(real), type };
}
