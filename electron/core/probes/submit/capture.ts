/**
 * Captures for the submit kind: `$.a.b[0]['c d']` reads a JSON body, `header:name` a response
 * header. Only what the config schema accepts is supported; no filters or wildcards.
 */

type Segment = string | number;

export function parseJsonPath(path: string): Segment[] | null {
  if (!path.startsWith('$')) return null;
  const out: Segment[] = [];
  const re = /\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\['([^']*)'\]/y;
  re.lastIndex = 1;
  while (re.lastIndex < path.length) {
    const m = re.exec(path);
    if (!m) return null;
    out.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : m[3]!));
  }
  return out;
}

/** The value at `path` as a string, or undefined when absent or not a scalar. */
export function readJsonPath(doc: unknown, path: string): string | undefined {
  const segments = parseJsonPath(path);
  if (!segments) return undefined;
  let cur: unknown = doc;
  for (const s of segments) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (typeof s === 'number') {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[s];
    } else {
      if (Array.isArray(cur) || !Object.hasOwn(cur, s)) return undefined;
      cur = (cur as Record<string, unknown>)[s];
    }
  }
  if (typeof cur === 'string') return cur;
  if (typeof cur === 'number' || typeof cur === 'boolean') return String(cur);
  return undefined;
}

export type CaptureResult = { ok: true; value: string } | { ok: false; reason: string };

export function capture(
  source: string,
  body: Buffer,
  headers: Record<string, string | string[] | undefined>,
  json: () => unknown,
): CaptureResult {
  if (source.startsWith('header:')) {
    const name = source.slice('header:'.length).toLowerCase();
    const v = headers[name];
    const value = Array.isArray(v) ? v[0] : v;
    return value === undefined ? { ok: false, reason: `no ${name} header` } : { ok: true, value };
  }
  let doc: unknown;
  try {
    doc = json();
  } catch {
    return { ok: false, reason: body.length === 0 ? 'the body is empty' : 'the body is not JSON' };
  }
  const value = readJsonPath(doc, source);
  return value === undefined ? { ok: false, reason: `${source} is missing from the body` } : { ok: true, value };
}
