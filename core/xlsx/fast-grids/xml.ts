/** Streaming XML for the fast read path: saxes over a part, handlers by element, and the texts
 * ExcelJS decodes a second time or unescapes. */
import { SaxesParser } from 'saxes';

/** The workbook is built unlike Excel's and LibreOffice's files: read it with ExcelJS. */
export class UnusualWorkbook extends Error {}

export function unusual(why: string): never {
  throw new UnusualWorkbook(why);
}

/** Inflated zip parts by name (core/xlsx/guard/ `inspectWorkbook`). */
export type XlsxParts = ReadonlyMap<string, Uint8Array>;

// ---------------------------------------------------------------------------------------------

type Attributes = Record<string, string>;

export interface XmlHandler {
  open(name: string, attributes: Attributes): void;
  text(text: string): void;
  /** False once the part's root element has closed: the rest of the part is not read. */
  close(name: string): boolean;
}

/** The size in which ExcelJS feeds a part to saxes: an error past the root's end in a later one goes unseen. */
const CHUNK_CHARS = 16 * 1024;
const utf8 = new TextDecoder('utf-8');

/** Runs `handler` over a part; throws what saxes finds wrong (ExcelJS refuses the file then too). */
export function walkXml(bytes: Uint8Array, handler: XmlHandler): void {
  const text = utf8.decode(bytes);
  const parser = new SaxesParser();
  let error: Error | null = null;
  let done = false;
  parser.on('error', (err) => {
    error ??= err;
  });
  parser.on('opentag', (node) => {
    if (!done) handler.open(node.name, node.attributes as Attributes);
  });
  parser.on('text', (t) => {
    if (!done) handler.text(t);
  });
  parser.on('closetag', (node) => {
    if (!done && !handler.close(node.name)) done = true;
  });
  for (let at = 0; at < text.length && !done; at += CHUNK_CHARS) {
    parser.write(text.substring(at, at + CHUNK_CHARS));
    if (error) throw error;
  }
  if (!done) unusual('a part whose root element never closes');
}

/**
 * Follows a part's top-level structure as ExcelJS's parsers do: an element of `known` is read by
 * `inner` up to its own end (its descendants included); elements not in `known` are looked into.
 */
export function topLevel(root: string, known: ReadonlySet<string>, inner: (name: string) => XmlHandler | null, onRootClose: () => void = () => undefined): XmlHandler {
  let current: XmlHandler | null = null;
  let currentName = '';
  let depth = 0;
  let skipping = 0;
  let rootSeen = false;
  return {
    open(name, attributes) {
      if (current || skipping) {
        depth++;
        if (current) current.open(name, attributes);
        return;
      }
      if (!rootSeen) {
        if (name !== root) unusual(`a part whose root is <${name}>, not <${root}>`);
        rootSeen = true;
        return;
      }
      if (!known.has(name)) return;
      depth = 1;
      current = inner(name);
      currentName = name;
      if (current) current.open(name, attributes);
      else skipping = 1;
    },
    text(text) {
      current?.text(text);
    },
    close(name) {
      if (current || skipping) {
        if (--depth > 0) {
          current?.close(name);
          return true;
        }
        if (name !== currentName) unusual(`<${currentName}> closed by </${name}>`);
        current?.close(name);
        current = null;
        skipping = 0;
        return true;
      }
      if (name === root) {
        onRootClose();
        return false;
      }
      return true;
    },
  };
}

/** A part that is a flat list of `item` elements under `list`; anything else there is unusual. */
export function listOf(list: string, item: string, onItem: (attributes: Attributes) => void): XmlHandler {
  let depth = 0;
  return {
    open(name, attributes) {
      depth++;
      if (depth === 1) return;
      if (depth !== 2 || name !== item) unusual(`<${name}> inside <${list}>`);
      onItem(attributes);
    },
    text() {},
    close() {
      depth--;
      return true;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Texts: ExcelJS decodes entities in some places a second time, and `_xHHHH_` escapes in others

/** ExcelJS's second pass over already decoded text (`t="str"` values and sheet names). */
export function decodeAgain(text: string): string {
  return text.replace(/&([a-z]*);/g, (all) => XML_ENTITIES[all] ?? all);
}
const XML_ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&apos;': "'", '&quot;': '"' };

/** `_x000D_` and the like in shared strings and rich-text runs. */
export function decodeEscapes(text: string): string {
  return text.replace(/_x([0-9A-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** A run of rich text: its text, undefined when it has no `<t>`. */
export type Runs = (string | undefined)[];
export const joinRuns = (runs: Runs) => runs.join('');

/**
 * Reads `<r>` runs: each run's `<t>` (with `_x…_` escapes decoded); formatting (`<rPr>`) is
 * skipped. `open`/`close` return false for what is not theirs.
 */
export class RunReader {
  runs: Runs = [];
  private inRun = false;
  private inText = false;
  private text: string[] = [];
  private runText: string | undefined;

  get active(): boolean {
    return this.inRun;
  }

  open(name: string): void {
    if (!this.inRun) {
      this.inRun = true;
      this.runText = undefined;
    } else if (name === 't') {
      this.inText = true;
      this.text = [];
    }
  }

  onText(text: string): void {
    if (this.inText) this.text.push(text);
  }

  /** True when the run ended with this tag. */
  close(name: string): boolean {
    if (name === 'r') {
      this.runs.push(this.runText);
      this.inRun = false;
      return true;
    }
    if (name === 't' && this.inText) {
      this.runText = decodeEscapes(this.text.join(''));
      this.inText = false;
    }
    return false;
  }
}
