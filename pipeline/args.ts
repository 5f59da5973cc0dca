/** Command-line arguments of `consolidate` and `check`, parsed strictly (unknown flags are errors). */
import { parsePeriod, PeriodError, type Period } from '../core/periods';
import { UsageError } from './errors';

export interface ConsolidateArgs {
  command: 'consolidate';
  /** Null: every period of the bundled samples. */
  inputDir: string | null;
  period: Period | null;
  out: string | null;
  db: string | null;
  successors: boolean;
  /** False with `--no-report`: data outputs only, no charts or report.html. */
  report: boolean;
  json: boolean;
  help: boolean;
}

export interface CheckArgs {
  command: 'check';
  target: string | null;
  period: Period | null;
  json: boolean;
  help: boolean;
}

export interface ExportArgs {
  command: 'export';
  /** The folder the Parquet files go to. */
  parquet: string | null;
  db: string | null;
  json: boolean;
  help: boolean;
}

export type Args = ConsolidateArgs | CheckArgs | ExportArgs;

const VALUE_FLAGS = { consolidate: ['--period', '--out', '--db'], check: ['--period'], export: ['--parquet', '--db'] } as const;
const BOOLEAN_FLAGS = {
  consolidate: ['--successors', '--no-report', '--json', '--help', '-h'],
  check: ['--json', '--help', '-h'],
  export: ['--json', '--help', '-h'],
} as const;

export function parseArgs(argv: readonly string[]): Args {
  const [command, ...rest] = argv;
  if (command !== 'consolidate' && command !== 'check' && command !== 'export') {
    throw new UsageError(`Lệnh không hợp lệ "${command ?? ''}": dùng consolidate, check hoặc export / Unknown command "${command ?? ''}": use consolidate, check or export`);
  }
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, null];
    if ((VALUE_FLAGS[command] as readonly string[]).includes(name)) {
      const value = inline ?? rest[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} cần một giá trị / ${name} needs a value`);
      values.set(name, value);
    } else if ((BOOLEAN_FLAGS[command] as readonly string[]).includes(name)) {
      flags.add(name === '-h' ? '--help' : name);
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`Tùy chọn không hợp lệ ${arg} / Unknown option ${arg}`);
    } else {
      positional.push(arg);
    }
  }
  if (positional.length > 1) {
    throw new UsageError(`Thừa tham số: ${positional.slice(1).join(' ')} / Unexpected arguments: ${positional.slice(1).join(' ')}`);
  }
  const help = flags.has('--help');
  if (command === 'export') {
    if (positional.length > 0) throw new UsageError(`Thừa tham số: ${positional.join(' ')} / Unexpected arguments: ${positional.join(' ')}`);
    if (!help && !values.has('--parquet')) throw new UsageError('Cần --parquet <thư-mục> / --parquet <folder> is required');
    return { command, parquet: values.get('--parquet') ?? null, db: values.get('--db') ?? null, json: flags.has('--json'), help };
  }
  const period = values.has('--period') ? periodArg(values.get('--period')!) : null;
  if (command === 'check') {
    if (!help && positional.length === 0) throw new UsageError('Cần tệp hoặc thư mục cần kiểm tra / A file or folder to check is required');
    return { command, target: positional[0] ?? null, period, json: flags.has('--json'), help };
  }
  return {
    command,
    inputDir: positional[0] ?? null,
    period,
    out: values.get('--out') ?? null,
    db: values.get('--db') ?? null,
    successors: flags.has('--successors'),
    report: !flags.has('--no-report'),
    json: flags.has('--json'),
    help,
  };
}

function periodArg(text: string): Period {
  try {
    return parsePeriod(text);
  } catch (err) {
    if (err instanceof PeriodError) throw new UsageError(err.message);
    throw err;
  }
}

export const HELP = `Tổng hợp báo cáo truyền thông BHXH (Mẫu 03, Mẫu 04) / National consolidation

Cách dùng / Usage:
  npm run consolidate -- <thư-mục> --period <kỳ> [--out <thư-mục>] [--db <tệp>] [--successors] [--no-report] [--json]
  npm run consolidate                       tổng hợp mọi kỳ của dữ liệu mẫu / every period of the samples
  npm run check -- <tệp-hoặc-thư-mục> [--period <kỳ>] [--json]
  npm run export -- --parquet <thư-mục> [--db <tệp>]

Kỳ / period: YYYY-MM (tháng), YYYY-H1 (6 tháng), YYYY (năm).

consolidate
  <thư-mục>       thư mục chứa các tệp .xlsx của các tỉnh (cả thư mục con)
                  folder of the provinces' .xlsx files (subfolders included)
  --period <kỳ>   kỳ cần tổng hợp; có thể bỏ khi tên thư mục là mã kỳ (vd. 2026-03)
                  the period; may be left out when the folder is named after it
  --out <dir>     nơi ghi kết quả / output folder (mặc định / default: out/<kỳ>/;
                  khi tổng hợp dữ liệu mẫu: thư mục gốc, mỗi kỳ một thư mục con)
  --db <tệp>      kho dữ liệu DuckDB / warehouse file (mặc định / default: data/warehouse.duckdb)
  --successors    tính chỉ tiêu của các tỉnh trước sáp nhập 2025 theo tỉnh kế thừa (so sánh xu hướng)
                  re-express pre-merger provinces under their successors (for trends)
  --no-report     không vẽ biểu đồ và report.html (nhanh hơn) / skip the charts and report.html
  --json          in bản tóm tắt JSON ra stdout / print a JSON summary on stdout

  Kết quả / outputs in out/<kỳ>/: indicators.csv, national_<kỳ>.xlsx, validation.csv,
  validation.html, values.csv, phan-hoi/<tỉnh>_<kỳ>.xlsx (phản hồi cho từng tỉnh / feedback
  to each province), report-data.json (và báo cáo / and the report).

check             kiểm tra tệp, không nạp vào kho / validate files without loading them

export --parquet <thư-mục> [--db <tệp>] [--json]
                  ghi toàn bộ kho dữ liệu ra Parquet, chia theo kỳ (period=…/)
                  the whole warehouse as Parquet, partitioned by period (docs/PIPELINE.md)

Mã thoát / exit codes: 0 sạch / clean · 1 có tệp bị từ chối hoặc có lỗi / files refused or with errors
                       2 sai cách gọi hoặc lỗi nghiêm trọng / usage or fatal error
`;
