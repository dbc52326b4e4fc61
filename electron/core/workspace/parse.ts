import type * as Yaml from 'yaml';
import type { Document, LineCounter, Node } from 'yaml';
import { lazyRequire } from '../lazy-require';
import type { FileIssue } from './issues';

/** yaml, loaded with the first workspace file, not at start (~2 MB a console without one never needs). */
export const yaml = lazyRequire<typeof Yaml>('yaml');

/** A workspace of 1,000 monitors is about 1 MB; ten times that is a mistake, not a workspace. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** Aliases a file may expand; far above any real use (`<<: *defaults` per monitor), far below a bomb. */
export const MAX_ALIASES = 10_000;

export interface ParsedYaml {
  doc: Document.Parsed;
  lines: LineCounter;
  value: unknown;
  text: string;
}

/** Bytes or text to a YAML document that keeps positions, or every problem found with where it is. */
export function parseYaml(
  input: Uint8Array | string,
): { ok: true; parsed: ParsedYaml } | { ok: false; issues: FileIssue[] } {
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.byteLength;
  if (size > MAX_FILE_BYTES) {
    return fail(
      1,
      1,
      `The file is ${(size / 1024 / 1024).toFixed(1)} MB; a workspace file is at most ${MAX_FILE_BYTES / 1024 / 1024} MB`,
    );
  }
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      const at = firstInvalidUtf8(input);
      const pos = positionOfByte(input, at);
      return fail(pos.line, pos.col, 'This is not UTF-8 text (a binary file?); a workspace file is YAML');
    }
  }
  const nul = text.indexOf('\0');
  if (nul >= 0) {
    const before = text.slice(0, nul);
    const line = before.split('\n').length;
    return fail(
      line,
      nul - before.lastIndexOf('\n'),
      'The file contains a NUL byte (a binary file?); a workspace file is YAML text',
    );
  }
  if (text.trim() === '') return fail(1, 1, 'The file is empty; a workspace starts with `version: 1`');

  const lines = new (yaml().LineCounter)();
  // Merge keys (`<<: *defaults`) let a team share fields between monitors; they count as aliases.
  const doc = yaml().parseDocument(text, {
    lineCounter: lines,
    prettyErrors: false,
    uniqueKeys: true,
    strict: true,
    merge: true,
  });
  const issues: FileIssue[] = doc.errors.map((e) => {
    const p = lines.linePos(e.pos[0]);
    return { line: p.line, col: p.col, path: '', message: yamlMessage(e.code, e.message) };
  });
  if (issues.length > 0) return { ok: false, issues };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (err) {
    if (!(err instanceof ReferenceError)) throw err;
    let at = 0;
    yaml().visit(doc, { Alias: (_, node) => ((at = node.range?.[0] ?? 0), yaml().visit.BREAK) });
    const p = lines.linePos(at);
    return fail(p.line, p.col, `Aliases expand beyond ${MAX_ALIASES} nodes (an alias bomb?); the file was not read`);
  }
  return { ok: true, parsed: { doc, lines, value, text } };
}

/** The node at a path, or the nearest existing ancestor; `key` = the key of the last step's pair. */
export function positionOf(
  parsed: ParsedYaml,
  path: readonly PropertyKey[],
  opts: { key?: boolean } = {},
): { line: number; col: number } {
  let node: unknown = parsed.doc.contents;
  let at = rangeStart(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    const step = path[i]!;
    if (yaml().isAlias(node)) node = node.resolve(parsed.doc);
    if (yaml().isMap(node)) {
      const pair = node.items.find(
        (p) => yaml().isPair(p) && yaml().isScalar(p.key) && String(p.key.value) === String(step),
      );
      if (!pair) break;
      const last = i === path.length - 1;
      const keyAt = rangeStart(pair.key);
      node = pair.value;
      at = (opts.key && last ? keyAt : (rangeStart(node) ?? keyAt)) ?? at;
    } else if (yaml().isSeq(node)) {
      const item = node.items[Number(step)];
      if (item === undefined) break;
      node = item;
      at = rangeStart(node) ?? at;
    } else break;
  }
  return parsed.lines.linePos(at);
}

function rangeStart(node: unknown): number | undefined {
  return (node as Node | null)?.range?.[0];
}

function yamlMessage(code: string, message: string): string {
  if (code === 'TAB_AS_INDENT') return 'A tab is used for indentation; YAML indents with spaces';
  if (code === 'DUPLICATE_KEY') return 'This key appears twice in the same mapping; keep one';
  return message.split('\n')[0]!;
}

function fail(line: number, col: number, message: string): { ok: false; issues: FileIssue[] } {
  return { ok: false, issues: [{ line, col, path: '', message }] };
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    for (let j = 1; j <= need; j++) if (((bytes[i + j] ?? 0) & 0xc0) !== 0x80) return i;
    i += need;
  }
  return 0;
}

function positionOfByte(bytes: Uint8Array, at: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < at; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      start = i + 1;
    }
  }
  return { line, col: at - start + 1 };
}
