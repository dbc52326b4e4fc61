import { useState } from 'react';
import type { KindFieldsProps } from '../types';
import { kindControls } from '../common/kind-controls';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

interface HeaderRow {
  key: number;
  name: string;
  value: string;
  secret: boolean;
}

/**
 * Fields of an http monitor. Values go to the contract as typed (numbers as numbers when they look
 * like one, anything else as text) so the contract's message is the one shown at the field.
 * Headers are edited as rows; a row marked secret is listed in `secretHeaders` (never sent across
 * origins on a redirect, encrypted at rest) and its value is masked.
 */
export function HttpFields(props: KindFieldsProps) {
  const { config, errors, idPrefix, disabled } = props;
  const c = kindControls(props, 'http');
  const [rows, setRows] = useState<HeaderRow[]>(() => headerRows(config));
  const [statusText, setStatusText] = useState(() => statusesText(config.acceptStatus));

  const set = (patch: Record<string, unknown>) => {
    const next = { ...config };
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) delete next[k];
      else next[k] = v;
    }
    props.onChange(next);
  };
  const id = (k: string) => `${idPrefix}-http-${k}`;
  /** An error at `key` itself or anywhere under it (e.g. `acceptStatus.1`, `headers.X-Key`). */
  const errorAt = (key: string) => errors[key] ?? Object.entries(errors).find(([k]) => k.startsWith(`${key}.`))?.[1];

  const commitRows = (next: HeaderRow[]) => {
    setRows(next);
    const named = next.filter((r) => r.name.trim() !== '');
    set({
      headers: Object.fromEntries(named.map((r) => [r.name.trim(), r.value])),
      secretHeaders: named.filter((r) => r.secret).map((r) => r.name.trim()),
    });
  };
  const editRow = (key: number, patch: Partial<HeaderRow>) =>
    commitRows(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const headersError = errorAt('headers') ?? errorAt('secretHeaders');

  const method = typeof config.method === 'string' ? config.method : 'GET';

  return (
    <>
      {c.text('url', 'URL', { placeholder: 'https://status.example.com/health', inputMode: 'url' })}
      <div className="field-row">
        {c.select(
          'method',
          'Method',
          METHODS.map((m) => [m, m] as const),
          'GET',
        )}
        {c.field(
          'acceptStatus',
          'Accepted status codes',
          (a) => (
            <input
              {...a}
              type="text"
              autoComplete="off"
              placeholder="200-299"
              value={statusText}
              onChange={(e) => {
                setStatusText(e.target.value);
                set({ acceptStatus: parseStatuses(e.target.value) });
              }}
            />
          ),
          'Codes and ranges, comma-separated: 200-299, 304',
        )}
      </div>

      <fieldset className="field" aria-describedby={headersError ? `${id('headers')}-error` : undefined}>
        <legend>Request headers</legend>
        {rows.map((r, i) => (
          <div className="field-row" key={r.key}>
            <input
              aria-label={`Header ${i + 1} name`}
              type="text"
              autoComplete="off"
              placeholder="Authorization"
              disabled={disabled}
              value={r.name}
              onChange={(e) => editRow(r.key, { name: e.target.value })}
            />
            <input
              aria-label={`Header ${i + 1} value`}
              type={r.secret ? 'password' : 'text'}
              autoComplete="off"
              disabled={disabled}
              value={r.value}
              onChange={(e) => editRow(r.key, { value: e.target.value })}
            />
            <label>
              <input
                type="checkbox"
                disabled={disabled}
                checked={r.secret}
                onChange={(e) => editRow(r.key, { secret: e.target.checked })}
              />{' '}
              Secret
            </label>
            <button
              type="button"
              className="btn"
              disabled={disabled}
              aria-label={`Remove header ${i + 1}`}
              onClick={() => commitRows(rows.filter((x) => x.key !== r.key))}
            >
              Remove
            </button>
          </div>
        ))}
        <button
          type="button"
          className="btn"
          disabled={disabled}
          onClick={() =>
            setRows([...rows, { key: Math.max(0, ...rows.map((r) => r.key)) + 1, name: '', value: '', secret: false }])
          }
        >
          Add header
        </button>
        <span className="field__hint">
          Secret headers are stored encrypted and never follow a redirect to another site (nor do Authorization and
          Cookie).
        </span>
        {headersError && (
          <span id={`${id('headers')}-error`} className="field__error" role="alert">
            {headersError}
          </span>
        )}
      </fieldset>

      {method !== 'GET' && method !== 'HEAD' && c.textarea('body', 'Request body', { rows: 3 })}

      <div className="field-row">
        {c.text('keyword', 'Keyword that must appear', { placeholder: 'ALL_OK', optional: true })}
        {c.text('absentKeyword', 'Keyword that must not appear', { placeholder: 'maintenance', optional: true })}
      </div>
      {c.text('jsonAssert', 'JSON assertion', {
        placeholder: '$.queue.depth < 100',
        optional: true,
        hint: 'A path and a comparison: ==, !=, <, <=, >, >= or exists',
      })}
      {c.checkbox('softAssertions', 'Failed assertions mark the monitor degraded, not down', false)}

      <div className="field-row">
        {c.number('degradedAboveMs', 'Degraded above (ms)', { placeholder: '3000' })}
        {c.number('timeoutMs', 'Timeout (ms)', { placeholder: '10000' })}
        {c.number('maxRedirects', 'Max redirects', { placeholder: '5' })}
      </div>
      {c.checkbox('allowLinkLocal', 'Allow redirects to link-local addresses (169.254.x.x, fe80::)', false)}
    </>
  );
}

function headerRows(config: Record<string, unknown>): HeaderRow[] {
  const headers =
    config.headers && typeof config.headers === 'object' ? (config.headers as Record<string, unknown>) : {};
  const secret = new Set(
    Array.isArray(config.secretHeaders) ? config.secretHeaders.map((s) => String(s).toLowerCase()) : [],
  );
  return Object.entries(headers).map(([name, value], i) => ({
    key: i + 1,
    name,
    value: String(value),
    secret: secret.has(name.toLowerCase()),
  }));
}

/** Stored ranges (`[[200, 299], [304, 304]]`) back to what the operator types (`200-299, 304`). */
function statusesText(value: unknown): string {
  if (!Array.isArray(value)) return '';
  return value
    .map((v) => (Array.isArray(v) ? (v[0] === v[1] ? String(v[0]) : `${v[0]}-${v[1]}`) : String(v)))
    .join(', ');
}

/** Numbers as numbers, anything else as typed so the contract names the bad entry. */
function parseStatuses(text: string): (number | string)[] | undefined {
  const parts = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length === 0) return undefined;
  return parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}
