/**
 * Renders the add-in's icons (assets/icon-<size>.png) from one SVG drawing: a blue tile with a
 * report sheet and a check mark. Run `npx tsx scripts/make-icons.ts` after changing the drawing;
 * the PNGs are committed so that building needs no renderer.
 */
import { Resvg } from '@resvg/resvg-js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../pipeline/reference';

const ICON_SIZES = [16, 32, 64, 80, 128] as const;

/** Drawn on a 32-unit grid; small sizes drop the table rules, which would blur into grey. */
function iconSvg(size: number): string {
  const rules =
    size >= 32
      ? '<path d="M10 13h12M10 17h12M10 21h7M15 9.5v13" stroke="#9FB7D4" stroke-width="1.2" fill="none"/>'
      : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 32 32">
  <rect x="0.5" y="0.5" width="31" height="31" rx="6" fill="#0B5CAD"/>
  <rect x="7" y="5" width="18" height="22" rx="2" fill="#FFFFFF"/>
  <rect x="7" y="5" width="18" height="4.5" rx="2" fill="#D6E4F5"/>
  ${rules}
  <circle cx="23" cy="23" r="6.5" fill="#1E8E3E" stroke="#FFFFFF" stroke-width="1.5"/>
  <path d="M19.8 23.2l2.2 2.2 4.2-4.4" stroke="#FFFFFF" stroke-width="2" fill="none" stroke-linecap="round" stroke-linejoin="round"/>
</svg>`;
}

function renderIcon(size: number): Buffer {
  return new Resvg(iconSvg(size), { fitTo: { mode: 'width', value: size } }).render().asPng();
}

const outDir = join(PROJECT_ROOT, 'assets');
mkdirSync(outDir, { recursive: true });
for (const size of ICON_SIZES) {
  const file = join(outDir, `icon-${size}.png`);
  writeFileSync(file, renderIcon(size));
  console.log(`Đã ghi / wrote ${file}`);
}
