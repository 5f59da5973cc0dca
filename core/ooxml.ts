/**
 * What the project's two Office Open XML writers share (the workbooks, core/xlsx/write/, and the
 * Word drafts, core/draft/docx.ts): text made safe for XML by construction, the package's
 * relationships and content types, and the zip, dated so that one model gives the same bytes.
 * Browser-safe: model in, bytes out.
 */
import { zipParts } from './zip-write';

export const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
/** Relationship types of the Office document (`${OFFICE_REL}/styles`…) and the `r:` namespace. */
export const OFFICE_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

// Characters XML 1.0 cannot hold at all: C0 controls but tab, LF and CR; U+FFFE and U+FFFF;
// halves of surrogate pairs standing alone.
export const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const MARKUP = /[&<>"]/g;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

export const escapeMarkup = (s: string): string => s.replace(MARKUP, (c) => ENTITY[c]);

/** Markup escaped, characters XML cannot hold dropped: for text in elements and attributes. */
export function safe(s: string): string {
  return escapeMarkup(s.replace(NOT_XML, ''));
}

/** A relationships part; the items get the ids `rId1`, `rId2`… in order. */
export function relationshipsXml(items: readonly { type: string; target: string }[]): string {
  const rels = items.map((r, i) => `<Relationship Id="rId${i + 1}" Type="${r.type}" Target="${r.target}"/>`).join('');
  return `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`;
}

/** `[Content_Types].xml`: the types by extension, then the parts whose type differs. */
export function contentTypesXml(defaults: Readonly<Record<string, string>>, overrides: readonly { part: string; type: string }[]): string {
  const all = { rels: 'application/vnd.openxmlformats-package.relationships+xml', xml: 'application/xml', ...defaults };
  return (
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    Object.entries(all)
      .map(([ext, type]) => `<Default Extension="${ext}" ContentType="${type}"/>`)
      .join('') +
    overrides.map((o) => `<Override PartName="/${o.part}" ContentType="${o.type}"/>`).join('') +
    '</Types>'
  );
}

/**
 * The package zipped, parts in the order given (content types and the package's relationships
 * first, as Office writes them: some readers look for them there), every part dated `date`, so
 * that the same parts always give the same bytes. The charts' PNGs are deflated again too: storing
 * them would save ~25 ms a Word draft and make it ~20 % larger (resvg compresses them lightly).
 */
export function zipPackage(parts: Readonly<Record<string, string | Uint8Array>>, date: Date): Uint8Array {
  const encoder = new TextEncoder();
  return zipParts(
    Object.entries(parts).map(([name, body]) => [name, typeof body === 'string' ? encoder.encode(body) : body] as const),
    date,
  );
}
