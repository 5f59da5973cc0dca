/**
 * XML character data as text: the five predefined entities and character references resolved.
 * A reference to anything else (an entity a DTD would define, a code point past U+10FFFF) stays
 * as it is written, and is told to `unresolved` if given.
 */
const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The text of a reference's name (`amp`, `#233`, `#xE9`), undefined if not predefined. */
function referenced(name: string): string | undefined {
  if (name[0] !== '#') return XML_ENTITIES[name];
  const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
  return code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}

export function xmlText(s: string, unresolved?: (reference: string) => void): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (all, name: string) => {
    const text = referenced(name);
    if (text === undefined) unresolved?.(all);
    return text ?? all;
  });
}
