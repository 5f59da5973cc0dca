/**
 * The report's PNGs drawn through the channel to the other render thread (png-thread.ts) are the
 * very bytes drawn in place; a channel whose other end is gone leaves the drawing to this thread,
 * requests already sent included; a drawing that fails there fails here.
 */
import { MessageChannel } from 'node:worker_threads';
import { svgToPng } from '../../pipeline/outputs/report/png';
import { drawPng, drawPngsThrough, servePngs } from '../../pipeline/outputs/report/png-thread';

const SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="160" height="40">
  <rect x="4" y="4" width="60" height="20" fill="#1f77b4"/>
  <text x="70" y="20" font-family="DejaVu Sans" font-size="11px" fill="#1a1a1a">Hà Nội 12,5 %</text>
</svg>`;

const closed = (port: MessageChannel['port1']) => new Promise((resolve) => port.once('close', resolve));

test('a PNG drawn through the channel is the PNG drawn in place', async () => {
  const here = Buffer.from(await svgToPng(SVG));
  const { port1, port2 } = new MessageChannel();
  let served = 0;
  port2.on('message', () => served++);
  servePngs(port2);
  drawPngsThrough(port1);
  try {
    const [a, b] = await Promise.all([drawPng(SVG), drawPng(SVG.replace('12,5', '99,9'))]);
    expect(Buffer.from(a)).toEqual(here);
    expect(Buffer.from(b)).not.toEqual(here);
    expect(served).toBe(2);
  } finally {
    port2.close();
    await closed(port1);
  }
});

test('when the other end is gone, the PNGs it did not answer are drawn here', async () => {
  const here = Buffer.from(await svgToPng(SVG));
  const { port1, port2 } = new MessageChannel();
  // An end that takes requests and never answers: a thread that died with them.
  port2.on('message', () => undefined);
  drawPngsThrough(port1);
  const pending = drawPng(SVG);
  port2.close();
  await closed(port1);
  expect(Buffer.from(await pending)).toEqual(here);
  // And from then on, in place.
  expect(Buffer.from(await drawPng(SVG))).toEqual(here);
});

test('a drawing that fails on the other end fails here, with its reason', async () => {
  const { port1, port2 } = new MessageChannel();
  servePngs(port2);
  drawPngsThrough(port1);
  try {
    await expect(drawPng('<svg xmlns="http://www.w3.org/2000/svg" width="0" height="0"></svg>')).rejects.toThrow(/invalid size/);
  } finally {
    port2.close();
    await closed(port1);
  }
});
