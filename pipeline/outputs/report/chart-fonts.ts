/**
 * The charts' only faces, DejaVu Sans regular and bold (full Vietnamese coverage): the layout
 * measures text with them (font-metrics.ts), the PNGs draw their glyphs (png.ts). No Vega here,
 * so that a thread drawing PNGs alone does not load it.
 */
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { readTrueType, type TrueTypeFont } from './truetype';

/** The charts' faces (DejaVu Sans): the layout measures with them, the PNGs draw them. */
export interface ChartFonts {
  regular: TrueTypeFont;
  bold: TrueTypeFont;
}

const isBold = (weight: number | string | undefined) => weight === 'bold' || weight === 'bolder' || Number(weight) >= 600;

/** The face a font weight is drawn in. */
export const faceFor = (fonts: ChartFonts, weight: number | string | undefined) => (isBold(weight) ? fonts.bold : fonts.regular);

let fonts: ChartFonts | undefined;

/** DejaVu Sans regular and bold, read once per thread: the charts' only faces. */
export function chartFonts(): ChartFonts {
  if (fonts) return fonts;
  const read = (name: string) => {
    const found = dejaVuFonts().find((f) => basename(f) === name);
    if (!found) throw new Error(`Thiếu phông ${name} / font ${name} missing; install fonts-dejavu-core`);
    return readTrueType(found);
  };
  fonts = { regular: read('DejaVuSans.ttf'), bold: read('DejaVuSans-Bold.ttf') };
  return fonts;
}

const FONT_ROOT = '/usr/share/fonts';
let dejaVuFiles: string[] | undefined;

/**
 * The DejaVu Sans regular and bold files under /usr/share/fonts: the charts' only faces (resvg
 * reads and parses every font it is given for every chart; the oblique and light ones went unused).
 */
export function dejaVuFonts(root = FONT_ROOT): string[] {
  if (dejaVuFiles && root === FONT_ROOT) return dejaVuFiles;
  const found: string[] = [];
  const walk = (dir: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (/^DejaVuSans(-Bold)?\.ttf$/.test(e.name)) found.push(join(dir, e.name));
    }
  };
  walk(root);
  if (found.length === 0) {
    throw new Error(
      `Không tìm thấy phông DejaVu Sans trong ${root}; cài gói fonts-dejavu-core / DejaVu Sans fonts not found in ${root}; install fonts-dejavu-core`,
    );
  }
  if (root === FONT_ROOT) dejaVuFiles = found;
  return found;
}

/** resvg's fonts for text it draws itself: DejaVu only, so that every chart looks the same. */
export const resvgFonts = () => ({ fontFiles: dejaVuFonts(), loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' });
