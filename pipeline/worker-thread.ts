/**
 * A thread of one of the command's pools (ingest/judge-pool.ts, outputs/render-pool.ts). It starts
 * released: it keeps the process alive only while its pool holds it (`ref()`) for a task, so a
 * command exits as soon as its work is done. The listeners come first: adding a 'message'
 * listener holds a worker again, and a released-then-listened worker kept a failed run from
 * ever exiting.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

export function startWorker<M>(url: URL, on: { message: (message: M) => void; gone: () => void }, options?: WorkerOptions): Worker {
  const worker = new Worker(url, options);
  worker.on('message', on.message);
  worker.on('error', on.gone);
  worker.on('exit', on.gone);
  worker.unref();
  return worker;
}

/**
 * Ends the threads and resolves once they have exited. Node may find nothing left to wait for
 * while a busy thread is being stopped, and end the process before `terminate` answers (a run
 * failing right after it handed files to the judge did, once in ten under load): a timer holds
 * the process meanwhile.
 */
export async function endWorkers(workers: readonly Worker[]): Promise<void> {
  const hold = setInterval(() => undefined, 1000);
  try {
    await Promise.all(workers.map((worker) => worker.terminate()));
  } finally {
    clearInterval(hold);
  }
}
