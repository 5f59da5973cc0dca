/**
 * Draws one chart-sized SVG many times the way a consolidation does: in a process set up as the
 * CLI sets itself up (engine-settings.ts first), through the channel to a render thread that
 * serves the PNGs (png-thread.ts), all requests sent at once. Prints as JSON how far the process's
 * memory grew over the draws after the first few, and the size of one canvas. png-memory.test.ts
 * runs it.
 */
import '../../pipeline/engine-settings';
import { MessageChannel, Worker } from 'node:worker_threads';
import { RESOURCE_LIMITS, type ToRenderer } from '../../pipeline/outputs/render-pool';
import { drawPng, drawPngsThrough } from '../../pipeline/outputs/report/png-thread';
import { peakRssMb, resetPeakRss, rssMb } from '../support/peak-memory';

const WIDTH = 600;
const HEIGHT = 800;
const rows = Array.from(
  { length: 30 },
  (_, i) =>
    `<rect x="120" y="${20 + i * 25}" width="${(i * 37) % 400}" height="18" fill="#1f4e79"/>` +
    `<text x="10" y="${34 + i * 25}" font-family="DejaVu Sans" font-size="11px" fill="#1a1a1a">Tỉnh ${i + 1}: ${(i * 3.7).toFixed(1)} %</text>`,
);
const SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}">${rows.join('')}</svg>`;
const WARM = 3;
const DRAWS = 40;

// The workbooks' thread, which serves a run's PNGs, with its own limits.
const worker = new Worker(new URL('../../pipeline/outputs/render-worker.mjs', import.meta.url), { resourceLimits: RESOURCE_LIMITS.workbooks });
// A thread gone would leave the drawing to this one (png-thread.ts) and the test to nothing.
let gone: unknown = null;
worker.on('error', (err) => (gone ??= err));
worker.on('exit', (code) => (gone ??= `exit ${code}`));
const { port1, port2 } = new MessageChannel();
worker.postMessage({ kind: 'pngs', port: port2, serve: true } satisfies ToRenderer, [port2]);
drawPngsThrough(port1);
for (let i = 0; i < WARM; i++) await drawPng(SVG);
resetPeakRss();
const before = rssMb();
// All sent at once, as the report's thread sends each chart without waiting for the last.
await Promise.all(Array.from({ length: DRAWS }, () => drawPng(SVG)));
if (gone) throw new Error(`the render thread ended before the draws did: ${String(gone)}`);
process.stdout.write(JSON.stringify({ draws: DRAWS, grewMb: Math.round(peakRssMb() - before), canvasMb: (WIDTH * 2 * HEIGHT * 2 * 4) / 2 ** 20 }) + '\n');
await worker.terminate();
