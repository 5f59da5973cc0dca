/** The CLI as it ships: compiled once into dist-cli/<version>/, each command loading only what it uses. */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { WORKER_ENTRIES } from '../../scripts/cli.mjs';
import { sourceKey } from '../../scripts/source-key.mjs';
import { PROJECT_ROOT } from '../../pipeline/reference';
import { copySamples, tempDir } from './helpers';

/** Modules a chunk imports statically (`import … from "x"`, `import "x"`), not `import("x")`. */
function staticImports(code: string): string[] {
  // Statements at the start of a line (esbuild writes them there), not strings in bundled code.
  return [...code.matchAll(/^(?:import|export)\s(?:[^;"]*?\bfrom\s*)?"([^"]+)";/gm)].map((m) => m[1]);
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
    .split(/^(?=\/\/ \S+\.(?:[cm]?[jt]s|json)$)/m)
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

const BUILTINS = new Set(builtinModules);

/** A module specifier's package (`vega-lite/build/x` → `vega-lite`). */
const packageOf = (spec: string) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');

/** Every package a chunk loads before any of its dynamic imports runs, from node_modules or compiled in, theirs included. */
function loadedPackages(dir: string, entry: string): Set<string> {
  return new Set(
    staticClosure(dir, entry)
      .flatMap((code) => [...staticImports(code), ...requiredOnLoad(code), ...bundled(code)])
      .filter((spec) => !spec.startsWith('./') && !spec.startsWith('node:') && !BUILTINS.has(spec))
      .map(packageOf),
  );
}

/** The chunks a chunk, or what it loads statically, imports with `import("./x")`. */
function dynamicImports(dir: string, entry: string): Set<string> {
  return new Set(staticClosure(dir, entry).flatMap((code) => [...code.matchAll(/import\("\.\/([^"]+)"\)/g)].map((m) => m[1])));
}

describe('the compiled CLI', () => {
  const dir = join(PROJECT_ROOT, 'dist-cli', sourceKey());
  let cli: string;

  /**
   * A copy of the build (without the caches other runs may be writing and renaming meanwhile), so
   * that the other test files' runs of the CLI do not write into it, and a run of three files on
   * it that answers the charts it wrote.
   */
  const copyOfBuild = (name: string) => {
    const copy = join(PROJECT_ROOT, 'dist-cli', `.test-${name}-${process.pid}`);
    const remove = () => rmSync(copy, { recursive: true, force: true });
    const work = tempDir(name);
    try {
      cpSync(dir, copy, { recursive: true, filter: (path) => !/\.(v8cache|tmp)$/.test(path) });
      copySamples(join(work, 'in'), 3);
    } catch (err) {
      remove();
      throw err;
    }
    const run = (label: string) => {
      const r = spawnSync(process.execPath, [join(copy, 'cli.mjs'), 'consolidate', join(work, 'in'), '--period', '2026-03', '--db', join(work, `${label}.duckdb`), '--out', join(work, label)], { cwd: PROJECT_ROOT, encoding: 'utf8' });
      // Nothing on stderr but the progress lines.
      expect([r.status, r.stderr.split('\n').filter((line) => line && !line.endsWith('đã nạp / loaded'))]).toEqual([0, []]);
      const charts = join(work, label, 'charts');
      return Object.fromEntries(readdirSync(charts).sort().map((f) => [f, readFileSync(join(charts, f)).toString('base64')]));
    };
    return { copy, run, remove };
  };

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
    expect([...check].sort()).toEqual(['pako', 'saxes', 'xmlchars']);
  });

  test('consolidate loads DuckDB but neither the workbook writer nor the charts: each render thread loads its own', () => {
    expect([...loadedPackages(dir, chunkOf('consolidate'))].sort()).toEqual(['@duckdb/node-api', 'pako', 'saxes', 'xmlchars']);
    expect(readFileSync(join(dir, 'render-worker.mjs'), 'utf8')).toContain('parentPort');
    expect([...loadedPackages(dir, 'render-worker.mjs')]).toEqual([]);
    // What each kind of job loads when it first runs: the workbooks and the Word draft only fflate
    // (core/xlsx/write and core/draft/docx.ts make the XML themselves), the charts Vega and resvg,
    // the PNGs drawn for the report on the workbooks' thread resvg without Vega. ExcelJS, nowhere.
    const lazily = [...dynamicImports(dir, 'render-worker.mjs')].map((chunk) => [...loadedPackages(dir, chunk)]);
    const charts = lazily.filter((packages) => packages.includes('vega'));
    expect(charts).toHaveLength(1);
    // Vega from node_modules: the ES chunks draw charts only where the report's thread is gone.
    expect(charts[0].sort()).toEqual(['@resvg/resvg-js', 'vega', 'vega-lite']);
    const chunks = readdirSync(dir).filter((f) => f.endsWith('.mjs'));
    expect(chunks.filter((f) => bundled(readFileSync(join(dir, f), 'utf8')).some((p) => p.startsWith('vega')))).toEqual([]);
    const others = lazily.filter((packages) => !packages.includes('vega') && packages.length > 0).map((packages) => packages.sort().join(' '));
    expect(others.sort()).toEqual(['@resvg/resvg-js', 'fflate', 'fflate']);
  });

  test('every thread the pools start is built beside the chunks that start it, under the name they give', () => {
    // The pools name their threads' files in their own code (`new URL('./judge-worker.mjs', …)`): a
    // name the build does not make would leave a pool without its thread, its work on the main one.
    const chunks = readdirSync(dir).filter((f) => f.endsWith('.mjs'));
    const named = new Set(chunks.flatMap((f) => [...readFileSync(join(dir, f), 'utf8').matchAll(/"\.\/([\w-]+-worker)\.mjs"/g)].map((m) => `${m[1]}.mjs`)));
    expect([...named].sort()).toEqual(Object.keys(WORKER_ENTRIES).map((name) => `${name}.mjs`).sort());
    for (const file of named) expect(readFileSync(join(dir, file), 'utf8')).toMatch(/parentPort|\.bundle\.cjs/);
  });

  // On a copy of the build, so that the other test files' runs of the CLI do not write its cache meanwhile.
  test("the report's thread runs from a bundle with V8's code cache: made by a first run, taken by the next, made again when damaged", () => {
    const bundle = readFileSync(join(dir, 'report-worker.bundle.cjs'), 'utf8');
    expect(bundle).toContain('parentPort');
    // Strict as the ES chunks are: the directive first, before anything esbuild or a banner adds.
    expect(bundle.startsWith('"use strict";\n')).toBe(true);
    // Vega compiled in; from node_modules only resvg (DuckDB and ExcelJS are the main thread's).
    expect(bundled(bundle)).toContain('vega-lite');
    const required = new Set([...bundle.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]).filter((spec) => !spec.startsWith('node:') && !BUILTINS.has(spec)));
    expect([...required]).toEqual(['@resvg/resvg-js']);
    expect(readFileSync(join(dir, 'report-worker.mjs'), 'utf8')).toBe(readFileSync(join(PROJECT_ROOT, 'scripts', 'thread-loader.mjs'), 'utf8'));
    const { copy, run, remove } = copyOfBuild('code-cache');
    try {
      const cache = join(copy, 'report-worker.v8cache');
      const first = run('first');
      expect(Object.keys(first).filter((f) => f.endsWith('.png')).length).toBeGreaterThan(3);
      const made = readFileSync(cache);
      expect(made.length).toBeGreaterThan(100_000);
      const madeAt = statSync(cache).mtimeMs;

      expect(run('second')).toEqual(first);
      expect(statSync(cache).mtimeMs).toBe(madeAt); // taken, so not written again
      expect(readFileSync(cache).equals(made)).toBe(true);

      // Damaged within, at its length: V8 checks lengths, not bytes, and ran such a cache into a crash.
      for (const [name, at] of [['third', 100], ['fourth', 1_000_000]] as const) {
        const damaged = Buffer.from(made).fill(0x5a, at, at + 64);
        writeFileSync(cache, damaged);
        expect(run(name)).toEqual(first);
        const remade = readFileSync(cache);
        expect(remade.length).toBeGreaterThan(100_000);
        expect(remade.equals(damaged)).toBe(false);
      }
    } finally {
      remove();
    }
  }, 60_000);

  test("without the report's thread its charts are drawn in place, with Vega from node_modules, the same bytes", () => {
    const { copy, run, remove } = copyOfBuild('no-report-thread');
    try {
      const threaded = run('threaded');
      expect(Object.keys(threaded).filter((f) => f.endsWith('.svg')).length).toBeGreaterThan(3);
      // Drawn by the thread, from its bundle: only the thread writes the bundle's code cache.
      expect(existsSync(join(copy, 'report-worker.v8cache'))).toBe(true);
      // The thread's file gone: the pool hears its thread fail to start and runs its jobs here.
      rmSync(join(copy, 'report-worker.mjs'));
      expect(run('in-place')).toEqual(threaded);
    } finally {
      remove();
    }
  }, 60_000);
});
