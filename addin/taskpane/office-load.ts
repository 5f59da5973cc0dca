/** Facts about loading Office.js that the entry point and its tests share. */

/** Office.onReady normally comes within a second or two; well past that, it is not coming. */
export const OFFICE_READY_TIMEOUT_MS = 20_000;

/** The host Office.js is loaded from (Microsoft's CDN, or the add-in's own host with OFFICE_JS=local). */
export function officeJsHost(doc: Document): string {
  const src = doc.querySelector<HTMLScriptElement>('script#office-js')?.src ?? '';
  try {
    return new URL(src).host;
  } catch {
    return src;
  }
}
