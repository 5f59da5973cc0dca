/**
 * Judging files on worker threads. Reading a workbook (guard, ExcelJS, reader, rules) is
 * JavaScript work that takes most of a consolidation's time; on worker threads it runs beside
 * the main thread, which is left to write the warehouse. The workers live for the command (they
 * cost a few hundred milliseconds to start, so a run over many periods keeps them), keep it from
 * exiting only while they judge, and are ended by `stopJudging()` when the command's work is
 * done, so that the process exits at once.
 *
 * The answer never depends on the threads: a file is judged by the same `judgeFile`, in a worker
 * or, when none is free to take it by the time its verdict is needed (workers still starting,
 * or unable to start at all), in process.
 */
import { availableParallelism } from 'node:os';
import type { ResourceLimits, Worker } from 'node:worker_threads';
import type { Period } from '../../core/periods';
import type { Unit, UnitRegistry } from '../../core/units';
import { judgeFile, type IngestedFile } from './judge-file';
import type { RawFile } from './read-file';
import { awaitedLater } from '../awaited-later';
import { endWorkers, errorFrom, startWorker, threadLimits, type PortableError } from '../worker-thread';

export type ToWorker = { kind: 'registry'; units: readonly Unit[] } | { kind: 'judge'; raw: RawFile; period: string | null };

export type FromWorker = { kind: 'ready' } | { kind: 'judged'; file: IngestedFile } | { kind: 'failed'; error: PortableError };

/**
 * One core is left to the main thread and DuckDB, which write the warehouse meanwhile: on two
 * cores, two workers made every load wait for a core and the whole slower.
 */
const WORKERS = Math.max(1, availableParallelism() - 1);

interface Task {
  /** Dropped once the verdict is in: a ticket outlives its file's bytes (a batch keeps them all). */
  raw: RawFile | null;
  registry: UnitRegistry;
  period: Period | null;
  state: 'queued' | 'sent' | 'done';
  promise: Promise<IngestedFile>;
  resolve: (file: IngestedFile) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  task: Task | null;
  registry: UnitRegistry | null;
}

/** A file handed to the pool; `verdict()` judges it in process if no worker has taken it yet. */
export interface JudgeTicket {
  verdict(): Promise<IngestedFile>;
}

/**
 * Judges a task on this thread (no worker took it, or its worker is gone): its promise settles
 * with the verdict, for whoever asks for it, now or later; its bytes go.
 */
function judgeHere(task: Task): Promise<IngestedFile> {
  task.state = 'done';
  judgeFile(task.raw!, task.registry, task.period).then(task.resolve, task.reject);
  task.raw = null;
  return task.promise;
}

class JudgePool {
  constructor(private readonly limits: ResourceLimits = {}) {}

  private slots: Slot[] = [];
  private queue: Task[] = [];
  /** Set when a worker fails to start: everything is then judged in process. */
  private unavailable = false;

  submit(raw: RawFile, registry: UnitRegistry, period: Period | null): JudgeTicket {
    let resolve!: Task['resolve'];
    let reject!: Task['reject'];
    const promise = new Promise<IngestedFile>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // A batch that stops early (a load failed) never asks for the rest of its verdicts.
    awaitedLater(promise);
    const task: Task = { raw, registry, period, state: 'queued', promise, resolve, reject };
    this.queue.push(task);
    this.start();
    this.pump();
    return {
      verdict: () => {
        if (task.state !== 'queued') return task.promise;
        this.queue.splice(this.queue.indexOf(task), 1);
        return judgeHere(task);
      },
    };
  }

  start(): void {
    if (this.unavailable || this.slots.length > 0) return;
    for (let i = 0; i < WORKERS; i++) {
      try {
        this.slots.push(this.spawn());
      } catch {
        this.unavailable = true;
      }
    }
  }

  private spawn(): Slot {
    // Both are called by the worker once it runs, when `slot` is there.
    const answered = (message: FromWorker) => {
      if (message.kind === 'ready') {
        slot.ready = true;
      } else {
        const task = slot.task!;
        slot.task = null;
        slot.worker.unref();
        task.state = 'done';
        task.raw = null;
        if (message.kind === 'judged') task.resolve(message.file);
        else task.reject(errorFrom(message.error));
      }
      this.pump();
    };
    const lost = () => {
      if (!this.slots.includes(slot)) return;
      this.slots = this.slots.filter((s) => s !== slot);
      if (!slot.ready) this.unavailable = true;
      // A file whose worker died is judged in process, as it would have been without workers.
      if (slot.task) void judgeHere(slot.task);
      this.pump();
    };
    const slot: Slot = { worker: startWorker(new URL('./judge-worker.mjs', import.meta.url), { message: answered, gone: lost }, { resourceLimits: this.limits }), ready: false, task: null, registry: null };
    return slot;
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (!slot.ready || slot.task || this.queue.length === 0) continue;
      const task = this.queue.shift()!;
      if (slot.registry !== task.registry) {
        slot.worker.postMessage({ kind: 'registry', units: task.registry.units } satisfies ToWorker);
        slot.registry = task.registry;
      }
      slot.task = task;
      task.state = 'sent';
      slot.worker.ref();
      slot.worker.postMessage({ kind: 'judge', raw: task.raw!, period: task.period?.code ?? null } satisfies ToWorker);
    }
  }

  /**
   * Ends the workers; tasks still with them are judged in process (after a batch, none but an
   * early file whose batch never came: a run that failed).
   */
  async stop(): Promise<void> {
    const slots = this.slots;
    this.slots = [];
    for (const slot of slots) if (slot.task) void judgeHere(slot.task);
    await endWorkers(slots.map((slot) => slot.worker));
  }
}

let pool: JudgePool | null = null;

/** How many files a batch hands to the judges ahead of the one it is loading (consolidate.ts, judge-early.ts). */
export const JUDGE_AHEAD = 8;

/** Files handed over early (`judgeEarly`), until the batch submits them as they were read then. */
const early = new Map<string, { ticket: JudgeTicket; registry: UnitRegistry; period: string | null }>();
const earlyKey = (raw: RawFile) => `${raw.fileName}\u0000${raw.hash}\u0000${raw.modifiedMs}`;

/** Hands a file to the process's judge pool; a file handed over early, unchanged, is not judged again. */
export function submitForJudging(raw: RawFile, registry: UnitRegistry, period: Period | null): JudgeTicket {
  const key = earlyKey(raw);
  const handed = early.get(key);
  if (handed && handed.registry === registry && handed.period === (period?.code ?? null)) {
    early.delete(key);
    return handed.ticket;
  }
  pool ??= new JudgePool();
  return pool.submit(raw, registry, period);
}

/**
 * Hands a file to the judges before its batch asks for it (judge-early.ts); the batch's
 * `submitForJudging` of the same file, read the same (name, bytes, modification time), for the
 * same registry and period, takes this ticket instead of judging it again. Tickets not taken go
 * once the batch is loaded (`forgetEarly`), or with `stopJudging`.
 */
export function judgeEarly(raw: RawFile, registry: UnitRegistry, period: Period | null): JudgeTicket {
  const ticket = submitForJudging(raw, registry, period);
  early.set(earlyKey(raw), { ticket, registry, period: period?.code ?? null });
  return ticket;
}

/** Lets go of the early tickets no batch took (their verdicts, once in, with them). */
export function forgetEarly(): void {
  early.clear();
}

/**
 * Starts the judging threads now, so that they are ready by the time the first file is read;
 * `brief` for a command of one period (worker-thread.ts, BRIEF_RUN_LIMITS), which calls this before
 * any file is submitted: a pool already there keeps its limits, and `submitForJudging` makes one
 * with a longer command's.
 */
export function startJudging({ brief = false }: { brief?: boolean } = {}): void {
  pool ??= new JudgePool(threadLimits(brief));
  pool.start();
}

/** Ends the judging threads; the next file submitted starts them again. */
export async function stopJudging(): Promise<void> {
  forgetEarly();
  const running = pool;
  pool = null;
  await running?.stop();
}
