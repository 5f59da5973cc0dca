/** A render thread (render-pool.ts): loads its kind's libraries, then runs its jobs one after the other. */
import { parentPort, type MessagePort } from 'node:worker_threads';
import { saveCodeCache } from '../code-cache';
import { runRenderJob, warmUp } from './render-jobs';
import { portableError } from '../worker-thread';
import type { FromRenderer, ToRenderer } from './render-pool';

/**
 * This thread's end of the channel the report's PNGs go through (report/png-thread.ts). A close
 * is heard from the moment the port arrives (one that comes before a listener would never be
 * told): a channel closed before its module is loaded is not used, and a channel whose serving
 * end cannot load is closed, so that the other end draws its own.
 */
function pngChannel(port: MessagePort, serve: boolean): void {
  let gone = false;
  port.once('close', () => (gone = true));
  import('./report/png-thread').then(
    ({ drawPngsThrough, servePngs }) => {
      if (!gone) (serve ? servePngs : drawPngsThrough)(port);
    },
    () => port.close(),
  );
}

const port = parentPort!;
let queue: Promise<unknown> = Promise.resolve();

port.on('message', (message: ToRenderer) => {
  if (message.kind === 'pngs') {
    // At once, not after the warm-up: the channel must be listened to before its other end can go.
    pngChannel(message.port, message.serve);
    return;
  }
  if (message.kind === 'warm') {
    // A failed warm-up is no answer to give: the first job meets the same failure and reports it.
    queue = queue.then(() => warmUp(message.lane)).catch(() => undefined);
    return;
  }
  const { id, job } = message;
  queue = queue.then(() =>
    runRenderJob(job).then(
      (result) => {
        saveCodeCache();
        port.postMessage({ kind: 'done', id, result } satisfies FromRenderer);
      },
      (err: unknown) => port.postMessage({ kind: 'failed', id, error: portableError(err) } satisfies FromRenderer),
    ),
  );
});
