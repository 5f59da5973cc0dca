/**
 * The look shared by every chart: fonts with Vietnamese glyphs, the Vietnamese number locale,
 * and colours chosen to survive greyscale printing and colour-blindness: a dark blue / light
 * orange pair (distinct in luminance and for every common colour-vision deficiency), a
 * single-hue sequential scheme, and series told apart by dash and shape as well as colour.
 */
import type { Config } from 'vega-lite';
import { VI_NUMBER_LOCALE } from './format';

/** DejaVu first: it is what the server renders PNGs with and it covers Vietnamese fully. */
export const CHART_FONT = 'DejaVu Sans, Segoe UI, Arial, sans-serif';

export const COLOURS = {
  ink: '#1a1a1a',
  primary: '#2166ac',
  /** Pairs with primary: light orange, well apart in luminance. */
  contrast: '#f4a582',
  muted: '#8c8c8c',
  grid: '#e0e0e0',
  missing: '#ffffff',
  /** A file came in and was turned away: dark, apart from both blue and light orange. */
  refused: '#8c2d04',
} as const;

/** Single-hue sequential scheme, without its near-white end (kept for "no data"). */
export const SEQUENTIAL_SCHEME = { name: 'blues', extent: [0.2, 1] } as const;

/** Dash patterns: solid for the main series or the national value, dashed for comparisons. */
export const DASH = {
  solid: [1, 0],
  dashed: [6, 3],
} as const;

export const CHART_CONFIG: Config = {
  locale: { number: VI_NUMBER_LOCALE },
  font: CHART_FONT,
  background: 'white',
  padding: 8,
  view: { stroke: null },
  title: { anchor: 'start', fontSize: 14, fontWeight: 'bold', color: COLOURS.ink, subtitleFontSize: 11, subtitleColor: '#444444', offset: 10 },
  axis: { labelFontSize: 10, titleFontSize: 11, titleFontWeight: 'normal', labelColor: COLOURS.ink, titleColor: COLOURS.ink, gridColor: COLOURS.grid, domainColor: '#888888', tickColor: '#888888' },
  legend: { labelFontSize: 10, titleFontSize: 11, titleFontWeight: 'normal', orient: 'top', direction: 'horizontal' },
  header: { labelFontSize: 11, labelFontWeight: 'bold', labelColor: COLOURS.ink, titleFontSize: 11 },
};
