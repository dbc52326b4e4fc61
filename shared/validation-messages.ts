import type { z } from 'zod';
import type { InputIssue } from './errors';

/**
 * zod's own messages ("Invalid input: expected string, received undefined", "Too small: expected
 * number to be >=1000") name neither the field nor what to do. Issues that still carry one are
 * rewritten as a sentence naming the field; the schemas' own messages are kept as written.
 */
const ZOD_DEFAULT =
  /^(Invalid input|Too small:|Too big:|Invalid string:|Invalid option:|Unrecognized keys?|Invalid key in|Invalid element in|Invalid number:)/;

/** Field words for path segments whose name does not read well on its own. */
const LABELS: Record<string, string> = {
  url: 'URL',
  host: 'host',
  port: 'port',
  timeoutMs: 'timeout (ms)',
  degradedAboveMs: '“slow above” threshold (ms)',
  intervalSec: 'check interval (seconds)',
  retries: 'retries',
  name: 'name',
  kind: 'kind',
  group: 'service group',
  servername: 'server name (SNI)',
  ca: 'extra trusted CA certificates',
  expected: 'expected answers',
  server: 'DNS server',
  monitorIds: 'affected monitors',
  groups: 'service groups',
  durationMin: 'duration (minutes)',
  zone: 'time zone',
  start: 'start',
  title: 'title',
  warnDays: 'warning threshold (days)',
  failDays: 'failure threshold (days)',
  expectStatus: 'expected status',
  acceptStatus: 'accepted status codes',
  maxRedirects: 'maximum redirects',
  maxBodyBytes: 'maximum body size (bytes)',
  method: 'method',
  headers: 'headers',
  body: 'body',
  steps: 'steps',
  keyword: 'keyword',
  jsonAssert: 'JSON assertion',
  text: 'file',
  sloTarget: 'SLO target',
};

/** "config.steps.1.timeoutMs" → "step 2 timeout (ms)"; "config.expected.0" → "expected answers (item 1)". */
export function fieldLabel(path: readonly PropertyKey[]): string {
  const steps = path.findIndex((p, i) => p === 'steps' && typeof path[i + 1] === 'number');
  const prefix = steps >= 0 && steps + 2 < path.length ? `step ${Number(path[steps + 1]) + 1} ` : '';
  const last = path[path.length - 1];
  const item = typeof last === 'number' ? last : undefined;
  const key = [...path]
    .reverse()
    .find((p) => typeof p === 'string' && !['config', 'monitor', 'window', 'peak'].includes(p));
  if (key === undefined) return item !== undefined ? `item ${item + 1}` : 'the input';
  const label = LABELS[String(key)] ?? words(String(key));
  return `${prefix}${label}${item !== undefined && !(key === 'steps') ? ` (item ${item + 1})` : ''}`;
}

function words(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/Ms$/, ' (ms)')
    .toLowerCase()
    .trim();
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const KIND_OF: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'on or off',
  array: 'a list',
  object: 'a group of fields',
  bigint: 'a number',
  date: 'a date',
};

/** One zod issue as a sentence naming its field. */
export function friendlyMessage(issue: z.core.$ZodIssue): string {
  if (!ZOD_DEFAULT.test(issue.message)) return issue.message;
  const field = fieldLabel(issue.path);
  const Field = capital(field);
  switch (issue.code) {
    case 'invalid_type':
      if (/received undefined$/.test(issue.message)) return `Enter the ${field}: it is required.`;
      return `${Field} must be ${KIND_OF[issue.expected] ?? issue.expected}.`;
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string')
        return min <= 1 ? `Enter the ${field}: it cannot be empty.` : `${Field} must be at least ${min} characters.`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return `Give at least ${min} ${min === 1 ? 'entry' : 'entries'} for ${field}.`;
      return `${Field} must be ${issue.inclusive === false ? 'more than' : 'at least'} ${min.toLocaleString('en-US')}.`;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return `${Field} must be at most ${max.toLocaleString('en-US')} characters.`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return `${Field} can have at most ${max.toLocaleString('en-US')} entries.`;
      return `${Field} must be ${issue.inclusive === false ? 'less than' : 'at most'} ${max.toLocaleString('en-US')}.`;
    }
    case 'invalid_value':
      return `${Field} must be one of: ${issue.values.map(String).join(', ')}.`;
    case 'invalid_format':
      return `${Field} is not a valid ${issue.format === 'regex' ? 'value' : issue.format}.`;
    case 'not_multiple_of':
      return `${Field} must be a multiple of ${String(issue.divisor)}.`;
    case 'unrecognized_keys':
      return `${issue.keys.length === 1 ? 'Unknown field' : 'Unknown fields'} ${issue.keys.map((k) => `“${k}”`).join(', ')}${issue.path.length ? ` in ${field}` : ''}: remove ${issue.keys.length === 1 ? 'it' : 'them'}.`;
    case 'invalid_union':
      return `${Field} is not valid: check what was entered.`;
    default:
      return `${Field} is not valid.`;
  }
}

/** zod issues as `{path, message}` with messages a person can read. */
export function friendlyIssues(error: z.ZodError): InputIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: friendlyMessage(i) }));
}
