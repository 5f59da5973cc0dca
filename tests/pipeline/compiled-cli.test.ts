/** The CLI as it ships: compiled once into dist-cli/<version>/, each command loading only what it uses. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sourceKey } from '../../scripts/source-key.mjs';
import { PROJECT_ROOT } from '../../pipeline/reference';

/** Modules a chunk imports statically (`import … from "x"`, `import "x"`), not `import("x")`. */
function staticImports(code: string): string[] {
  return [...code.matchAll(/(?:\bfrom\s*|^import\s*)"([^"]+)"/gm)].map((m) => m[1]);
}

/** A chunk and every chunk it loads statically, each with its code. */
function staticClosure(dir: string, entry: string): string[] {
  const seen = new Map<string, string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    const code = readFileSync(join(dir, file), 'utf8');
    seen.set(file, code);
    for (const spec of staticImports(code)) if (spec.startsWith('./')) visit(spec.slice(2));
  };
  visit(entry);
  return [...seen.values()];
}

/** The project's own code in a chunk: esbuild heads each module it bundles with its path. */
const ownCode = (code: string) =>
  code
    .split(/^(?=\/\/ \S+\.[cm]?[jt]s$)/m)
    .filter((module) => !module.startsWith('// node_modules/'))
    .join('');

/** Packages the project's code in a chunk requires as it loads: `createRequire(import.meta.url)("x")` (CommonJS packages). */
function requiredOnLoad(chunk: string): string[] {
  const code = ownCode(chunk);
  // esbuild may rename the import (createRequire2) when two modules of a chunk import it.
  const found = [...code.matchAll(/\bcreateRequire\d*\(import\.meta\.url\)\("([^"]+)"\)/g)].map((m) => m[1]);
  // Any other form of require would go unseen by this test: there is none.
  expect(found.length).toBe([...code.matchAll(/\bcreateRequire\d*\(/g)].length);
  return found;
}

/** Packages compiled into a chunk: esbuild heads each module it bundles with its path. */
function bundled(code: string): string[] {
  return [...code.matchAll(/^\/\/ node_modules\/((?:@[^/\n]+\/)?[^/\n]+)\//gm)].map((m) => m[1]);
}

/** The project's own dependencies (package.json), not theirs (d3-*, xmlchars…). */
const DEPENDENCIES = new Set(Object.keys((JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies));

/** Every dependency a chunk loads before any of its dynamic imports runs, from node_modules or compiled in. */
function loadedPackages(dir: string, entry: string): Set<string> {
  return new Set(staticClosure(dir, entry).flatMap((code) => [...staticImports(code), ...requiredOnLoad(code), ...bundled(code)].filter((spec) => DEPENDENCIES.has(spec))));
}

/** The chunks a chunk, or what it loads statically, imports with `import("./x")`. */
function dynamicImports(dir: string, entry: string): Set<string> {
  return new Set(staticClosure(dir, entry).flatMap((code) => [...code.matchAll(/import\("\.\/([^"]+)"\)/g)].map((m) => m[1])));
}

describe('the compiled CLI', () => {
  const dir = join(PROJECT_ROOT, 'dist-cli', sourceKey());
  let cli: string;

  beforeAll(() => {
    const build = spawnSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'cli.mjs'), 'build'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    expect(build.stderr).toBe('');
    expect(build.status).toBe(0);
    cli = readFileSync(join(dir, 'cli.mjs'), 'utf8');
  });

  const chunkOf = (name: string) => {
    const m = new RegExp(`import\\("\\./(${name}-[A-Z0-9]+\\.mjs)"\\)`).exec(cli);
    expect(m).not.toBeNull();
    return m![1];
  };

  test('check loads the read path (saxes, pako; ExcelJS only for a workbook it declines) but neither DuckDB nor the charts', () => {
    const check = new Set([...loadedPackages(dir, 'cli.mjs'), ...loadedPackages(dir, chunkOf('check-files'))]);
    expect([...check].sort()).toEqual(['pako', 'saxes']);
  });

  test('consolidate loads DuckDB but neither the workbook writer nor the charts: each render thread loads its own', () => {
    const consolidate = loadedPackages(dir, chunkOf('consolidate'));
    expect(consolidate).toContain('@duckdb/node-api');
    expect([...consolidate].filter((p) => /vega|resvg|exceljs|fflate/.test(p))).toEqual([]);
    expect(readFileSync(join(dir, 'render-worker.mjs'), 'utf8')).toContain('parentPort');
    const worker = loadedPackages(dir, 'render-worker.mjs');
    expect([...worker].filter((p) => /vega|resvg|exceljs|fflate/.test(p))).toEqual([]);
    // What each kind of job loads when it first runs: the workbooks and the Word draft only fflate
    // (core/xlsx/write and core/draft/docx.ts make the XML themselves), the charts Vega and resvg.
    // ExcelJS, nowhere.
    const lazily = [...dynamicImports(dir, 'render-worker.mjs')].map((chunk) => [...loadedPackages(dir, chunk)].sort().join(' '));
    expect(lazily.filter((packages) => packages !== '').sort()).toEqual(['@resvg/resvg-js vega vega-lite', 'fflate', 'fflate']);
    expect(lazily.filter((packages) => packages.includes('exceljs'))).toEqual([]);
  });

  test('the judging worker is built beside the chunk that starts it', () => {
    expect(readFileSync(join(dir, 'judge-worker.mjs'), 'utf8')).toContain('parentPort');
  });
});
