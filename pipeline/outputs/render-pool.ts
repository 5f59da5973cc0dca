/**
 * A period's outputs made into files on threads of their own (render-jobs.ts): one thread per
 * kind of job, started with the command so that the workbook writer, Vega and resvg load while
 * the files are judged, and so that the main thread is free for the warehouse and the next
 * period while a period's workbooks, charts and draft are written. A thread keeps the process alive only
 * while it has work; `stopRendering()` ends them when the command is done.
 *
 * The files never depend on the threads: a job runs the same `runRenderJob` on its thread or,
 * when that thread cannot start or dies, in process.
 */
import { MessageChannel, type MessagePort, type ResourceLimits, type Worker } from 'node:worker_threads';
import '../engine-settings';
import { endWorkers, errorFrom, startWorker, threadLimits, type PortableError } from '../worker-thread';
import { runRenderJob, type RenderJob, type RenderResult } from './render-jobs';

export type ToRenderer =
  | { kind: 'warm'; lane: RenderJob['kind'] }
  | { kind: 'job'; id: number; job: RenderJob }
  /** One end of the channel the report's PNGs go through (report/png-thread.ts): `serve` on the workbooks' thread. */
  | { kind: 'pngs'; port: MessagePort; serve: boolean };

export type FromRenderer = { kind: 'done'; id: number; result: unknown } | { kind: 'failed'; id: number; error: PortableError };

interface Pending {
  job: RenderJob;
  resolve: (result: unknown) => void;
  reject: (err: Error) => void;
}

/**
 * The workbooks' thread with a small young generation: it runs beside the judges through a
 * consolidation of thousands of files, where V8's default let it hold ~30 MB more for nothing.
 * The report's thread keeps V8's default in a command of several periods (with BRIEF_RUN_LIMITS
 * the main job was 12 % slower); a command of one period gives every thread those (worker-thread.ts).
 */
export const RESOURCE_LIMITS: Record<RenderJob['kind'], ResourceLimits> = {
  workbooks: { maxYoungGenerationSizeMb: 8 },
  report: {},
};

/**
 * Each thread's entry, next to the chunk that starts it. The same code (render-worker.ts); the
 * compiled CLI starts the report's from a bundle with V8's code cache (scripts/thread-loader.mjs):
 * its ~2 MB of Vega would otherwise be compiled cold on every run.
 */
const ENTRY: Record<RenderJob['kind'], string> = {
  workbooks: './render-worker.mjs',
  report: './report-worker.mjs',
};

/** One thread and the jobs sent to it, answered in order. */
class Lane {
  private worker: Worker | null = null;
  private pending = new Map<number, Pending>();
  private nextId = 0;

  constructor(kind: RenderJob['kind'], brief: boolean) {
    try {
      const worker = startWorker(new URL(ENTRY[kind], import.meta.url), { message: (m: FromRenderer) => this.answered(m), gone: () => this.lost() }, { resourceLimits: threadLimits(brief, RESOURCE_LIMITS[kind]) });
      worker.postMessage({ kind: 'warm', lane: kind } satisfies ToRenderer);
      this.worker = worker;
    } catch {
      // No thread: its jobs run on this one (`run`).
    }
  }

  /** Hands the thread one end of a channel; false when there is no thread to take it. */
  connect(port: MessagePort, serve: boolean): boolean {
    if (!this.worker) return false;
    this.worker.postMessage({ kind: 'pngs', port, serve } satisfies ToRenderer, [port]);
    return true;
  }

  run(job: RenderJob): Promise<unknown> {
    if (!this.worker) return runRenderJob(job);
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { job, resolve, reject });
      this.worker!.ref();
      this.worker!.postMessage({ kind: 'job', id, job } satisfies ToRenderer);
    });
  }

  private answered(message: FromRenderer): void {
    const task = this.pending.get(message.id);
    if (!task) return;
    this.pending.delete(message.id);
    if (this.pending.size === 0) this.worker?.unref();
    if (message.kind === 'done') task.resolve(message.result);
    else task.reject(errorFrom(message.error));
  }

  /** A thread that died (or never started) leaves its jobs, and the next ones, to this thread. */
  private lost(): void {
    if (this.worker) this.takeOver();
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    // Nothing is pending once the command awaited its outputs; anything left is done here.
    this.takeOver();
    if (worker) await endWorkers([worker]);
  }

  /** The thread's jobs run here from now on. */
  private takeOver(): void {
    this.worker = null;
    const left = [...this.pending.values()];
    this.pending.clear();
    for (const task of left) runRenderJob(task.job).then(task.resolve, task.reject);
  }
}

let lanes = new Map<RenderJob['kind'], Lane>();

/**
 * Starts the threads of these kinds of job now, so that their libraries are loaded by the time
 * they are needed. With both, the report's PNGs are drawn on the workbooks' thread. `brief` for a
 * command of one period (worker-thread.ts, BRIEF_RUN_LIMITS), which calls this before any job: a
 * thread already started keeps its limits, and `render` starts one with a longer command's.
 */
export function startRendering(kinds: readonly RenderJob['kind'][], { brief = false }: { brief?: boolean } = {}): void {
  const before = lanes.size;
  for (const kind of kinds) if (!lanes.has(kind)) lanes.set(kind, new Lane(kind, brief));
  const report = lanes.get('report');
  const workbooks = lanes.get('workbooks');
  if (lanes.size > before && report && workbooks) {
    const { port1, port2 } = new MessageChannel();
    // The report's side only once the other has its end: else the report's thread draws its own.
    // An end no thread took is closed (the other end, if taken, then hears it).
    if (!workbooks.connect(port2, true) || !report.connect(port1, false)) port1.close();
  }
}

/** Runs a job on its kind's thread (started if need be). */
export function render<J extends RenderJob>(job: J): Promise<RenderResult<J>> {
  startRendering([job.kind]);
  return lanes.get(job.kind)!.run(job) as Promise<RenderResult<J>>;
}

/** Ends the render threads; the next job starts them again. */
export async function stopRendering(): Promise<void> {
  const running = [...lanes.values()];
  lanes = new Map();
  await Promise.all(running.map((lane) => lane.stop()));
}
