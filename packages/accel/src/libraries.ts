/**
 * The libraries the speed-ups reach into, found the way the renderers find them (pdfmake → its
 * pdfkit → its fontkit), with their installed versions and the exact
 * versions the speed-ups were written against (this package's `package.json`, the one place the
 * pins are written).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** A library a speed-up patches. */
export type Library = 'pdfmake' | 'pdfkit' | 'fontkit';

const requireHere = createRequire(import.meta.url);

/** The exact versions in this package's `package.json` (`dependencies`). */
export const PINNED: Readonly<Record<Library, string>> = (() => {
  const own = requireHere('../package.json') as { dependencies: Record<string, string> };
  const pick = (name: Library): string => {
    const v = own.dependencies[name];
    if (!v || !/^\d+\.\d+\.\d+$/.test(v)) throw new Error(`@qingdan/accel: ${name} is not pinned to an exact version in package.json (${String(v)})`);
    return v;
  };
  return Object.freeze({ pdfmake: pick('pdfmake'), pdfkit: pick('pdfkit'), fontkit: pick('fontkit') });
})();

/** The version in the `package.json` of the package that `entry` (a resolved file) belongs to. */
function versionAt(entry: string, name: string): string | undefined {
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === name) return pkg.version;
  }
  return undefined;
}

/** A resolved library: its file, version and (for CommonJS ones) the module object. */
export interface Resolved<T> {
  file: string;
  version: string | undefined;
  module: T;
}

let pdfChain: { pdfmake: Resolved<unknown>; pdfkit: Resolved<unknown>; fontkit: Resolved<unknown> } | null | undefined;

/**
 * pdfmake, the pdfkit it requires and the fontkit that pdfkit requires (the module instances the
 * PDF renderer's pdfmake uses); `null` when one cannot be found.
 */
export function pdfLibraries(): { pdfmake: Resolved<unknown>; pdfkit: Resolved<unknown>; fontkit: Resolved<unknown> } | null {
  if (pdfChain !== undefined) return pdfChain;
  try {
    const pdfmakeFile = requireHere.resolve('pdfmake');
    const fromPdfmake = createRequire(pdfmakeFile);
    const pdfkitFile = fromPdfmake.resolve('pdfkit');
    const fromPdfkit = createRequire(pdfkitFile);
    const fontkitFile = fromPdfkit.resolve('fontkit');
    pdfChain = {
      pdfmake: { file: pdfmakeFile, version: versionAt(pdfmakeFile, 'pdfmake'), module: undefined },
      pdfkit: { file: pdfkitFile, version: versionAt(pdfkitFile, 'pdfkit'), module: fromPdfmake('pdfkit') },
      fontkit: { file: fontkitFile, version: versionAt(fontkitFile, 'fontkit'), module: fromPdfkit('fontkit') },
    };
  } catch {
    pdfChain = null;
  }
  return pdfChain;
}
