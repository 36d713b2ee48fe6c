/**
 * Versions of the packages that shape an output, recorded in the manifest and part of each
 * document's input hash (a new renderer version re-renders everything).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * The version of package `name` as installed where this package is, found by walking up the
 * `node_modules` folders (the way Node resolves it, without going through the package's `exports`).
 * @returns the `version` of its package.json, or `unknown` when it is not installed
 */
export function installedVersion(name: string, from = here): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(file)) {
      try {
        return String((JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown }).version ?? 'unknown');
      } catch {
        return 'unknown';
      }
    }
    if (dirname(dir) === dir) return 'unknown';
  }
}

const cache = new Map<string, Record<string, string>>();

/**
 * Package → version of everything that turns answers into the bytes of the given formats: the
 * engine, the renderers of those formats and the libraries they drive (docx, pdfmake, fontkit).
 */
export function rendererVersions(formats: readonly ('docx' | 'pdf')[]): Record<string, string> {
  const id = [...formats].sort().join(',');
  const hit = cache.get(id);
  if (hit) return hit;
  const names = ['@qingdan/batch', '@qingdan/engine', '@qingdan/layout'];
  if (formats.includes('docx')) names.push('@qingdan/render-docx', 'docx');
  if (formats.includes('pdf')) names.push('@qingdan/render-pdf', 'pdfmake', 'fontkit');
  const out = Object.fromEntries(names.map((n) => [n, installedVersion(n)]));
  cache.set(id, out);
  return out;
}
