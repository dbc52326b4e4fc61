import type { Input } from '../../../shared/api';
import { ApiError, type InputIssue } from '../../../shared/errors';
import type { Monitor, ProbeKind } from '../../../shared/monitor';
import type { VantageConfigInput } from '../../../shared/vantage';

/** The form's own fields (the kind's fields are `config.*`). */
export type CommonField = 'name' | 'kind' | 'group' | 'intervalSec' | 'retries' | 'sloTarget';
export const COMMON_ORDER: CommonField[] = ['name', 'kind', 'group', 'intervalSec', 'retries', 'sloTarget'];

export interface Values {
  name: string;
  kind: ProbeKind;
  group: string;
  intervalSec: string;
  retries: string;
  /** '' = the group's target. */
  sloTarget: string;
  paused: boolean;
  /** Remote vantage option (kept as it is when the form edits other fields). */
  vantage: VantageConfigInput | null;
}

export const EMPTY: Values = {
  name: '',
  kind: 'http',
  group: 'Web',
  intervalSec: '',
  retries: '',
  sloTarget: '',
  paused: false,
  vantage: null,
};

export function valuesOf(m: Monitor): Values {
  return {
    name: m.name,
    kind: m.kind,
    group: m.group,
    intervalSec: String(m.intervalSec),
    retries: String(m.retries),
    sloTarget: m.sloTarget == null ? '' : String(m.sloTarget),
    paused: m.paused,
    vantage: m.vantage ?? null,
  };
}

function optionalNumber(s: string): number | string | undefined {
  const t = s.trim();
  if (t === '') return undefined;
  // Not a number: send the text, so the contract names the field ("expected number").
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
}

/** What the operator typed, as the contract's input: not re-validated here. */
export function toDraft(v: Values, config: Record<string, unknown>): Input<'monitors.create'> {
  return {
    name: v.name,
    group: v.group,
    intervalSec: optionalNumber(v.intervalSec),
    retries: optionalNumber(v.retries),
    sloTarget: v.sloTarget === '' ? null : Number(v.sloTarget),
    paused: v.paused,
    vantage: v.vantage,
    kind: v.kind,
    config,
  } as Input<'monitors.create'>;
}

export interface PlacedIssues {
  /** First message per monitor field. */
  common: Partial<Record<CommonField, string>>;
  /** First message per `config.*` path, keyed without the prefix. */
  config: Record<string, string>;
  /** Everything no field on the form names. */
  rest: string[];
}

/** Puts the contract's issues where the form shows them; a failure without issues goes to `rest`. */
export function placeIssues(err: ApiError): PlacedIssues {
  const common: Partial<Record<CommonField, string>> = {};
  const config: Record<string, string> = {};
  const rest: string[] = [];
  if (err.code !== 'invalid_input') return { common, config, rest: [err.message] };
  const issues: InputIssue[] = err.issues?.length ? err.issues : [{ path: '', message: err.message }];
  for (const issue of issues) {
    // The update call nests the draft under `monitor.`.
    const path = issue.path.replace(/^monitor\./, '');
    const head = path.split('.')[0] as CommonField;
    if (path.startsWith('config.')) config[path.slice('config.'.length)] ??= issue.message;
    else if (path === 'config') config[''] ??= issue.message;
    else if (COMMON_ORDER.includes(head)) common[head] ??= issue.message;
    else rest.push(path ? `${path}: ${issue.message}` : issue.message);
  }
  if (config['']) rest.push(config['']);
  delete config[''];
  return { common, config, rest };
}
