import type * as LiquidJs from 'liquidjs';
import type { Liquid, Template as LiquidTemplate } from 'liquidjs';
import type { SourceKind, TemplateIssue, TemplatePart } from '../../../shared/drafts';
import { DEFAULT_DATE_FORMAT, formatDate, formatDuration, formatList, formatZones, FormatError } from './format';
import { unknownVariable } from './variables';
import { lazyRequire } from '../lazy-require';

/**
 * The Liquid engine with Lookout's filters, and compile/render that turn every liquidjs failure
 * into a TemplateIssue (part, line, column, name). Parsed templates are cached by text, so live
 * preview re-renders without re-parsing on every keystroke of an unrelated part.
 */

/** Render-time settings the filters need, passed as Liquid globals (not user variables). */
export interface RenderEnv {
  /** Default zone of `date`. */
  zone: string;
  /** The window's zone first, then the audience zones (`zones` filter). */
  zones: string[];
}

const ENV_KEY = '__lookout_env';

function envOf(ctx: { getSync(paths: string[]): unknown }): RenderEnv {
  return ctx.getSync([ENV_KEY]) as RenderEnv;
}

function str(v: unknown, fallback: string): string {
  if (v === undefined || v === null) return fallback;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  // A template that passes an object or list as a filter argument gets its JSON, not "[object Object]".
  return JSON.stringify(v) ?? fallback;
}

/** liquidjs is loaded with the first template, not at start (~4 MB a console that drafts nothing never needs). */
const liquidjs = lazyRequire<typeof LiquidJs>('liquidjs');

function createEngine(): Liquid {
  const engine = new (liquidjs().Liquid)({
    strictVariables: true,
    strictFilters: true,
    ownPropertyOnly: true,
    greedy: true,
  });
  engine.registerFilter(
    'date',
    function (this: { context: { getSync(p: string[]): unknown } }, v: unknown, format?: unknown, zone?: unknown) {
      return formatDate(v, str(format, DEFAULT_DATE_FORMAT), str(zone, envOf(this.context).zone));
    },
  );
  // liquidjs' other date filters use the host's zone and strftime; route them through the same
  // zone-aware formatter so no template can show a time in the wrong zone.
  const fixed: Record<string, string> = {
    date_to_xmlschema: "yyyy-MM-dd'T'HH:mm:ssZZ",
    date_to_rfc822: 'ccc, dd LLL yyyy HH:mm:ss ZZZ',
    date_to_string: 'dd LLL yyyy',
    date_to_long_string: 'dd LLLL yyyy',
  };
  for (const [name, format] of Object.entries(fixed)) {
    engine.registerFilter(name, function (this: { context: { getSync(p: string[]): unknown } }, v: unknown) {
      return formatDate(v, format, envOf(this.context).zone);
    });
  }
  engine.registerFilter(
    'zones',
    function (this: { context: { getSync(p: string[]): unknown } }, v: unknown, format?: unknown) {
      return formatZones(v, envOf(this.context).zones, str(format, 'HH:mm'));
    },
  );
  engine.registerFilter('duration', (v: unknown, unit?: unknown) => {
    const u = str(unit, 'ms');
    if (u !== 'ms' && u !== 's' && u !== 'min')
      throw new FormatError(`duration unit must be "ms", "s" or "min", got "${u}"`);
    return formatDuration(v, u);
  });
  engine.registerFilter('list', (v: unknown, conjunction?: unknown) => formatList(v, str(conjunction, 'and')));
  return engine;
}

let made: Liquid | undefined;
const theEngine = () => (made ??= createEngine());

export type Compiled = { ok: true; tpl: LiquidTemplate[] } | { ok: false; issue: TemplateIssue };

const CACHE_MAX = 300;
const cache = new Map<string, Compiled>();

interface LiquidLikeError {
  name?: string;
  message: string;
  token?: { getPosition(): [number, number]; getText(): string };
  originalError?: Error & { variableName?: string };
}

function position(err: LiquidLikeError): [number, number] {
  try {
    return err.token?.getPosition() ?? [1, 1];
  } catch {
    return [1, 1];
  }
}

/** Maps a liquidjs error to an issue of the given part. */
export function issueFromError(part: TemplatePart, err: unknown): TemplateIssue {
  const e = err as LiquidLikeError;
  const [line, column] = position(e);
  const inner = e.originalError?.message ?? e.message.replace(/, line:\d+, col:\d+$/, '');
  const where = `${part}, line ${line}, column ${column}`;
  if (e.name === 'UndefinedVariableError' || e.originalError?.variableName) {
    const name = e.originalError?.variableName ?? inner.replace(/^undefined variable: /, '');
    return { part, kind: 'unknown_variable', line, column, name, message: `Unknown variable "${name}" (${where})` };
  }
  const filter = /^undefined filter: (\S+)/.exec(inner);
  if (filter) {
    return {
      part,
      kind: 'unknown_filter',
      line,
      column,
      name: filter[1]!,
      message: `Unknown filter "${filter[1]}" (${where})`,
    };
  }
  const text = safeText(e);
  if (e.name === 'RenderError' || e.originalError instanceof FormatError) {
    return { part, kind: 'render', line, column, name: text, message: `${inner} (${where})` };
  }
  return { part, kind: 'syntax', line, column, name: text, message: `Syntax error: ${inner} (${where})` };
}

function safeText(e: LiquidLikeError): string {
  try {
    return (e.token?.getText() ?? '').slice(0, 80);
  } catch {
    return '';
  }
}

/**
 * Parses one part and checks every variable path against the documented variables for the
 * template's kind (static analysis, so an unknown name inside an untaken `if` is still caught).
 */
export function compile(part: TemplatePart, text: string, kind: SourceKind): Compiled {
  const key = `${kind}\u0000${part}\u0000${text}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let result: Compiled;
  try {
    const tpl = theEngine().parse(text);
    result = { ok: true, tpl };
    const analysis = theEngine().analyzeSync(tpl);
    outer: for (const refs of Object.values(analysis.globals)) {
      for (const ref of refs) {
        const segments = ref.segments.map((s) => (typeof s === 'string' || typeof s === 'number' ? s : 0));
        const bad = unknownVariable(segments, kind);
        if (bad === undefined) continue;
        const line = ref.location.row;
        const column = ref.location.col;
        const message = `Unknown variable "${bad}" (${part}, line ${line}, column ${column})`;
        result = { ok: false, issue: { part, kind: 'unknown_variable', line, column, name: bad, message } };
        break outer;
      }
    }
  } catch (err) {
    result = { ok: false, issue: issueFromError(part, err) };
  }
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
  cache.set(key, result);
  return result;
}

export type Rendered = { ok: true; text: string } | { ok: false; issue: TemplateIssue };

/** Tidies Liquid's whitespace: no trailing spaces, at most one blank line, no outer blank lines. */
function tidy(text: string): string {
  return text
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function render(part: TemplatePart, text: string, kind: SourceKind, scope: object, env: RenderEnv): Rendered {
  const compiled = compile(part, text, kind);
  if (!compiled.ok) return compiled;
  try {
    const out = String(theEngine().renderSync(compiled.tpl, scope, { globals: { [ENV_KEY]: env } }));
    return { ok: true, text: tidy(part === 'banner' ? out.replace(/\s+/g, ' ') : out) };
  } catch (err) {
    return { ok: false, issue: issueFromError(part, err) };
  }
}
