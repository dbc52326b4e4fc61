/**
 * A JSON assertion such as `$.queue.depth < 100`: a small JSONPath subset and one comparison.
 * Hand-written on purpose (no dependency, and every error can say at which character it went
 * wrong). Lives in shared/ so the config schema rejects a bad expression with that message and
 * the core evaluates exactly what the schema accepted.
 *
 *   expression := path [ op value | "exists" ]        (a bare path means "exists")
 *   path       := "$" ( "." name | "[" index "]" | "[" quoted "]" )*
 *   op         := "==" | "!=" | "<" | "<=" | ">" | ">="
 *   value      := number | "string" | 'string' | true | false | null
 */

export type PathSegment = string | number;
export type Scalar = string | number | boolean | null;
export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=';

export interface JsonAssertion {
  source: string;
  path: PathSegment[];
  op: CompareOp | 'exists';
  value?: Scalar;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const NAME = /[A-Za-z_$][\w$-]*/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const OPS: readonly CompareOp[] = ['==', '!=', '<=', '>=', '<', '>'];

class Cursor {
  pos = 0;
  constructor(readonly src: string) {}
  skipSpace(): void {
    while (this.pos < this.src.length && /\s/.test(this.src[this.pos]!)) this.pos++;
  }
  match(re: RegExp): string | null {
    re.lastIndex = this.pos;
    const m = re.exec(this.src);
    if (!m) return null;
    this.pos += m[0].length;
    return m[0];
  }
  take(s: string): boolean {
    if (!this.src.startsWith(s, this.pos)) return false;
    this.pos += s.length;
    return true;
  }
  fail(what: string): { ok: false; error: string } {
    const found = this.pos < this.src.length ? `"${this.src.slice(this.pos, this.pos + 10)}"` : 'the end';
    return { ok: false, error: `Expected ${what} at character ${this.pos + 1}, found ${found}` };
  }
}

function quoted(c: Cursor): string | null {
  const q = c.src[c.pos];
  if (q !== '"' && q !== "'") return null;
  let out = '';
  for (let i = c.pos + 1; i < c.src.length; i++) {
    const ch = c.src[i]!;
    if (ch === '\\' && i + 1 < c.src.length) {
      out += c.src[++i];
    } else if (ch === q) {
      c.pos = i + 1;
      return out;
    } else {
      out += ch;
    }
  }
  return null;
}

function pathAt(c: Cursor): Parsed<PathSegment[]> {
  c.skipSpace();
  if (!c.take('$')) return c.fail('a path starting with "$"');
  const path: PathSegment[] = [];
  for (;;) {
    if (c.take('.')) {
      const name = c.match(NAME);
      if (name === null) return c.fail('a field name after "."');
      path.push(name);
    } else if (c.take('[')) {
      const index = c.match(/\d+/y);
      const key = index === null ? quoted(c) : null;
      if (index === null && key === null) return c.fail('an index or a quoted name inside "[ ]"');
      if (!c.take(']')) return c.fail('"]"');
      path.push(index !== null ? Number(index) : key!);
    } else {
      return { ok: true, value: path };
    }
  }
}

/** A path alone, e.g. `$.data.token` (other probes capture values with it). */
export function parseJsonPath(src: string): Parsed<PathSegment[]> {
  const c = new Cursor(src);
  const p = pathAt(c);
  if (!p.ok) return p;
  c.skipSpace();
  return c.pos === src.length ? p : c.fail('the end of the path');
}

export function parseJsonAssertion(src: string): Parsed<JsonAssertion> {
  const c = new Cursor(src);
  const p = pathAt(c);
  if (!p.ok) return p;
  c.skipSpace();
  const source = src.trim();
  if (c.pos === src.length) return { ok: true, value: { source, path: p.value, op: 'exists' } };
  if (c.match(/exists\b/y)) {
    c.skipSpace();
    return c.pos === src.length
      ? { ok: true, value: { source, path: p.value, op: 'exists' } }
      : c.fail('the end after "exists"');
  }
  const op = OPS.find((o) => c.take(o));
  if (!op) return c.fail('an operator (==, !=, <, <=, >, >=) or "exists"');
  c.skipSpace();
  let value: Scalar;
  const num = c.match(NUMBER);
  if (num !== null) value = Number(num);
  else if (c.match(/true\b/y)) value = true;
  else if (c.match(/false\b/y)) value = false;
  else if (c.match(/null\b/y)) value = null;
  else {
    const s = quoted(c);
    if (s === null) return c.fail('a number, a quoted string, true, false or null');
    value = s;
  }
  c.skipSpace();
  if (c.pos !== src.length) return c.fail('the end of the expression');
  if ((op === '<' || op === '<=' || op === '>' || op === '>=') && typeof value !== 'number') {
    return { ok: false, error: `"${op}" compares numbers; put a number after it` };
  }
  return { ok: true, value: { source, path: p.value, op, value } };
}

/** The value at `path`, or `found: false` when any step is missing. */
export function lookupJsonPath(doc: unknown, path: readonly PathSegment[]): { found: boolean; value: unknown } {
  let cur: unknown = doc;
  for (const seg of path) {
    if (typeof seg === 'number' ? !Array.isArray(cur) : cur === null || typeof cur !== 'object' || Array.isArray(cur)) {
      return { found: false, value: undefined };
    }
    const container = cur as Record<string | number, unknown>;
    if (!Object.hasOwn(container, seg)) return { found: false, value: undefined };
    cur = container[seg];
  }
  return { found: true, value: cur };
}

/** `null` when the assertion holds, otherwise one human line saying what was found instead. */
export function checkJsonAssertion(a: JsonAssertion, doc: unknown): string | null {
  const { found, value } = lookupJsonPath(doc, a.path);
  const where = pathText(a.path);
  if (!found) return `${where} is missing (expected ${a.source})`;
  if (a.op === 'exists') return null;
  const shown = show(value);
  if (a.op === '==' || a.op === '!=') {
    const equal = value === a.value;
    return equal === (a.op === '==') ? null : `${where} is ${shown} (expected ${a.source})`;
  }
  if (typeof value !== 'number') return `${where} is ${shown}, not a number (expected ${a.source})`;
  const limit = a.value as number;
  const holds =
    a.op === '<' ? value < limit : a.op === '<=' ? value <= limit : a.op === '>' ? value > limit : value >= limit;
  return holds ? null : `${where} is ${shown} (expected ${a.source})`;
}

export function pathText(path: readonly PathSegment[]): string {
  return (
    '$' +
    path
      .map((s) =>
        typeof s === 'number' ? `[${s}]` : /^[A-Za-z_$][\w$-]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`,
      )
      .join('')
  );
}

function show(v: unknown): string {
  if (v !== null && typeof v === 'object') return Array.isArray(v) ? `an array of ${v.length}` : 'an object';
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
