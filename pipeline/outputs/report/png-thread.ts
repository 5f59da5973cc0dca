/**
 * The report's PNGs drawn on the other render thread (render-pool.ts connects the two with a
 * message channel): turning a chart's text into outlines, drawing it and encoding its PNG (resvg)
 * are work of the thread that draws, which on the report's thread came on top of Vega's. Through
 * the channel the report's thread goes on with the next chart meanwhile, and the workbooks'
 * thread, idle once a period's workbooks are written, draws. Without a channel, or once it closes
 * (the other thread gone), the PNGs are drawn here: the same `svgToPng`, the same bytes.
 */
import type { MessagePort } from 'node:worker_threads';
import { errorFrom, portableError, type PortableError } from '../../worker-thread';
import { svgToPng } from './png';

type Request = { id: number; svg: string };
type Answer = { id: number; png: Uint8Array } | { id: number; error: PortableError };

interface Pending {
  svg: string;
  resolve: (png: Uint8Array) => void;
  reject: (err: Error) => void;
}

let drawer: { port: MessagePort; pending: Map<number, Pending>; next: number } | null = null;

/** Draws this thread's PNGs through `port` from now on. */
export function drawPngsThrough(port: MessagePort): void {
  const pending = new Map<number, Pending>();
  const own = { port, pending, next: 0 };
  drawer = own;
  port.on('message', (answer: Answer) => {
    const task = pending.get(answer.id);
    if (!task) return;
    pending.delete(answer.id);
    if ('png' in answer) task.resolve(answer.png);
    else task.reject(errorFrom(answer.error));
  });
  // The other side gone: what it had not answered is drawn here, as is everything after.
  port.on('close', () => {
    if (drawer === own) drawer = null;
    for (const task of pending.values()) svgToPng(task.svg).then(task.resolve, task.reject);
    pending.clear();
  });
  // The channel never keeps the thread alive by itself.
  port.unref();
}

/** A chart's PNG: through the channel when there is one, else drawn here. */
export function drawPng(svg: string): Promise<Uint8Array> {
  const through = drawer;
  if (!through) return svgToPng(svg);
  return new Promise((resolve, reject) => {
    const id = through.next++;
    through.pending.set(id, { svg, resolve, reject });
    through.port.postMessage({ id, svg } satisfies Request);
  });
}

/** Answers the PNG requests coming through `port`, in the order they come (`svgToPng` keeps it). */
export function servePngs(port: MessagePort): void {
  port.on('message', ({ id, svg }: Request) => {
    svgToPng(svg)
      .then(
        (png) => port.postMessage({ id, png } satisfies Answer),
        (err: unknown) => port.postMessage({ id, error: portableError(err) } satisfies Answer),
      )
      // An answer that cannot be posted (the channel closed): the other end draws it itself.
      .catch(() => undefined);
  });
  port.unref();
}
