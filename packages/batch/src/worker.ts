/**
 * Worker-thread entry of the batch pool (built to `dist/worker.js`). It sets up one
 * {@link JobRenderer} from `workerData` (templates compiled once, fonts parsed once), says
 * `ready`, then renders the jobs the main thread sends, one at a time, and sends the bytes back
 * (transferred, not copied). The main thread writes the files and the manifest.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Answers } from '@qingdan/model';
import { fontFileBytes, type FontReport } from '@qingdan/render-pdf';
import { serializeError } from './errors.js';
import { createJobRenderer, type RendererSetup } from './render-job.js';

/** main → worker */
export type ToWorker =
  | { type: 'job'; id: number; templateId: string; answers: Answers }
  /** Font files another worker read (in `SharedArrayBuffer`s: shared, not copied), or `null`. */
  | { type: 'font-bytes'; bytes: ReadonlyMap<string, Uint8Array> | null };
/** worker → main */
export type FromWorker =
  /** Asks for font files already read by another worker, before setting up (answered by `font-bytes`). */
  | { type: 'font-bytes?' }
  /** Set up; `fontBytes`: the font files this worker read, in `SharedArrayBuffer`s, for the next workers. */
  | { type: 'ready'; fonts: FontReport | null; fontBytes: ReadonlyMap<string, Uint8Array> }
  | { type: 'init-failed'; error: ReturnType<typeof serializeError> }
  | { type: 'result'; id: number; docx?: Uint8Array; pdf?: Uint8Array }
  | { type: 'failed'; id: number; error: ReturnType<typeof serializeError> };

const port = parentPort;
if (port) {
  const post = (m: FromWorker, transfer: ArrayBuffer[] = []): void => port.postMessage(m, transfer);
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
          renderer.render(m.templateId, m.answers).then(
            (r) => {
              // Transfer (not copy) buffers that belong to one array alone; a view into a shared
              // pool (Node's small-Buffer pool) is copied instead.
              const movable = [r.docx, r.pdf]
                .filter((b): b is Uint8Array => b !== undefined && b.byteOffset === 0 && b.byteLength === b.buffer.byteLength)
                .map((b) => b.buffer as ArrayBuffer)
                .filter((b, i, all) => all.indexOf(b) === i);
              post({ type: 'result', id: m.id, ...r }, movable);
            },
            (error: unknown) => post({ type: 'failed', id: m.id, error: serializeError(error) }),
          );
        });
        post({ type: 'ready', fonts: renderer.fonts, fontBytes: fontFileBytes() });
      },
      (error: unknown) => post({ type: 'init-failed', error: serializeError(error) }),
    );
}
