/**
 * Bootstraps `data/units.csv` from `data/provinces.csv`: every province of both eras with its own
 * office row, local offices for the 34 current provinces (former district names where certain,
 * marked placeholders elsewhere) and a few placeholder district offices for the 63 old ones.
 *
 * `data/units.csv` is the source of truth once written: edit it by hand. This script only
 * recreates the first version and refuses to overwrite an existing file without `--force`.
 *
 *   npx tsx scripts/build-units.ts [--force]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pad2 } from '../core/format';
import { parseCsv } from '../core/csv';
import { officeCodeOf } from '../core/units';
import { DATA_DIR } from '../pipeline/reference';

/** Communes (xã, phường, đặc khu) per current province after the July 2025 reorganisation (3,321 in all). */
const COMMUNES: Record<string, number> = {
  '01': 126, '04': 56, '08': 124, '11': 45, '12': 38, '14': 75, '15': 99, '19': 92, '20': 65, '22': 54,
  '24': 99, '25': 148, '31': 114, '33': 104, '37': 129, '38': 166, '40': 130, '42': 69, '44': 78, '46': 40,
  '48': 94, '51': 96, '52': 135, '56': 65, '66': 102, '68': 124, '75': 95, '79': 168, '80': 96, '82': 102,
  '86': 124, '91': 102, '92': 103, '96': 64,
};

/** Former district names of the area each local office serves, where certain; the rest get placeholders. */
const LOCAL_NAMES: Record<string, string[]> = {
  '01': ['Ba Đình', 'Hoàn Kiếm', 'Đống Đa', 'Hai Bà Trưng', 'Cầu Giấy', 'Thanh Xuân', 'Long Biên', 'Hoàng Mai', 'Hà Đông', 'Sóc Sơn', 'Đông Anh', 'Gia Lâm'],
  '31': ['Thủy Nguyên', 'An Dương', 'An Lão', 'Kiến Thụy', 'Tiên Lãng', 'Vĩnh Bảo', 'Cát Hải', 'Kinh Môn', 'Chí Linh', 'Kim Thành', 'Nam Sách', 'Thanh Hà'],
  '38': ['Sầm Sơn', 'Bỉm Sơn', 'Nghi Sơn', 'Hoằng Hóa', 'Hậu Lộc', 'Nga Sơn', 'Quảng Xương', 'Thọ Xuân', 'Triệu Sơn', 'Yên Định', 'Vĩnh Lộc', 'Ngọc Lặc'],
  '40': ['Vinh', 'Cửa Lò', 'Diễn Châu', 'Quỳnh Lưu', 'Nghi Lộc', 'Hưng Nguyên', 'Nam Đàn', 'Thanh Chương', 'Đô Lương', 'Yên Thành', 'Anh Sơn', 'Con Cuông'],
  '46': ['Thuận Hóa', 'Phú Xuân', 'Phong Điền', 'Quảng Điền', 'Hương Trà', 'Hương Thủy', 'Phú Vang', 'Phú Lộc', 'Nam Đông', 'A Lưới'],
  '48': ['Hải Châu', 'Thanh Khê', 'Sơn Trà', 'Ngũ Hành Sơn', 'Liên Chiểu', 'Cẩm Lệ', 'Hòa Vang', 'Tam Kỳ', 'Hội An', 'Điện Bàn', 'Thăng Bình', 'Núi Thành'],
  '51': ['Sơn Hà', 'Bình Sơn', 'Sơn Tịnh', 'Tư Nghĩa', 'Nghĩa Hành', 'Mộ Đức', 'Đức Phổ', 'Ba Tơ', 'Minh Long', 'Trà Bồng', 'Ngọc Hồi', 'Đắk Hà'],
  '56': ['Nha Trang', 'Cam Ranh', 'Ninh Hòa', 'Vạn Ninh', 'Diên Khánh', 'Cam Lâm', 'Khánh Vĩnh', 'Khánh Sơn', 'Ninh Hải', 'Ninh Phước', 'Ninh Sơn', 'Bác Ái'],
  '75': ['Tân Phú', 'Định Quán', 'Xuân Lộc', 'Cẩm Mỹ', 'Long Thành', 'Nhơn Trạch', 'Trảng Bom', 'Thống Nhất', 'Vĩnh Cửu', 'Long Khánh', 'Đồng Xoài', 'Bình Long'],
  '79': ['Thủ Đức', 'Bình Thạnh', 'Gò Vấp', 'Tân Bình', 'Bình Tân', 'Củ Chi', 'Hóc Môn', 'Bình Chánh', 'Thủ Dầu Một', 'Dĩ An', 'Thuận An', 'Vũng Tàu'],
  '92': ['Ninh Kiều', 'Bình Thủy', 'Cái Răng', 'Ô Môn', 'Thốt Nốt', 'Phong Điền', 'Cờ Đỏ', 'Thới Lai', 'Vĩnh Thạnh', 'Vị Thanh', 'Ngã Bảy', 'Ngã Năm'],
};

/** District offices per pre-merger province: enough to exercise the old era with crafted data. */
const OLD_DISTRICT_OFFICES = 3;

const HEADER = ['code', 'name', 'level', 'parent_code', 'valid_from', 'valid_to', 'successor_code', 'communes', 'placeholder'] as const;
type UnitLine = Record<(typeof HEADER)[number], string>;

/** 8–12 local offices, more where a province has more communes (a fixed rule, so reruns agree). */
function localOfficeCount(provinceCode: string): number {
  const counts = Object.values(COMMUNES);
  const [min, max] = [Math.min(...counts), Math.max(...counts)];
  return 8 + Math.round((4 * (COMMUNES[provinceCode] - min)) / (max - min));
}


function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function buildUnits(provincesCsv: string): UnitLine[] {
  const lines: UnitLine[] = [];
  for (const p of parseCsv(provincesCsv)) {
    const current = p.valid_to === '';
    const era = { valid_from: p.valid_from, valid_to: p.valid_to };
    const child = (code: string, name: string, level: string, placeholder: boolean): UnitLine => ({
      code, name, level, parent_code: p.code, ...era, successor_code: '', communes: '', placeholder: placeholder ? '1' : '0',
    });
    lines.push({
      code: p.code, name: p.name.normalize('NFC'), level: 'province', parent_code: '', ...era,
      successor_code: p.successor_code, communes: current ? String(COMMUNES[p.code] ?? '') : '', placeholder: '0',
    });
    lines.push(child(officeCodeOf(p.code), 'Văn phòng BHXH tỉnh', 'office', false));
    if (current) {
      const names = LOCAL_NAMES[p.code] ?? [];
      for (let i = 1; i <= localOfficeCount(p.code); i++) {
        const name = names[i - 1];
        lines.push(child(`${p.code}${pad2(i)}`, name ? `BHXH cơ sở ${name}` : `BHXH cơ sở số ${pad2(i)} (tên tạm)`, 'local', !name));
      }
    } else {
      for (let i = 1; i <= OLD_DISTRICT_OFFICES; i++) {
        lines.push(child(`${p.code}${pad2(i)}`, `BHXH huyện số ${pad2(i)} (tên tạm)`, 'local', true));
      }
    }
  }
  return lines;
}

function unitsCsv(lines: UnitLine[]): string {
  const body = lines.map((l) => HEADER.map((h) => csvField(l[h].normalize('NFC'))).join(','));
  return [HEADER.join(','), ...body].join('\n') + '\n';
}

function main(): void {
  const target = join(DATA_DIR, 'units.csv');
  if (existsSync(target) && !process.argv.includes('--force')) {
    console.error(`${target} đã có; sửa trực tiếp tệp này hoặc chạy lại với --force / already exists; edit it directly or rerun with --force`);
    process.exit(1);
  }
  const text = unitsCsv(buildUnits(readFileSync(join(DATA_DIR, 'provinces.csv'), 'utf8')));
  writeFileSync(target, text, 'utf8');
  console.log(`Đã ghi / wrote ${target}`);
}

main();
