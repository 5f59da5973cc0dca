/** Reading rendered Vega SVGs in tests: marks of a named Vega-Lite layer, PNG sizes and pixels. */
import { Resvg } from '@resvg/resvg-js';

const ITEM_TAG: Record<string, string> = { rect: 'path', symbol: 'path', line: 'path', area: 'path', rule: 'line', text: 'text' };

/**
 * Items drawn by the Vega-Lite layer called `name`, over every facet cell. Vega writes one
 * `<g class="mark-<type> role-mark <name>_marks">` per cell; its items are not nested groups,
 * so they run to the next `</g>`.
 */
export function markCount(svg: string, name: string): number {
  let count = 0;
  for (const m of svg.matchAll(new RegExp(`<g class="mark-(\\w+) role-mark ${name}_marks"[^>]*>`, 'g'))) {
    const body = svg.slice(m.index! + m[0].length, svg.indexOf('</g>', m.index! + m[0].length));
    const tag = ITEM_TAG[m[1]];
    if (!tag) throw new Error(`no item tag known for mark type ${m[1]}`);
    count += (body.match(new RegExp(`<${tag}\\b`, 'g')) ?? []).length;
  }
  return count;
}

/** Texts of the items of a text layer. */
export function markTexts(svg: string, name: string): string[] {
  const texts: string[] = [];
  for (const m of svg.matchAll(new RegExp(`<g class="mark-text role-mark ${name}_marks"[^>]*>`, 'g'))) {
    const body = svg.slice(m.index! + m[0].length, svg.indexOf('</g>', m.index! + m[0].length));
    for (const t of body.matchAll(/<text\b[^>]*>(.*?)<\/text>/g)) texts.push(t[1].replace(/<[^>]+>/g, ' ').trim());
  }
  return texts;
}

export function svgSize(svg: string): { width: number; height: number } {
  const m = /^<svg\b[^>]*\swidth="([\d.]+)"\s+height="([\d.]+)"/.exec(svg);
  if (!m) throw new Error('no svg size');
  return { width: Number(m[1]), height: Number(m[2]) };
}

export function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/**
 * The pixels of a PNG as a decoder we did not write reads them: resvg's, through an SVG `<image>`
 * drawn 1:1 on nothing (premultiplied RGBA, as resvg's own renders give them).
 */
export function pngPixels(png: Uint8Array): Uint8Array {
  const { width, height } = pngSize(Buffer.from(png));
  const href = `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><image width="${width}" height="${height}" image-rendering="optimizeSpeed" href="${href}"/></svg>`;
  return new Resvg(svg, { font: { loadSystemFonts: false } }).render().pixels;
}
