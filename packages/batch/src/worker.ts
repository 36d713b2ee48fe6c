/**
 * Worker-thread entry of the batch pool (built to `dist/worker.js`). It sets up one
 * {@link JobRenderer} from `workerData` (fonts parsed once), says `ready`, then renders the
 * resolved documents the main thread sends, one at a time, writes each document's files where the
 * job says ({@link writeJob}) and sends back, per format, the hash and size or the error. The
 * bytes never leave this thread; the main thread lists the files in the manifest.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { FromWorker, ToWorker } from '@qingdan/model';
import { fontFileBytes } from '@qingdan/render-pdf';
import { serializeError } from './errors.js';
import { createJobRenderer, writeJob, type RendererSetup } from './render.js';

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
          void writeJob(renderer, m.doc, m.targets).then((files) => post({ type: 'result', id: m.id, files }));
        });
        post({ type: 'ready', fonts: renderer.fonts, fontBytes: fontFileBytes() });
      },
      (error: unknown) => post({ type: 'init-failed', error: serializeError(error) }),
    );
}
