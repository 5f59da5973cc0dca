#!/usr/bin/env node
/**
 * Runs a command of the compiled CLI: `node scripts/cli.mjs consolidate|check|template …` (the
 * npm scripts). The TypeScript of core/ and pipeline/ is compiled with esbuild into
 * `dist-cli/<version>/` the first time a command runs after the sources changed (the README's first
 * command does it), so that no run pays for compiling. Each command's bundle loads only what it
 * uses: DuckDB and the charts sit in chunks of their own, which `check` never imports.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, sourceKey } from './source-key.mjs';

/**
 * Threads whose code is compiled with V8's code cache: one CommonJS bundle each, `<name>.bundle.cjs`,
 * started by a copy of scripts/thread-loader.mjs as `<name>.mjs`. The report's thread compiles
 * ~2 MB of Vega cold on every run otherwise (a month's run 3 % faster with the cache).
 */
const CACHED_THREADS = {
  'report-worker': 'pipeline/outputs/render-worker.ts',
};

/** Worker threads, started as `./<name>.mjs` next to the chunk that starts them: built beside every entry that may. */
export const WORKER_ENTRIES = {
  'judge-worker': 'pipeline/ingest/judge-worker.ts',
  'render-worker': 'pipeline/outputs/render-worker.ts',
  ...CACHED_THREADS,
};

const ENTRIES = {
  cli: 'pipeline/cli.ts',
  'template-cli': 'pipeline/template-cli.ts',
  ...WORKER_ENTRIES,
};
/** Builds older than this are removed after a new build (a run still using one has loaded it). */
const KEEP_OLD_MS = 10 * 60 * 1000;

/** Compiles the CLI into dist-cli/<version>/ unless it is there; returns that folder. */
async function buildCli(version = sourceKey()) {
  // Its own folder: the add-in build cleans dist/ (webpack clean) and must not take the CLI with it.
  const dist = join(ROOT, 'dist-cli');
  const dir = join(dist, version);
  if (existsSync(join(dir, 'cli.mjs'))) return dir;
  mkdirSync(dist, { recursive: true });
  // Built aside and renamed into place, so that concurrent first runs never see half a build.
  const scratch = join(dist, `.build-${process.pid}-${Date.now()}`);
  try {
    await compile(ENTRIES, scratch, version);
  } catch (err) {
    rmSync(scratch, { recursive: true, force: true });
    throw err;
  }
  try {
    renameSync(scratch, dir);
  } catch {
    rmSync(scratch, { recursive: true, force: true }); // another run built the same version first
  }
  for (const name of readdirSync(dist)) {
    const old = join(dist, name);
    try {
      if (name !== version && Date.now() - statSync(old).mtimeMs > KEEP_OLD_MS) rmSync(old, { recursive: true, force: true });
    } catch {
      // Removed meanwhile by another first run tidying the same folder.
    }
  }
  return dir;
}

/**
 * Packages left in node_modules, loaded from there at run time: those with native code (DuckDB,
 * resvg), ExcelJS (CommonJS with optional requires) and the build tools. Pure JavaScript packages
 * are compiled in (Vega into the report thread's bundle only: ONLY_IN_BUNDLES): Vega alone is ~50
 * packages of small modules, which Node resolved and loaded one by one on every run (a month's run
 * went 6 % faster, the render thread ready sooner). The build key counts package-lock.json, so
 * that an update of them rebuilds (source-key.mjs).
 */
const EXTERNAL = ['@duckdb/*', '@resvg/*', 'exceljs', 'esbuild', 'tsx', 'tsx/*'];

/**
 * Vega is compiled into the report thread's bundle only. The ES chunks reach it only where that
 * thread is gone (render-pool.ts then runs its jobs in place) and load it from node_modules: it
 * was compiled into them too, which made a clean clone's first build ~0.9 s rather than ~0.5.
 */
const ONLY_IN_BUNDLES = ['vega', 'vega-lite'];

/**
 * Compiles `entries` (name → TypeScript source) into `outdir`, the program's version built in:
 * ES modules sharing chunks, but for the threads of CACHED_THREADS, one CommonJS bundle each and
 * its loader. (A module of such a bundle that used `import.meta` would find it empty: esbuild
 * warns, and `compiled-cli.test.ts` wants a build without warnings.)
 */
export async function compile(entries, outdir, version = sourceKey()) {
  const { build } = await import('esbuild');
  const common = {
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    define: { 'process.env.BHXH_PROGRAM_VERSION': JSON.stringify(version) },
    logLevel: 'warning',
  };
  const cached = Object.keys(entries).filter((name) => name in CACHED_THREADS);
  if (cached.length > 0 && resolves('canvas')) {
    throw new Error("The `canvas` package is installed: Vega would draw with it in the ES chunks (from node_modules) but not in the report thread's bundle (withoutVegaCanvas in scripts/cli.mjs). Remove it, or bundle vega-canvas as it is.");
  }
  // Side by side, ~0.5 s in all on two cores; most of it is the bundle's Vega (ONLY_IN_BUNDLES).
  const builds = [
    build({
      ...common,
      external: [...EXTERNAL, ...ONLY_IN_BUNDLES],
      entryPoints: Object.fromEntries(Object.entries(entries).filter(([name]) => !cached.includes(name))),
      outdir,
      splitting: true,
      format: 'esm',
      outExtension: { '.js': '.mjs' },
      chunkNames: '[name]-[hash]',
    }),
    ...cached.map(async (name) => {
      await build({ ...common, entryPoints: [entries[name]], outfile: join(outdir, `${name}.bundle.cjs`), format: 'cjs', plugins: [withoutVegaCanvas] });
      copyFileSync(join(ROOT, 'scripts', 'thread-loader.mjs'), join(outdir, `${name}.mjs`));
    }),
  ];
  // Every build ended before the first failure is told, so that none writes into the folder once
  // buildCli removes it.
  const failed = (await Promise.allSettled(builds)).find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}

const resolves = (pkg) => {
  try {
    createRequire(join(ROOT, 'package.json')).resolve(pkg);
    return true;
  } catch {
    return false;
  }
};

/**
 * vega-canvas loads the optional `canvas` package with a top-level await, which a CommonJS bundle
 * cannot hold. The charts never draw on a canvas (Vega writes SVG, measuring text with the charts'
 * fonts, report/font-metrics.ts; resvg draws the PNGs), and `canvas` is not installed, so
 * vega-canvas answers null: the bundle gets a module that answers null.
 */
const withoutVegaCanvas = {
  name: 'without-vega-canvas',
  setup(build) {
    build.onResolve({ filter: /^vega-canvas$/ }, () => ({ path: 'vega-canvas', namespace: 'without-vega-canvas' }));
    build.onLoad({ filter: /.*/, namespace: 'without-vega-canvas' }, () => ({
      contents: 'export const canvas = () => null;\nexport const image = () => null;\n',
      loader: 'js',
    }));
  },
};

const COMMANDS = { consolidate: 'cli', check: 'cli', export: 'cli', template: 'template-cli' };

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [command, ...rest] = process.argv.slice(2);
  const entry = COMMANDS[command];
  const dir = await buildCli();
  if (command === 'build') process.exit(0);
  const main = join(dir, `${entry ?? 'cli'}.mjs`);
  // The compiled CLI reads its arguments as if it had been started itself.
  process.argv = [process.argv[0], main, ...(entry === 'template-cli' ? rest : process.argv.slice(2))];
  await import(pathToFileURL(main).href);
}
