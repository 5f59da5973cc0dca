/**
 * The threads of the command's pools (ingest/judge-pool.ts, outputs/render-pool.ts): how each
 * starts and ends, the limits of their memory, and errors as they cross from one to another.
 */
import { Worker, type ResourceLimits, type WorkerOptions } from 'node:worker_threads';

/**
 * The limits of every thread of a brief command (one period's folder, as analysts run it): a
 * small young generation. Such a thread lives about a second, and memory it touches for the first
 * time costs more than collecting garbage more often: each new page is a page fault (~7 µs on a
 * virtual machine; ~54,000 of them were a sixth of a month's CPU). At V8's default a thread's
 * young generation grows to 32 MB of semi-spaces. With 4 MB a month's folder ran 3 % faster and
 * used 3.5 % less CPU (paired, 20 runs); the main job, whose threads work for 15 s, ran 12 % slower
 * with it, so a command of several periods keeps each pool's own limits. Set when a pool starts
 * its threads: `startJudging` and `startRendering` take it before any file is submitted (cli.ts);
 * a thread already started keeps its own.
 */
export const BRIEF_RUN_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 4 };

/** A pool's limits for its threads (`own`, V8's defaults when none), a brief command's over them. */
export const threadLimits = (brief: boolean, own: ResourceLimits = {}): ResourceLimits => (brief ? { ...own, ...BRIEF_RUN_LIMITS } : own);

/**
 * A pool's thread. It starts released: it keeps the process alive only while its pool holds it
 * (`ref()`) for a task, so a command exits as soon as its work is done. The listeners come first:
 * adding a 'message' listener holds a worker again, and a released-then-listened worker kept a
 * failed run from ever exiting.
 */
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

/** An error as it crosses a thread boundary, with what names a filesystem failure (output-folder.ts). */
export interface PortableError {
  message: string;
  stack?: string;
  code?: string;
  errno?: number;
  syscall?: string;
  path?: string;
}

/** An error, or anything thrown, as it can be posted to another thread. */
export function portableError(err: unknown): PortableError {
  if (!(err instanceof Error)) return { message: String(err) };
  const { code, errno, syscall, path } = err as NodeJS.ErrnoException;
  return { message: err.message, stack: err.stack, code, errno, syscall, path };
}

/** The error a `PortableError` was made from, as this thread's own. */
export function errorFrom(portable: PortableError): Error {
  const { message, stack, ...fs } = portable;
  const err = Object.assign(new Error(message), Object.fromEntries(Object.entries(fs).filter(([, v]) => v !== undefined)));
  if (stack) err.stack = stack;
  return err;
}
