/** Types of what webpack.config.js exports, for the tests that import its helpers. */
import type { Configuration } from 'webpack';

export declare const DEV_HOST: string;
export declare const DEV_ADDIN_ID: string;
export declare const PRODUCTION_ADDIN_ID: string;
export declare const OFFICE_JS_CDN: string;
export declare const OFFICE_JS_LOCAL_DIR: string;
export declare const OFFICE_JS_PACKAGE_DIR: string;
export declare function isShippedOfficeJsFile(path: string): boolean;
export declare function rewriteManifest(xml: string, host: string): string;
export declare function contentSecurityPolicy(officeJsOrigin: string | null): string;
declare const config: (env?: Record<string, unknown>, argv?: { mode?: string }) => Promise<Configuration>;
export default config;
