/**
 * A tile-grid map of Vietnam's 34 provinces (from 1 July 2025): one square per province,
 * placed by hand roughly where it lies (north at the top, the central provinces as one
 * coastal strip, the Mekong delta at the bottom left), coloured by one indicator.
 * No boundary data is needed, so nothing licensed is shipped.
 */
import type { TopLevelSpec } from 'vega-lite';
import { INDICATOR_BY_ID, type IndicatorId, type IndicatorValue } from '../indicators';
import type { ProvinceRef } from '../report-data';
import { nationalValue, valueOf, VEGA_LITE_SCHEMA, wrapText } from './common';
import { D3_FORMAT, d3FormatOf, formatIndicatorValue } from './format';
import { CHART_CONFIG, COLOURS, SEQUENTIAL_SCHEME } from './theme';

/** Row and column of each province's tile, by GSO code (row 0 = the northern border). */
export const TILE_GRID: Readonly<Record<string, { row: number; col: number }>> = {
  '12': { row: 0, col: 1 }, // Lai Châu
  '15': { row: 0, col: 2 }, // Lào Cai
  '08': { row: 0, col: 3 }, // Tuyên Quang
  '04': { row: 0, col: 4 }, // Cao Bằng
  '11': { row: 1, col: 0 }, // Điện Biên
  '14': { row: 1, col: 1 }, // Sơn La
  '25': { row: 1, col: 2 }, // Phú Thọ
  '19': { row: 1, col: 3 }, // Thái Nguyên
  '20': { row: 1, col: 4 }, // Lạng Sơn
  '01': { row: 2, col: 2 }, // Hà Nội
  '24': { row: 2, col: 3 }, // Bắc Ninh
  '22': { row: 2, col: 4 }, // Quảng Ninh
  '37': { row: 3, col: 2 }, // Ninh Bình
  '33': { row: 3, col: 3 }, // Hưng Yên
  '31': { row: 3, col: 4 }, // Hải Phòng
  '38': { row: 4, col: 2 }, // Thanh Hóa
  '40': { row: 5, col: 2 }, // Nghệ An
  '42': { row: 6, col: 3 }, // Hà Tĩnh
  '44': { row: 7, col: 3 }, // Quảng Trị
  '46': { row: 8, col: 4 }, // Huế
  '48': { row: 9, col: 4 }, // Đà Nẵng
  '51': { row: 10, col: 4 }, // Quảng Ngãi
  '52': { row: 11, col: 4 }, // Gia Lai
  '66': { row: 12, col: 4 }, // Đắk Lắk
  '68': { row: 13, col: 3 }, // Lâm Đồng
  '56': { row: 13, col: 4 }, // Khánh Hòa
  '80': { row: 14, col: 1 }, // Tây Ninh
  '79': { row: 14, col: 2 }, // Hồ Chí Minh
  '75': { row: 14, col: 3 }, // Đồng Nai
  '91': { row: 15, col: 0 }, // An Giang
  '82': { row: 15, col: 1 }, // Đồng Tháp
  '86': { row: 15, col: 2 }, // Vĩnh Long
  '96': { row: 16, col: 0 }, // Cà Mau
  '92': { row: 16, col: 1 }, // Cần Thơ
};

const ROWS = 1 + Math.max(...Object.values(TILE_GRID).map((t) => t.row));
const COLS = 1 + Math.max(...Object.values(TILE_GRID).map((t) => t.col));
const TILE_PX = 54;
/** Fraction of a tile left as gap. */
const GAP = 0.06;

export interface TileMapInput {
  indicator: IndicatorId;
  provinces: readonly ProvinceRef[];
  values: readonly IndicatorValue[];
  periodLabel: string;
}

/** The tile map only fits the 34 provinces; other sets of provinces (before 1 July 2025) have none. */
export function tileMapFits(provinces: readonly ProvinceRef[]): boolean {
  return provinces.length === Object.keys(TILE_GRID).length && provinces.every((p) => p.code in TILE_GRID);
}

/** Splits a name over two lines at the word nearest its middle, so it fits a tile. */
function nameLines(name: string): [string, string] {
  const words = name.split(' ');
  if (words.length < 2) return ['', name];
  const diff = (k: number) => Math.abs(words.slice(0, k).join(' ').length - words.slice(k).join(' ').length);
  let best = 1;
  for (let k = 2; k < words.length; k++) if (diff(k) < diff(best)) best = k;
  return [words.slice(0, best).join(' '), words.slice(best).join(' ')];
}

/** Null when the provinces are not the 34 of the grid. */
export function tileMapChart({ indicator, provinces, values, periodLabel }: TileMapInput): TopLevelSpec | null {
  if (!tileMapFits(provinces)) return null;
  const def = INDICATOR_BY_ID[indicator];
  const tiles = provinces.map((p) => {
    const { row, col } = TILE_GRID[p.code];
    const value = valueOf(values, p.code, indicator)?.value ?? null;
    const [line1, line2] = nameLines(p.name);
    return { code: p.code, line1, line2, row, col, value, label: formatIndicatorValue(indicator, value) };
  });
  const present = tiles.map((t) => t.value).filter((v) => v !== null);
  const low = present.length ? Math.min(...present) : 0;
  const high = present.length ? Math.max(...present) : 1;
  // Text turns white on the darker half of the scale.
  const darkFrom = low + (high - low) * 0.5;
  const x = (field: string) => ({ field, type: 'quantitative' as const, axis: null, scale: { domain: [0, COLS] } });
  const y = (field: string) => ({ field, type: 'quantitative' as const, axis: null, scale: { domain: [0, ROWS], reverse: true } });
  const national = nationalValue(values, indicator)?.value ?? null;
  const textColour = { condition: { test: `isValid(datum.value) && datum.value >= ${darkFrom}`, value: '#ffffff' }, value: COLOURS.ink };

  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: wrapText(`Bản đồ: ${def.id}. ${def.label.vi}`, 36),
      subtitle: [`${periodLabel} · Toàn quốc: ${formatIndicatorValue(indicator, national)}`, 'Ô trắng: chưa có số liệu'],
    },
    config: CHART_CONFIG,
    width: COLS * TILE_PX,
    height: ROWS * TILE_PX,
    data: { values: tiles },
    transform: [
      { calculate: `datum.col + ${GAP / 2}`, as: 'x0' },
      { calculate: `datum.col + ${1 - GAP / 2}`, as: 'x1' },
      { calculate: `datum.row + ${GAP / 2}`, as: 'y0' },
      { calculate: `datum.row + ${1 - GAP / 2}`, as: 'y1' },
      { calculate: 'datum.col + 0.5', as: 'xc' },
      { calculate: 'datum.row + 0.5', as: 'yc' },
    ],
    layer: [
      {
        name: 'province_tiles',
        // Provinces without a value keep their (white) tile.
        mark: { type: 'rect', cornerRadius: 2, stroke: '#7a7a7a', strokeWidth: 0.6, invalid: 'show' },
        encoding: {
          x: x('x0'),
          x2: { field: 'x1' },
          y: y('y0'),
          y2: { field: 'y1' },
          fill: {
            condition: { test: '!isValid(datum.value)', value: COLOURS.missing },
            field: 'value',
            type: 'quantitative',
            title: def.unit === 'percent' ? 'Tỷ lệ' : 'Giá trị',
            scale: { scheme: { ...SEQUENTIAL_SCHEME, extent: [...SEQUENTIAL_SCHEME.extent] }, zero: false, nice: false },
            legend: {
              format: def.unit === 'percent' ? D3_FORMAT.percentAxis : d3FormatOf(def.unit),
              orient: 'none',
              direction: 'vertical',
              // In the empty band west of the central coast.
              legendX: 8,
              legendY: 5 * TILE_PX,
              gradientLength: 3 * TILE_PX,
            },
          },
        },
      },
      // Three lines per tile, each its own text mark (name, rest of the name, value).
      ...(
        [
          ['province_tile_line1', 'line1', -12, 'normal'],
          ['province_tile_line2', 'line2', -2, 'normal'],
          ['province_tile_values', 'label', 11, 'bold'],
        ] as const
      ).map(([name, field, dy, fontWeight]) => ({
        name,
        mark: { type: 'text' as const, fontSize: fontWeight === 'bold' ? 9.5 : 8.5, fontWeight, baseline: 'middle' as const, dy },
        encoding: { x: x('xc'), y: y('yc'), text: { field }, color: textColour },
      })),
    ],
  };
}
