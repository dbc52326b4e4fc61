import { useMemo, useState } from 'react';
import type { LoadCheck, LoadCheckDraft } from '../../../shared/loadcheck';
import { LOADCHECK_MAX_DURATION_SEC, LOADCHECK_VARS } from '../../../shared/loadcheck';
import type { Monitor } from '../../../shared/monitor';
import { useTransport } from '../../api/context';
import { asApiError } from '../../hooks/useApiQuery';
import { useMethodControl } from '../../hooks/useReviewMode';
import { Field } from '../Field';

interface Props {
  monitors: readonly Monitor[];
  maxRate: number;
  onSaved(c: LoadCheck): void;
}

/** Every http(s) URL a monitor probes: the targets a load check may aim at. */
function monitoredUrls(monitors: readonly Monitor[]): { url: string; label: string }[] {
  const out = new Map<string, string>();
  const walk = (m: Monitor, v: unknown): void => {
    if (typeof v === 'string' && /^https?:\/\//i.test(v) && !v.includes('{{')) out.set(v, `${m.name} — ${v}`);
    else if (Array.isArray(v)) v.forEach((x) => walk(m, x));
    else if (v && typeof v === 'object') Object.values(v).forEach((x) => walk(m, x));
  };
  for (const m of monitors) walk(m, m.config);
  return [...out].map(([url, label]) => ({ url, label }));
}

const num = (s: string): number | null => (s.trim() === '' ? null : Number(s));

/** Defines a load check; the target is picked from what the console already monitors. */
export function LoadCheckForm({ monitors, maxRate, onSaved }: Props) {
  const transport = useTransport();
  const targets = useMemo(() => monitoredUrls(monitors), [monitors]);
  const control = useMethodControl();
  const [f, setF] = useState({
    name: '',
    url: '',
    method: 'GET',
    body: '',
    rate: '50',
    rampSec: '0',
    durationSec: '30',
    maxConnections: '20',
    p95: '500',
    errPct: '1',
    abortErr: '',
    abortP95: '',
    abortFor: '5',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string>();
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });

  async function save(e: React.FormEvent) {
    e.preventDefault();
    const check: LoadCheckDraft = {
      name: f.name,
      url: f.url,
      method: f.method as LoadCheckDraft['method'],
      body: f.body === '' ? null : f.body,
      rate: Number(f.rate),
      rampSec: Number(f.rampSec),
      durationSec: Number(f.durationSec),
      maxConnections: Number(f.maxConnections),
      thresholds: { p95Ms: num(f.p95), errorRatePct: num(f.errPct) },
      abort: { errorRatePct: num(f.abortErr), p95Ms: num(f.abortP95), forSec: Number(f.abortFor) },
    };
    try {
      const saved = await transport.invoke('loadchecks.save', { check });
      setErrors({});
      setProblem(undefined);
      onSaved(saved);
    } catch (err) {
      const a = asApiError(err);
      setErrors(Object.fromEntries((a.issues ?? []).map((i) => [i.path.replace(/^check\./, ''), i.message])));
      setProblem(a.message);
    }
  }

  return (
    <form className="loadcheck-form" onSubmit={(e) => void save(e)} aria-label="New load check">
      <Field id="lc-name" label="Name" error={errors.name}>
        {(a) => <input {...a} value={f.name} onChange={set('name')} placeholder="Submissions before the final" />}
      </Field>
      <Field id="lc-url" label="Target (a monitored endpoint)" error={errors.url}>
        {(a) => (
          <select {...a} value={f.url} onChange={set('url')}>
            <option value="">Choose…</option>
            {targets.map((t) => (
              <option key={t.url} value={t.url}>
                {t.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="lc-method" label="Method" error={errors.method}>
        {(a) => (
          <select {...a} value={f.method} onChange={set('method')}>
            {['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'].map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id="lc-body"
        label="Body template"
        error={errors.body}
        hint={`Variables: ${LOADCHECK_VARS.map((v) => `{{${v}}}`).join(', ')}`}
      >
        {(a) => <textarea {...a} rows={2} value={f.body} onChange={set('body')} />}
      </Field>
      <Field id="lc-rate" label={`Requests per second (at most ${maxRate})`} error={errors.rate}>
        {(a) => <input {...a} type="number" min={1} max={maxRate} value={f.rate} onChange={set('rate')} />}
      </Field>
      <Field id="lc-ramp" label="Ramp (s)" error={errors.rampSec}>
        {(a) => <input {...a} type="number" min={0} value={f.rampSec} onChange={set('rampSec')} />}
      </Field>
      <Field id="lc-duration" label={`Duration (s, at most ${LOADCHECK_MAX_DURATION_SEC})`} error={errors.durationSec}>
        {(a) => (
          <input
            {...a}
            type="number"
            min={1}
            max={LOADCHECK_MAX_DURATION_SEC}
            value={f.durationSec}
            onChange={set('durationSec')}
          />
        )}
      </Field>
      <Field id="lc-conns" label="Max connections" error={errors.maxConnections}>
        {(a) => <input {...a} type="number" min={1} value={f.maxConnections} onChange={set('maxConnections')} />}
      </Field>
      <Field id="lc-p95" label="Go if p95 ≤ (ms)" error={errors['thresholds.p95Ms']}>
        {(a) => <input {...a} type="number" value={f.p95} onChange={set('p95')} />}
      </Field>
      <Field id="lc-err" label="Go if errors ≤ (%)" error={errors['thresholds.errorRatePct']}>
        {(a) => <input {...a} type="number" value={f.errPct} onChange={set('errPct')} />}
      </Field>
      <Field id="lc-abort-err" label="Abort if errors > (%)" error={errors['abort.errorRatePct']}>
        {(a) => <input {...a} type="number" value={f.abortErr} onChange={set('abortErr')} />}
      </Field>
      <Field id="lc-abort-p95" label="Abort if p95 > (ms)" error={errors['abort.p95Ms']}>
        {(a) => <input {...a} type="number" value={f.abortP95} onChange={set('abortP95')} />}
      </Field>
      <Field id="lc-abort-for" label="…for (s)" error={errors['abort.forSec']}>
        {(a) => <input {...a} type="number" min={1} value={f.abortFor} onChange={set('abortFor')} />}
      </Field>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" {...control('loadchecks.save')}>
        Save load check
      </button>
    </form>
  );
}
