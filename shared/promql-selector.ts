/**
 * The one PromQL form a vantage option accepts: an instant-vector selector,
 * `metric{label="v", other=~"re"}`. Parsed here (not handed to Prometheus as typed) so a bad
 * selector is named at the field with its column, and so the query built from every monitor's
 * selector together can never be broken by one of them.
 */
export interface Matcher {
  name: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}
export type SelectorParse = { ok: true; metric: string | null; matchers: Matcher[] } | { ok: false; message: string };

const NAME = /[A-Za-z_:][A-Za-z0-9_:]*/y;
const LABEL = /[A-Za-z_][A-Za-z0-9_]*/y;

export function parseSelector(text: string): SelectorParse {
  const s = text.trim();
  let i = 0;
  const fail = (what: string): SelectorParse => ({
    ok: false,
    message: `The selector does not parse at column ${i + 1}: ${what}`,
  });
  const ws = () => {
    while (i < s.length && /\s/.test(s[i]!)) i++;
  };
  const word = (re: RegExp): string | null => {
    re.lastIndex = i;
    const m = re.exec(s);
    if (!m) return null;
    i += m[0].length;
    return m[0];
  };
  const metric = word(NAME);
  ws();
  const matchers: Matcher[] = [];
  if (i < s.length) {
    if (s[i] !== '{')
      return fail(
        metric
          ? 'expected { after the metric name (only a series selector is accepted, no functions or operators)'
          : 'expected a metric name or {',
      );
    i++;
    ws();
    while (s[i] !== '}') {
      const name = word(LABEL);
      if (!name) return fail(i >= s.length ? 'missing }' : 'expected a label name');
      ws();
      const op = (['=~', '!~', '!=', '='] as const).find((o) => s.startsWith(o, i));
      if (!op) return fail(`expected =, !=, =~ or !~ after ${name}`);
      i += op.length;
      ws();
      const q = s[i];
      if (q !== '"' && q !== "'" && q !== '`') return fail(`expected a quoted value for ${name}`);
      i++;
      let value = '';
      for (;;) {
        if (i >= s.length) return fail(`the value of ${name} is not closed with ${q}`);
        const c = s[i]!;
        if (c === q) break;
        if (c === '\\' && q !== '`') {
          const n = s[i + 1];
          if (n === undefined) return fail('a \\ ends the text');
          value += n === 'n' ? '\n' : n === 't' ? '\t' : n;
          i += 2;
          continue;
        }
        value += c;
        i++;
      }
      i++;
      if (op === '=~' || op === '!~') {
        try {
          new RegExp(value);
        } catch {
          return fail(`the regular expression of ${name} is not valid`);
        }
      }
      matchers.push({ name, op, value });
      ws();
      if (s[i] === ',') {
        i++;
        ws();
      } else if (s[i] !== '}') return fail(i >= s.length ? 'missing }' : 'expected , or }');
    }
    i++;
    ws();
    if (i < s.length) return fail('unexpected text after } (only a series selector is accepted)');
  }
  if (!metric && !matchers.some((m) => !matchesEmpty(m))) {
    i = 0;
    return fail('name a metric or at least one label that must be non-empty, e.g. {job="blackbox"}');
  }
  return { ok: true, metric, matchers };
}

function matchesEmpty(m: Matcher): boolean {
  if (m.op === '=') return m.value === '';
  if (m.op === '!=') return m.value !== '';
  try {
    const full = new RegExp(`^(?:${m.value})$`).test('');
    return m.op === '=~' ? full : !full;
  } catch {
    return false;
  }
}

/** The matchers back as PromQL text, values quoted and escaped; the metric name is chosen by the caller. */
export function matchersText(matchers: readonly Matcher[]): string {
  return matchers.map((m) => `${m.name}${m.op}${JSON.stringify(m.value)}`).join(',');
}
