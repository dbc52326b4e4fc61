import { useState } from 'react';
import type { PrometheusSettings } from '../../../shared/vantage';
import { useTransport } from '../../api/context';
import { asApiError } from '../../hooks/useApiQuery';
import { useMethodControl } from '../../hooks/useReviewMode';
import { useShellInfo } from '../../hooks/useShellInfo';
import { useVantageStatus } from '../../hooks/useVantage';
import { Field } from '../Field';

interface Props {
  idFor: (path: string) => string;
  value: PrometheusSettings;
  metricsEnabled: boolean;
  errors: Record<string, string>;
  onChange: (next: PrometheusSettings) => void;
  onMetrics: (enabled: boolean) => void;
}

/**
 * The Prometheus source that remote vantage points are read from, and Lookout's own /metrics.
 * Saved with the rest of the settings, except the secret: sealed at once (vantage.setSecret) and
 * never shown again.
 */
export function PrometheusFieldset({ idFor, value, metricsEnabled, errors, onChange, onMetrics }: Props) {
  const transport = useTransport();
  const status = useVantageStatus();
  const control = useMethodControl();
  const metricsUrl = useShellInfo().data?.metricsUrl ?? null;
  const [secret, setSecret] = useState('');
  const [secretNote, setSecretNote] = useState<string | null>(null);
  const set = <K extends keyof PrometheusSettings>(key: K, v: PrometheusSettings[K]) =>
    onChange({ ...value, [key]: v });
  const num = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s) : (s as unknown as number));
  const source = status.data?.source;
  const saveSecret = async (plain: string) => {
    try {
      const r = await transport.invoke('vantage.setSecret', { secret: plain });
      setSecret('');
      setSecretNote(r.hasSecret ? 'Secret sealed and saved.' : 'Secret removed.');
      status.refetch();
    } catch (err) {
      setSecretNote(asApiError(err).message);
    }
  };
  return (
    <fieldset className="card">
      <legend>Prometheus source (remote vantage points)</legend>
      {source && (
        <p className={source.health === 'error' ? 'form-error' : 'muted small'} role="status">
          {!source.configured
            ? 'Not set: monitors read from this console only.'
            : source.health === 'ok'
              ? 'Read successfully.'
              : (source.message ?? source.health)}
        </p>
      )}
      <Field
        id={idFor('prometheus.baseUrl')}
        label="Base URL"
        error={errors['prometheus.baseUrl']}
        hint="The Prometheus that scrapes your blackbox_exporters, e.g. http://prometheus.internal:9090. Empty = off."
      >
        {(p) => (
          <input
            {...p}
            type="url"
            value={value.baseUrl}
            onChange={(e) => set('baseUrl', e.target.value)}
            spellCheck={false}
          />
        )}
      </Field>
      <Field id={idFor('prometheus.auth')} label="Authentication" error={errors['prometheus.auth']}>
        {(p) => (
          <select {...p} value={value.auth} onChange={(e) => set('auth', e.target.value as PrometheusSettings['auth'])}>
            <option value="none">None</option>
            <option value="bearer">Bearer token</option>
            <option value="basic">Basic (user name and password)</option>
          </select>
        )}
      </Field>
      {value.auth === 'basic' && (
        <Field id={idFor('prometheus.username')} label="User name" error={errors['prometheus.username']}>
          {(p) => <input {...p} type="text" value={value.username} onChange={(e) => set('username', e.target.value)} />}
        </Field>
      )}
      {value.auth !== 'none' && (
        <Field
          id={idFor('prometheus.secret')}
          label={value.auth === 'bearer' ? 'Token' : 'Password'}
          hint={
            source?.hasSecret
              ? 'A secret is stored (sealed). Type a new one to replace it.'
              : 'Sealed on this machine as soon as it is saved.'
          }
        >
          {(p) => (
            <span className="inline-controls">
              <input
                {...p}
                type="password"
                autoComplete="off"
                value={secret}
                onChange={(e) => setSecret(e.target.value)}
              />
              <button
                type="button"
                className="btn btn--small"
                onClick={() => void saveSecret(secret)}
                {...control('vantage.setSecret', { disabled: !secret })}
              >
                Save secret
              </button>
              {source?.hasSecret && (
                <button
                  type="button"
                  className="btn btn--small"
                  onClick={() => void saveSecret('')}
                  {...control('vantage.setSecret')}
                >
                  Remove
                </button>
              )}
              {secretNote && <span className="muted small">{secretNote}</span>}
            </span>
          )}
        </Field>
      )}
      <Field
        id={idFor('prometheus.caPem')}
        label="Extra CA certificate (PEM)"
        error={errors['prometheus.caPem']}
        hint="Only for a Prometheus behind a private certificate authority."
      >
        {(p) => (
          <textarea
            {...p}
            rows={2}
            value={value.caPem}
            onChange={(e) => set('caPem', e.target.value)}
            spellCheck={false}
          />
        )}
      </Field>
      <Field id={idFor('prometheus.timeoutSec')} label="Timeout (s)" error={errors['prometheus.timeoutSec']}>
        {(p) => (
          <input
            {...p}
            type="text"
            inputMode="numeric"
            value={String(value.timeoutSec)}
            onChange={(e) => set('timeoutSec', num(e.target.value))}
          />
        )}
      </Field>
      <Field
        id={idFor('prometheus.intervalSec')}
        label="Read every (s)"
        error={errors['prometheus.intervalSec']}
        hint="One query for every monitor each time."
      >
        {(p) => (
          <input
            {...p}
            type="text"
            inputMode="numeric"
            value={String(value.intervalSec)}
            onChange={(e) => set('intervalSec', num(e.target.value))}
          />
        )}
      </Field>
      <Field
        id={idFor('prometheus.staleAfterSec')}
        label="Stale after (s)"
        error={errors['prometheus.staleAfterSec']}
        hint="A region whose newest sample is older is unknown, not its last value."
      >
        {(p) => (
          <input
            {...p}
            type="text"
            inputMode="numeric"
            value={String(value.staleAfterSec)}
            onChange={(e) => set('staleAfterSec', num(e.target.value))}
          />
        )}
      </Field>
      <label className="checkbox">
        <input type="checkbox" checked={metricsEnabled} onChange={(e) => onMetrics(e.target.checked)} /> Serve
        Lookout&apos;s own /metrics (OpenMetrics) on 127.0.0.1, behind the access token
      </label>
      {metricsEnabled && metricsUrl && (
        <p className="hint">
          Scrape <code>{metricsUrl}</code> with the access token as a bearer token (or the basic-auth password).
        </p>
      )}
    </fieldset>
  );
}
