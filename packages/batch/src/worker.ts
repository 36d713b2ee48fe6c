/**
 * Worker-thread entry of the batch pool (built to `dist/worker.js`). It sets up one
 * {@link JobRenderer} from `workerData` (templates compiled once, fonts parsed once), says
 * `ready`, then renders the jobs the main thread sends, one at a time, writes each document's
 * files where the job says ({@link writeJob}: temporary name, then renamed) and sends back their
 * hashes and sizes. The bytes never leave this thread (they die young here, instead of waiting
 * in the main thread's rarely collected heap); the main thread lists the files in the manifest.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Answers } from '@qingdan/model';
import { fontFileBytes, type FontReport } from '@qingdan/render-pdf';
import { serializeError } from './errors.js';
import { createJobRenderer, writeJob, type FileTarget, type RendererSetup, type WrittenFile } from './render-job.js';

/** main → worker */
export type ToWorker =
  | { type: 'job'; id: number; templateId: string; answers: Answers; targets: FileTarget[] }
  /** Font files another worker read (in `SharedArrayBuffer`s: shared, not copied), or `null`. */
  | { type: 'font-bytes'; bytes: ReadonlyMap<string, Uint8Array> | null };
/** worker → main */
export type FromWorker =
  /** Asks for font files already read by another worker, before setting up (answered by `font-bytes`). */
  | { type: 'font-bytes?' }
  /** Set up; `fontBytes`: the font files this worker read, in `SharedArrayBuffer`s, for the next workers. */
  | { type: 'ready'; fonts: FontReport | null; fontBytes: ReadonlyMap<string, Uint8Array> }
  | { type: 'init-failed'; error: ReturnType<typeof serializeError> }
  | { type: 'result'; id: number; files: WrittenFile[] }
  | { type: 'failed'; id: number; error: ReturnType<typeof serializeError> };

const port = parentPort;
if (port) {
  const post = (m: FromWorker): void => port.postMessage(m);
  const fontBytes = new Promise<ReadonlyMap<string, Uint8Array> | null>((resolveBytes) => {
    const onBytes = (m: ToWorker): void => {
      if (m.type !== 'font-bytes') return;
      port.off('message', onBytes);
      resolveBytes(m.bytes);
    };
    port.on('message', onBytes);
    post({ type: 'font-bytes?' });
  });
  fontBytes
    .then((bytes) => createJobRenderer({ ...(workerData as RendererSetup), ...(bytes ? { fontBytes: bytes } : {}) }))
    .then(
      (renderer) => {
        port.on('message', (m: ToWorker) => {
          if (m.type !== 'job') return;
          writeJob(renderer, m.templateId, m.answers, m.targets).then(
            (files) => post({ type: 'result', id: m.id, files }),
            (error: unknown) => post({ type: 'failed', id: m.id, error: serializeError(error) }),
          );
        });
        post({ type: 'ready', fonts: renderer.fonts, fontBytes: fontFileBytes() });
      },
      (error: unknown) => post({ type: 'init-failed', error: serializeError(error) }),
    );
}
