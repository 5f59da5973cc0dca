/**
 * Builds the Excel add-in into dist/: taskpane.html + commands.html with their bundles, the
 * stylesheet, the icons and the manifest.
 *
 * Environment:
 * - ADDIN_HOST: where the production build is served, e.g. `https://addin.example.gov.vn/bhxh/`.
 *   The manifest copied into dist/ points there; the source manifest keeps https://localhost:3000/.
 * - OFFICE_JS: `cdn` (default) loads Office.js from Microsoft's CDN; `local` ships the Excel
 *   files of the bundled @microsoft/office-js package in dist/office-js/ (intranets without
 *   Internet access, see docs/ADDIN.md).
 */
import CopyWebpackPlugin from 'copy-webpack-plugin';
import HtmlWebpackPlugin from 'html-webpack-plugin';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

export const DEV_HOST = 'https://localhost:3000/';
/** The `<Id>` of manifest.xml, for development and sideloading. */
export const DEV_ADDIN_ID = '6cc94214-364c-4b4a-a1d4-080c88c38580';
/**
 * The `<Id>` of the manifest built for ADDIN_HOST: another add-in for Office, so a developer's
 * sideloaded copy never replaces (or is replaced by) the one the administrators deploy.
 */
export const PRODUCTION_ADDIN_ID = 'd3b8f0a2-5c71-4e96-9a0e-2f4b7c81e5d9';
export const OFFICE_JS_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
export const OFFICE_JS_LOCAL_DIR = 'office-js';
export const OFFICE_JS_PACKAGE_DIR = join(dirname(require.resolve('@microsoft/office-js/package.json')), 'dist');

/** Hosts other than Excel, and debug builds: not needed to run this add-in. */
const OFFICE_JS_SKIP = /^(access|onenote|outlook|powerpoint|project|visio|word)|\.debug\.js$|office-vsdoc|\.d\.ts$|outlook_strings/i;

/** Whether a file of the package (its path under the package's dist/) ships with OFFICE_JS=local. */
export function isShippedOfficeJsFile(path) {
  return !path.split(/[\\/]/).some((part) => OFFICE_JS_SKIP.test(part));
}

function normalizeHost(host) {
  const url = new URL(host);
  if (url.protocol !== 'https:') throw new Error(`ADDIN_HOST phải là https:// / must be https://: ${host}`);
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

/** The manifest for a host: every development URL moved to it, and the production `<Id>` off the development host. */
export function rewriteManifest(xml, host) {
  const moved = xml.split(DEV_HOST).join(host);
  return host === DEV_HOST ? moved : moved.replace(`<Id>${DEV_ADDIN_ID}</Id>`, `<Id>${PRODUCTION_ADDIN_ID}</Id>`);
}

/**
 * The pane's Content-Security-Policy: our own files, plus Office.js's origin when it comes from
 * the CDN (it loads its host-specific scripts from there). No inline scripts or styles, no eval.
 */
export function contentSecurityPolicy(officeJsOrigin) {
  const office = officeJsOrigin ? ` ${officeJsOrigin}` : '';
  return [
    "default-src 'self'",
    `script-src 'self'${office}`,
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${office}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export default async (env = {}, argv = {}) => {
  const production = argv.mode === 'production';
  const host = production && process.env.ADDIN_HOST ? normalizeHost(process.env.ADDIN_HOST) : DEV_HOST;
  const localOfficeJs = process.env.OFFICE_JS === 'local';
  const officeJsUrl = localOfficeJs ? `${OFFICE_JS_LOCAL_DIR}/office.js` : OFFICE_JS_CDN;
  const csp = contentSecurityPolicy(localOfficeJs ? null : new URL(OFFICE_JS_CDN).origin);

  const page = (name, chunks, title) =>
    new HtmlWebpackPlugin({
      filename: `${name}.html`,
      template: join(ROOT, `addin/${name}/${name}.html`),
      chunks,
      scriptLoading: 'defer',
      templateParameters: { officeJsUrl, csp, title },
      minify: false,
    });

  const copies = [
    { from: 'assets/*.png', to: 'assets/[name][ext]' },
    { from: 'addin/taskpane/taskpane.css', to: 'taskpane.css' },
    { from: 'addin/help/help.html', to: 'help.html' },
    {
      from: 'manifest.xml',
      to: 'manifest.xml',
      transform: (content) => rewriteManifest(content.toString(), host),
    },
  ];
  if (localOfficeJs) {
    copies.push({
      from: OFFICE_JS_PACKAGE_DIR,
      to: OFFICE_JS_LOCAL_DIR,
      filter: (path) => isShippedOfficeJsFile(relative(OFFICE_JS_PACKAGE_DIR, path)),
      // Microsoft's files ship as they are: marked minimized, so Terser leaves them alone.
      info: { minimized: true },
    });
  }

  return {
    context: ROOT,
    entry: {
      taskpane: './addin/taskpane/taskpane.ts',
      commands: './addin/commands/commands.ts',
    },
    output: {
      path: join(ROOT, 'dist'),
      filename: production ? '[name].[contenthash:8].js' : '[name].js',
      chunkFilename: production ? '[name].[contenthash:8].js' : '[name].js',
      publicPath: '',
      clean: true,
    },
    // The pane forbids eval (CSP), so development builds use plain source maps, not eval ones.
    devtool: production ? false : 'source-map',
    resolve: {
      extensions: ['.ts', '.js'],
    },
    module: {
      // ExcelJS's browser build is one self-contained, minified file: nothing to resolve in it.
      noParse: /exceljs[\\/]dist[\\/]exceljs\.min\.js$/,
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            // Type checking is `tsc --noEmit` (npm test); the bundle only needs the JavaScript.
            options: { transpileOnly: true, compilerOptions: { noEmit: false, sourceMap: !production } },
          },
        },
        // Reference tables (units, targets) ride in the bundle as text.
        { test: /\.csv$/, type: 'asset/source' },
      ],
    },
    plugins: [
      page('taskpane', ['taskpane'], 'Báo cáo truyền thông BHXH'),
      page('commands', ['commands'], 'Báo cáo truyền thông BHXH'),
      new CopyWebpackPlugin({ patterns: copies }),
    ],
    optimization: {
      // One terser pass: the second one of webpack's default saves little on Vega and ExcelJS
      // (ExcelJS comes minified already) and doubles the build time.
      minimizeOptions: { javascript: { compress: { passes: 1 } } },
    },
    performance: {
      // Vega and ExcelJS load on demand, in their own chunks; the entry stays small.
      maxEntrypointSize: 600_000,
      maxAssetSize: 2_500_000,
    },
    devServer: {
      static: { directory: join(ROOT, 'dist') },
      headers: { 'Access-Control-Allow-Origin': '*' },
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
      server: { type: 'https', options: env.WEBPACK_BUILD ? {} : await devCertificates() },
      client: { overlay: false },
    },
  };
};

/**
 * The localhost certificate of office-addin-dev-certs, whose CA it installs as trusted on first
 * use (Windows and macOS ask for permission). Where it cannot install the CA (Linux without
 * sudo), the certificates it generated are used anyway and the CA has to be trusted by hand.
 */
async function devCertificates() {
  const { getHttpsServerOptions } = await import('office-addin-dev-certs');
  try {
    const { ca, key, cert } = await getHttpsServerOptions();
    return { ca, key, cert };
  } catch (err) {
    const dir = join(homedir(), '.office-addin-dev-certs'); // office-addin-dev-certs' own folder
    const read = (name) => readFileSync(join(dir, name));
    console.warn(
      `Không cài được chứng chỉ CA (${err.message.split('\n')[0]}); hãy tự tin cậy ${join(dir, 'ca.crt')} trong trình duyệt / ` +
        `Could not install the CA certificate; trust ${join(dir, 'ca.crt')} in your browser by hand.`,
    );
    return { ca: read('ca.crt'), key: read('localhost.key'), cert: read('localhost.crt') };
  }
}
