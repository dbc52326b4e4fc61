import type { z } from 'zod';
import { closest, sortIssues, type FileIssue } from './issues';
import { parseYaml, positionOf, yaml, type ParsedYaml } from './parse';
import { WORKSPACE_VERSION, WorkspaceFile } from './schema';
import { SECTIONS } from './sections';
import type { CheckEnv, SectionIssue } from './sections/types';

export type Workspace = Record<string, unknown> & { version: 1 };

export interface ValidateEnv {
  env: Record<string, string | undefined>;
  secretExists?: (name: string) => boolean;
}

export type Validated = { ok: true; workspace: Workspace; parsed: ParsedYaml } | { ok: false; issues: FileIssue[] };

/**
 * Text to a checked workspace, or every problem at its line and column: YAML errors, then the
 * schema of each section, then each section's own checks (for sections whose shape is right).
 */
export function validateWorkspace(input: Uint8Array | string, venv: ValidateEnv): Validated {
  const y = parseYaml(input);
  if (!y.ok) return { ok: false, issues: y.issues };
  const parsed = y.parsed;
  const value = parsed.value;
  if (value === null || value === undefined)
    return {
      ok: false,
      issues: [{ line: 1, col: 1, path: '', message: 'The file is empty; a workspace starts with `version: 1`' }],
    };
  if (typeof value !== 'object' || Array.isArray(value)) {
    const p = positionOf(parsed, []);
    return {
      ok: false,
      issues: [
        { ...p, path: '', message: `A workspace file is a mapping starting with \`version: ${WORKSPACE_VERSION}\`` },
      ],
    };
  }
  const issues: FileIssue[] = [];
  // Top-level `x-…` keys hold anchors for merge keys (as in compose files); they are not sections.
  const sections = Object.fromEntries(
    Object.entries(value as Record<string, unknown>).filter(([k]) => !k.startsWith('x-')),
  );
  const whole = WorkspaceFile.safeParse(sections);
  if (!whole.success) issues.push(...whole.error.issues.flatMap((i) => fromZod(parsed, i)));

  const doc = sections;
  const out: Record<string, unknown> = whole.success ? whole.data : {};
  const ids = (key: string) => {
    const list = doc[key];
    return new Set(
      Array.isArray(list)
        ? (list as unknown[]).map((m) => (m && typeof m === 'object' ? String((m as { id?: unknown }).id) : ''))
        : [],
    );
  };
  const env: CheckEnv = { env: venv.env, secretExists: venv.secretExists, fileIds: ids };
  for (const section of SECTIONS) {
    if (doc[section.key] === undefined || !section.check) continue;
    const data = whole.success
      ? (whole.data as Record<string, unknown>)[section.key]
      : checkable(section.schema, doc[section.key]);
    if (data === undefined) continue; // its shape problems are reported above
    for (const i of section.check(data, env)) issues.push(fromSection(parsed, section.key, i));
  }
  if (issues.length > 0) return { ok: false, issues: sortIssues(dedupe(issues)) };
  return { ok: true, workspace: out as Workspace, parsed };
}

/**
 * The section's parsed value for its own checks. In a list, items whose shape is wrong are left
 * out as holes (forEach skips them, indexes stay true), so the others are still checked.
 */
function checkable(schema: z.ZodType, value: unknown): unknown {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const def = (schema as unknown as { def: { type: string; element?: z.ZodType } }).def;
  if (def.type !== 'array' || !def.element || !Array.isArray(value)) return undefined;
  const out: unknown[] = new Array(value.length);
  value.forEach((v, i) => {
    const item = def.element!.safeParse(v);
    if (item.success) out[i] = item.data;
  });
  return out;
}

function fromZod(parsed: ParsedYaml, issue: z.core.$ZodIssue): FileIssue | FileIssue[] {
  const path = issue.path as (string | number)[];
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeys(parsed, path).filter((k) => !issue.keys.includes(k));
    return issue.keys.map((key) => {
      const hint = closest(key, known);
      const pos = positionOf(parsed, [...path, key], { key: true });
      return {
        ...pos,
        path: [...path, key].join('.'),
        message: `Unknown field \`${key}\`${hint ? ` (did you mean \`${hint}\`?)` : ''}`,
      };
    });
  }
  const pos = positionOf(parsed, path);
  let message = issue.message;
  if (issue.code === 'invalid_union' && 'discriminator' in issue && issue.discriminator) {
    const options = (issue as { options?: unknown[] }).options ?? [];
    const got = valueAt(parsed.value, path);
    const hint = typeof got === 'string' ? closest(got, options.map(String)) : undefined;
    message = `Unknown ${issue.discriminator} ${JSON.stringify(got)}; one of ${options.join(', ')}${hint ? ` (did you mean \`${hint}\`?)` : ''}`;
  } else if (issue.code === 'invalid_type' && valueAt(parsed.value, path) === undefined) {
    message = `Missing required field \`${String(path.at(-1) ?? '')}\``;
  }
  return { ...pos, path: path.join('.'), message };
}

function fromSection(parsed: ParsedYaml, key: string, i: SectionIssue): FileIssue {
  const path = [key, ...i.path];
  let pos = positionOf(parsed, path, i.key ? { key: true } : {});
  if (i.inner) pos = innerPosition(parsed, path, pos, i.inner);
  return { ...pos, path: path.join('.'), message: i.message };
}

/** A line and column inside a string value: exact for block scalars (`|`), the value's start otherwise. */
function innerPosition(
  parsed: ParsedYaml,
  path: (string | number)[],
  at: { line: number; col: number },
  inner: { line: number; column: number },
): { line: number; col: number } {
  const node = parsed.doc.getIn(path, true);
  if (!yaml().isScalar(node) || !node.range) return at;
  const type = node.type;
  if (type === 'BLOCK_LITERAL') {
    const src = sourceLine(parsed, at.line + inner.line);
    const indent = src.length - src.trimStart().length;
    return { line: at.line + inner.line, col: indent + inner.column };
  }
  if (inner.line === 1) return { line: at.line, col: at.col + inner.column - 1 + (type === 'PLAIN' ? 0 : 1) };
  return at;
}

function sourceLine(parsed: ParsedYaml, line: number): string {
  const starts = parsed.lines.lineStarts;
  const text = parsed.text;
  const from = starts[line - 1];
  if (from === undefined) return '';
  return text.slice(from, starts[line] ?? text.length).replace(/\r?\n$/, '');
}

function knownKeys(parsed: ParsedYaml, path: (string | number)[]): string[] {
  // The keys the schema allows at this path, from the JSON Schema walk of the zod schema.
  let s: z.ZodType | undefined = WorkspaceFile;
  let v: unknown = parsed.value;
  for (const step of path) {
    s = childSchema(s, step, v);
    v = v && typeof v === 'object' ? (v as Record<string, unknown>)[step as string] : undefined;
    if (!s) return [];
  }
  const shape = objectShape(s, v);
  return shape ? Object.keys(shape) : [];
}

/** The parts of a zod 4 schema definition this walk reads (zod types each class's def apart). */
interface DefView {
  type: string;
  discriminator?: string;
  options?: z.ZodType[];
  element?: z.ZodType;
  valueType?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  schema?: z.ZodType;
  values?: unknown[];
  shape?: Record<string, z.ZodType>;
}

const defOf = (s: z.ZodType): DefView => s._zod.def;

/** The shape of the object schema `s` stands for at value `v` (through wrappers and a discriminated union). */
function objectShape(s: z.ZodType | undefined, v: unknown): Record<string, z.ZodType> | undefined {
  let cur = s;
  for (let n = 0; n < 10 && cur; n++) {
    const def = defOf(cur);
    if (def.type === 'object') return def.shape;
    if (def.type === 'union' && def.discriminator !== undefined) {
      const key = def.discriminator;
      const d = v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
      const options = def.options ?? [];
      cur =
        options.find((o) => {
          const tag = defOf(o).shape?.[key];
          return tag !== undefined && (defOf(tag).values?.includes(d) ?? false);
        }) ?? options[0];
      continue;
    }
    cur = def.innerType ?? def.in ?? def.schema;
  }
  return undefined;
}

function childSchema(s: z.ZodType | undefined, step: string | number, v: unknown): z.ZodType | undefined {
  let cur = s;
  for (let n = 0; n < 10 && cur; n++) {
    const def = defOf(cur);
    if (def.type === 'array') return def.element;
    if (def.type === 'record') return def.valueType;
    if (def.type === 'object' || (def.type === 'union' && def.discriminator !== undefined))
      return objectShape(cur, v)?.[step as string];
    cur = def.innerType ?? def.in ?? def.schema;
  }
  return undefined;
}

function valueAt(v: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = v;
  for (const p of path) cur = cur && typeof cur === 'object' ? (cur as Record<PropertyKey, unknown>)[p] : undefined;
  return cur;
}

function dedupe(issues: FileIssue[]): FileIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${i.line}:${i.col}:${i.path}:${i.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
