/**
 * HTML escaped by construction, for every page the pipeline writes (report.html, validation.html):
 * the `html` tag escapes each interpolated value unless it is markup already, made by `html`
 * itself or marked trusted with `raw` (our CSS, the SVG our renderer drew). Text from files or the
 * registry can then only reach a page as text, whoever writes the template.
 */

/** Markup safe to insert as it is. */
export class Html {
  constructor(private readonly markup: string) {}

  toString(): string {
    return this.markup;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Safe in element content and in quoted attribute values. */
function escaped(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Markup as it is: for fragments this program made (CSS, rendered SVG), never for found text. */
export function raw(markup: string): Html {
  return new Html(markup);
}

/**
 * A value in a template: markup as it is, a list as its items in order, nothing for null,
 * undefined and false (so `${cond && html`…`}` works), anything else as escaped text.
 */
function interpolate(value: unknown): string {
  if (value instanceof Html) return value.toString();
  if (Array.isArray(value)) return value.map(interpolate).join('');
  if (value === null || value === undefined || value === false) return '';
  return escaped(String(value));
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += interpolate(values[i]) + strings[i + 1];
  return new Html(out);
}

/** Parts with `separator` (text) between them, as the page source lays them out. */
export function joined(parts: readonly Html[], separator: string): Html {
  return html`${parts.map((part, i) => (i > 0 ? html`${separator}${part}` : part))}`;
}
