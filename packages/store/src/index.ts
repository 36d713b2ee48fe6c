/**
 * `@qingdan/store`: the output folder — file names safe on every system, atomic writes, hashes,
 * the folder's lock, `manifest.json` and its journal, and file-system errors worded for the user.
 *
 * @example
 * const folder = await openOutputFolder('/abs/out');
 * folder.writing(job.key, paths); // … write the files with writeAtomic / writeAtomicSync …
 * folder.list(entry);
 * await folder.close(head);
 */
export { safeFileName, truncateUtf8, utf8Length, numberedName, collisionKey, DEFAULT_MAX_BYTES, EMPTY_NAME } from './safe-name.js';
export { sha256, sha256File, canonicalJson, compareCodeUnits } from './hash.js';
export { writeAtomic, writeAtomicSync, tempPathFor, removeStaleTemps, TEMP_PREFIX, TEMP_SUFFIX } from './atomic.js';
export { fsReason, ioError } from './fs-errors.js';
export { lockOutDir, LOCK_FILE, type HeldLock, type LockOwner } from './lock.js';
export {
  openOutputFolder,
  readManifest,
  outPath,
  MANIFEST_FILE,
  JOURNAL_FILE,
  type OutputFolder,
  type OpenOptions,
  type ManifestHead,
  type ManifestRead,
} from './manifest.js';
