/** A render thread (render-pool.ts): loads its kind's libraries, then runs its jobs one after the other. */
import { parentPort } from 'node:worker_threads';
import { pngChannel, runRenderJob, warmUp } from './render-jobs';
import { portableError, type FromRenderer, type ToRenderer } from './render-pool';

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
      (result) => port.postMessage({ kind: 'done', id, result } satisfies FromRenderer),
      (err: unknown) => port.postMessage({ kind: 'failed', id, error: portableError(err) } satisfies FromRenderer),
    ),
  );
});
