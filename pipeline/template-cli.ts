/**
 * `npm run template -- --unit 51 --period 2026-H1 --out f.xlsx [--report-date YYYY-MM-DD]`:
 * writes the blank report workbook of one unit and period (docs/FORMS.md "Workbook layout").
 * Exit codes: 0 written, 2 bad arguments (unknown unit, bad period…), 1 anything else.
 */
import './native-zlib';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { FORMS, TARGETS_SHEET } from '../core/forms';
import { formsOf, hasTargets, isPeriodCode, parsePeriod, periodLabel, type Period } from '../core/periods';
import { parseReportDate } from '../core/reader';
import { NATIONAL_CODE, type UnitRegistry } from '../core/units';
import { blankTemplate } from '../core/xlsx';
import { loadRegistry, loadTargets } from './reference';

const USAGE = `Tạo mẫu báo cáo Excel (Mẫu 03, Mẫu 04, Mục tiêu) / Write a blank report workbook

  npm run template -- --unit <mã> --period <kỳ> [--out <tệp.xlsx>] [--report-date YYYY-MM-DD]

  --unit         mã BHXH tỉnh (2 chữ số, ví dụ 51) hoặc VN / province code (e.g. 51) or VN
  --period       YYYY-MM (tháng / month), YYYY-H1 (6 tháng / six-month), YYYY (năm / annual)
  --out          tệp kết quả / output file (mặc định / default: mau-bao-cao-<unit>-<period>.xlsx)
  --report-date  ngày báo cáo điền sẵn / report date to pre-fill (YYYY-MM-DD hoặc dd/mm/yyyy)
  --help         hướng dẫn này / this help`;

class UsageError extends Error {}

function fail(vi: string, en: string): never {
  throw new UsageError(`${vi} / ${en}`);
}

function periodOf(text: string | undefined): Period {
  if (!text) fail('Thiếu --period', 'Missing --period');
  if (!isPeriodCode(text)) fail(`Kỳ báo cáo "${text}" không đúng dạng YYYY-MM, YYYY-H1 hoặc YYYY`, `Period "${text}" is not YYYY-MM, YYYY-H1 or YYYY`);
  try {
    return parsePeriod(text);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** The unit must report in the period: a province, a local office (its own workbook), or the nation. */
function checkUnit(registry: UnitRegistry, code: string | undefined, period: Period): string {
  if (!code) fail('Thiếu --unit', 'Missing --unit');
  const unitCode = code.trim().toUpperCase();
  if (unitCode === NATIONAL_CODE) return unitCode;
  const unit = registry.find(unitCode, period);
  if (unit && unit.level !== 'office') return unitCode;
  if (unit) {
    fail(
      `Mã ${unitCode} là dòng Văn phòng BHXH tỉnh trong báo cáo của tỉnh; hãy lập mẫu cho tỉnh ${unitCode.slice(0, 2)}`,
      `${unitCode} is the provincial office's row of the province's report; make the template for ${unitCode.slice(0, 2)}`,
    );
  }
  const former = registry.versions(unitCode).find((u) => u.level === 'province');
  if (former) {
    const successor = registry.successor(unitCode, period);
    const next = successor ? ` ${successor.code} ${successor.name}` : '';
    fail(
      `Mã ${unitCode} (${former.name}) không còn hiệu lực trong kỳ ${period.code}${next && `; đơn vị kế thừa:${next}`}`,
      `Unit ${unitCode} (${former.name}) is not valid in period ${period.code}${next && `; successor:${next}`}`,
    );
  }
  fail(`Mã đơn vị "${unitCode}" không có trong danh mục (data/units.csv)`, `Unknown unit code "${unitCode}" (data/units.csv)`);
}

function reportDateOf(text: string | undefined): string | null {
  if (text === undefined) return null;
  const iso = parseReportDate(text);
  if (iso === null || iso === 'invalid') fail(`Ngày báo cáo "${text}" không hợp lệ (YYYY-MM-DD hoặc dd/mm/yyyy)`, `Invalid report date "${text}"`);
  return iso;
}

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        unit: { type: 'string' },
        period: { type: 'string' },
        out: { type: 'string' },
        'report-date': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values;
  } catch (err) {
    throw new UsageError(`Tham số không hợp lệ / Bad arguments: ${(err as Error).message}\n\n${USAGE}`);
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const period = periodOf(args.period);
  const reportDate = reportDateOf(args['report-date']);
  const registry = loadRegistry();
  const unitCode = checkUnit(registry, args.unit, period);
  const targets = hasTargets(period) ? loadTargets() : null;
  const out = resolve(args.out ?? `mau-bao-cao-${unitCode}-${period.code}.xlsx`);

  const bytes = await blankTemplate(registry, unitCode, period, {
    reportDate,
    targetOf: (code) => targets?.targetOfRow(code, period) ?? null,
  });
  writeFileSync(out, bytes);
  const sheets = [...formsOf(period).map((f) => FORMS[f].sheetName), ...(hasTargets(period) ? [TARGETS_SHEET] : [])].join(', ');
  const rows = registry.reportRows(unitCode, period).length;
  console.log(`Đã tạo mẫu / Template written: ${out}`);
  console.log(`  ${unitCode}, ${periodLabel(period).vi}; ${sheets}; ${rows} dòng đơn vị / unit rows`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof UsageError) {
      console.error(`Lỗi / Error: ${err.message}`);
      if (!err.message.includes(USAGE)) console.error('\nXem / see: npm run template -- --help');
      process.exit(2);
    }
    const e = err as NodeJS.ErrnoException;
    console.error(`Lỗi / Error: ${e.code === 'ENOENT' || e.code === 'EACCES' ? `không ghi/đọc được tệp / cannot access file: ${e.path ?? e.message}` : e.message}`);
    process.exit(1);
  },
);
