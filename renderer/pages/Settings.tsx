import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { SLO_TARGET_CHOICES, formatPercent } from '../../shared/dashboard';
import { SERVICE_GROUPS } from '../../shared/monitor';
import type { Settings, SettingsPatch } from '../../shared/settings';
import { useTransport } from '../api/context';
import { asApiError } from '../hooks/useApiQuery';
import { useSettings } from '../hooks/useSettings';
import { Field } from '../components/Field';
import { OperatorFieldset } from '../components/settings/OperatorFieldset';
import { ShellFieldset } from '../components/settings/ShellFieldset';
import { PrometheusFieldset } from '../components/settings/PrometheusFieldset';
import { ChannelsSettings } from '../components/alerts/ChannelsSettings';

/**
 * The operator's preferences over `settings.get` / `settings.update`. Like the monitor form it does
 * not re-validate: numbers go as typed, and the contract's issues come back with the field's path
 * (`probing.retries`) and are shown at that field.
 */

type Draft = {
  [K in keyof Settings]: Settings[K];
};

const pctLabel = (t: number) => formatPercent(t, 2).replace(/\.?0+%$/, '%');

export function SettingsPage() {
  const settings = useSettings();
  const transport = useTransport();
  const uid = useId();
  const [draft, setDraft] = useState<Draft | undefined>(undefined);
  const [hostsText, setHostsText] = useState('');
  const [zonesText, setZonesText] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (settings.data && !draft) {
      setDraft(structuredClone(settings.data));
      setHostsText(settings.data.connectivity.referenceHosts.join('\n'));
      setZonesText(settings.data.audienceZones.join('\n'));
    }
  }, [settings.data, draft]);

  if (settings.error && !settings.data)
    return (
      <p className="form-error" role="alert">
        Could not load the settings: {settings.error.message}{' '}
        <button type="button" className="btn btn--small" onClick={settings.refetch}>
          Retry
        </button>
      </p>
    );
  if (!draft) return <p className="muted">Loading settings…</p>;

  const id = (path: string) => `${uid}-${path.replace(/\./g, '-')}`;
  function update<S extends keyof Draft>(section: S, value: Draft[S]) {
    setDraft((d) => (d ? { ...d, [section]: value } : d));
    setSaved(null);
  }
  function sub<S extends keyof Draft>(section: S, key: string, value: unknown) {
    setDraft((d) => (d ? { ...d, [section]: { ...(d[section] as object), [key]: value } } : d));
    setSaved(null);
  }
  const numOrText = (s: string): number | string => (/^-?\d+(\.\d+)?$/.test(s.trim()) ? Number(s) : s);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!draft || busy) return;
    setBusy(true);
    setSaved(null);
    const patch: SettingsPatch = {
      ...draft,
      connectivity: { ...draft.connectivity, referenceHosts: hostsText.split(/[\s,]+/).filter(Boolean) },
      audienceZones: zonesText.split(/[\s,]+/).filter(Boolean),
    };
    try {
      const next = await transport.invoke('settings.update', patch);
      setDraft(structuredClone(next));
      setErrors({});
      setFormError(null);
      setSaved('Settings saved.');
    } catch (err) {
      const apiErr = asApiError(err);
      const byPath: Record<string, string> = {};
      const rest: string[] = [];
      for (const i of apiErr.issues ?? []) {
        // `connectivity.referenceHosts.1` is shown at the hosts box.
        const path = i.path.replace(/^(connectivity\.referenceHosts|audienceZones)\.\d+$/, '$1').replace(/^(slo\.groups)\..*$/, '$1');
        if (document.getElementById(id(path))) byPath[path] ??= i.message;
        else rest.push(i.path ? `${i.path}: ${i.message}` : i.message);
      }
      setErrors(byPath);
      setFormError(rest.length ? rest.join('; ') : Object.keys(byPath).length ? null : apiErr.message);
      const first = Object.keys(byPath)[0];
      if (first) document.getElementById(id(first))?.focus();
    } finally {
      setBusy(false);
    }
  }

  const field = (path: string, label: string, control: (p: { id: string; 'aria-invalid': true | undefined; 'aria-describedby': string | undefined }) => ReactNode, hint?: string) => (
    <Field id={id(path)} label={label} error={errors[path]} hint={hint}>
      {control}
    </Field>
  );
  const num = <S extends 'probing' | 'backup' | 'alerts' | 'connectivity'>(section: S, key: string, label: string, hint?: string) =>
    field(
      `${section}.${key}`,
      label,
      (p) => (
        <input {...p} type="text" inputMode="numeric" value={String((draft[section] as Record<string, unknown>)[key] ?? '')} onChange={(e) => sub(section, key, numOrText(e.target.value))} />
      ),
      hint,
    );
  const check = <S extends 'backup' | 'alerts' | 'connectivity'>(section: S, key: string, label: string) => (
    <label className="checkbox">
      <input type="checkbox" checked={Boolean((draft[section] as Record<string, unknown>)[key])} onChange={(e) => sub(section, key, e.target.checked)} /> {label}
    </label>
  );

  const text = (key: keyof Draft['contact'], label: string) =>
    field(`contact.${key}`, label, (p) => <input {...p} type="text" value={draft.contact[key]} onChange={(e) => sub('contact', key, e.target.value)} />);

  return (
    <>
    <form className="settings" noValidate onSubmit={onSubmit} aria-labelledby={`${uid}-title`}>
      <h2 id={`${uid}-title`}>Settings</h2>
      {formError && (
        <p className="form-error" role="alert">
          {formError}
        </p>
      )}

      <fieldset className="card">
        <legend>Appearance</legend>
        {field('theme', 'Theme', (p) => (
          <select {...p} value={draft.theme} onChange={(e) => update('theme', e.target.value as Settings['theme'])}>
            <option value="system">Same as the system</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        ))}
      </fieldset>

      <fieldset className="card">
        <legend>Probing defaults</legend>
        <div className="field-row">
          {num('probing', 'intervalSec', 'Interval (s)', 'For new monitors; at least 5 s')}
          {num('probing', 'retries', 'Retries', 'Failures before a monitor counts as down')}
          {num('probing', 'recoveries', 'Recoveries', 'Successes before it counts as up again')}
        </div>
        <div className="field-row">
          {num('probing', 'retryIntervalSec', 'Retry interval (s)', 'While a failure is being confirmed')}
          {num('probing', 'slowMs', 'Slow above (ms)', 'Answers slower than this are degraded')}
        </div>
      </fieldset>

      <fieldset className="card">
        <legend>Service levels</legend>
        <div className="field-row">
          {field('slo.period', 'Budget period', (p) => (
            <select {...p} value={draft.slo.period} onChange={(e) => sub('slo', 'period', e.target.value)}>
              <option value="month">Calendar month</option>
              <option value="quarter">Calendar quarter</option>
            </select>
          ))}
          {field('slo.defaultTarget', 'Default target', (p) => (
            <select {...p} value={String(draft.slo.defaultTarget)} onChange={(e) => sub('slo', 'defaultTarget', Number(e.target.value))}>
              {SLO_TARGET_CHOICES.map((t) => (
                <option key={t} value={String(t)}>
                  {pctLabel(t)}
                </option>
              ))}
            </select>
          ))}
        </div>
        <div className="field-row" id={id('slo.groups')}>
          {SERVICE_GROUPS.map((g) => (
            <div key={g} className="field">
              <label htmlFor={id(`slo.group.${g}`)}>{g}</label>
              <select
                id={id(`slo.group.${g}`)}
                value={draft.slo.groups[g] === undefined ? '' : String(draft.slo.groups[g])}
                onChange={(e) => {
                  const groups = { ...draft.slo.groups };
                  if (e.target.value === '') delete groups[g];
                  else groups[g] = Number(e.target.value);
                  sub('slo', 'groups', groups);
                }}
              >
                <option value="">Default ({pctLabel(draft.slo.defaultTarget)})</option>
                {SLO_TARGET_CHOICES.map((t) => (
                  <option key={t} value={String(t)}>
                    {pctLabel(t)}
                  </option>
                ))}
              </select>
            </div>
          ))}
        </div>
        {errors['slo.groups'] && (
          <span className="field__error" role="alert">
            {errors['slo.groups']}
          </span>
        )}
      </fieldset>

      <OperatorFieldset id={id('operator.name')} name={draft.operator.name} error={errors['operator.name']} onChange={(v) => sub('operator', 'name', v)} />

      <fieldset className="card">
        <legend>Storage and backups</legend>
        <div className="field-row">
          {field('retentionDays', 'Keep raw results (days)', (p) => (
            <input {...p} type="text" inputMode="numeric" value={String(draft.retentionDays)} onChange={(e) => update('retentionDays', numOrText(e.target.value) as number)} />
          ), 'Hourly and daily summaries are kept for years')}
          {num('backup', 'keep', 'Daily backups kept')}
        </div>
        {check('backup', 'enabled', 'Back up the database every day')}
        {field('backup.dir', 'Backup folder', (p) => (
          <input {...p} type="text" placeholder="backups beside the database" value={draft.backup.dir ?? ''} onChange={(e) => sub('backup', 'dir', e.target.value.trim() === '' ? null : e.target.value)} />
        ))}
        {field('backup.secondDir', 'Second backup folder (optional)', (p) => <input {...p} type="text" placeholder="none — e.g. a synced drive or a mounted share" value={draft.backup.secondDir ?? ''} onChange={(e) => sub('backup', 'secondDir', e.target.value.trim() === '' ? null : e.target.value)} />, 'Each daily backup is also copied here and checked there')}
      </fieldset>

      <fieldset className="card">
        <legend>Connectivity guard</legend>
        {check('connectivity', 'enabled', 'Check the console’s own network before counting a failure')}
        {field('connectivity.referenceHosts', 'Reference hosts', (p) => (
          <textarea {...p} rows={3} value={hostsText} onChange={(e) => setHostsText(e.target.value)} spellCheck={false} />
        ), 'One host:port per line, e.g. 1.1.1.1:443')}
        {num('connectivity', 'quorum', 'Quorum', 'How many must answer for the console to count as online')}
      </fieldset>

      <fieldset className="card">
        <legend>Notifications</legend>
        {check('alerts', 'enabled', 'Desktop notifications')}
        {check('alerts', 'onDegraded', 'Also when a monitor turns degraded')}
        {check('alerts', 'onRecovered', 'When a monitor recovers')}
        {check('alerts', 'sound', 'Play a sound')}
        {num('alerts', 'renotifyMinutes', 'Remind every (minutes) while down', '0 = never')}
      </fieldset>

      <fieldset className="card">
        <legend>Notices</legend>
        <p className="field__hint">Offered to notice templates as <code>contact.*</code>; times are also shown in the audience zones.</p>
        <div className="field-row">
          {text('team', 'Team name')}
          {text('email', 'Contact email')}
        </div>
        <div className="field-row">
          {text('phone', 'Contact phone')}
          {text('statusPage', 'Status page URL')}
        </div>
        {field('audienceZones', 'Audience time zones', (p) => (
          <textarea {...p} rows={3} value={zonesText} onChange={(e) => setZonesText(e.target.value)} spellCheck={false} placeholder="Europe/London" />
        ), 'One IANA zone per line, e.g. Europe/London, America/New_York')}
      </fieldset>

      <PrometheusFieldset idFor={id} value={draft.prometheus} metricsEnabled={draft.metrics.enabled} errors={errors} onChange={(v) => update('prometheus', v)} onMetrics={(on) => sub('metrics', 'enabled', on)} />
      <ShellFieldset />

      <div className="button-row sticky-actions">
        <button type="submit" className="btn btn--primary" disabled={busy}>
          Save settings
        </button>
        <button
          type="button"
          className="btn"
          disabled={busy}
          onClick={() => {
            if (settings.data) {
              setDraft(structuredClone(settings.data));
              setHostsText(settings.data.connectivity.referenceHosts.join('\n'));
              setZonesText(settings.data.audienceZones.join('\n'));
            }
            setErrors({});
            setFormError(null);
          }}
        >
          Discard changes
        </button>
        <span className="form-status" role="status">
          {saved}
        </span>
      </div>
    </form>
    {/* Its own forms: outside the settings form (forms do not nest). */}
    <ChannelsSettings />
    </>
  );
}
