import { useEffect, useState } from 'react';
import { ROUTED_KINDS, type AlertChannel, type AlertRules, type RateRule, type Route } from '../../../shared/channels';
import { SERVICE_GROUPS } from '../../../shared/monitor';
import { useTransport } from '../../api/context';
import { asApiError, useApiQuery } from '../../hooks/useApiQuery';
import { useEvent } from '../../hooks/useEvent';
import { useMonitors } from '../../hooks/useMonitors';

/**
 * Settings → Alert rules: which alerts go to which channels (per service group or monitor), with
 * escalation tiers; rate rules; storm control and delivery retries. Saved whole with
 * alerts.setRules; the contract's issues come back with their path (`routes.0.channelIds`).
 */

const KIND_LABEL: Record<(typeof ROUTED_KINDS)[number], string> = {
  down: 'down',
  degraded: 'degraded',
  recovered: 'recovered',
  still_down: 'still down',
  flapping: 'flapping',
  flapping_ended: 'settled',
  cert_expiring: 'certificate expiring',
  maintenance_started: 'maintenance started',
  maintenance_ended: 'maintenance ended',
  error_rate: 'error rate',
  latency: 'latency',
  deploy_regression: 'regression after a deploy',
};

function toggle<T>(list: readonly T[], item: T, on: boolean): T[] {
  return on ? [...new Set([...list, item])] : list.filter((x) => x !== item);
}

function ChannelChecks({ channels, value, onChange, label }: { channels: AlertChannel[]; value: number[]; onChange(v: number[]): void; label: string }) {
  return (
    <fieldset className="checks">
      <legend>{label}</legend>
      {channels.map((c) => (
        <label key={c.id} className="checkbox">
          <input type="checkbox" checked={value.includes(c.id)} onChange={(e) => onChange(toggle(value, c.id, e.target.checked))} /> {c.name}
        </label>
      ))}
    </fieldset>
  );
}

export function AlertRulesSettings({ channels }: { channels: AlertChannel[] }) {
  const transport = useTransport();
  const rules = useApiQuery('alerts.rules', {});
  useEvent('channels', (e) => e.reason === 'rules' && rules.refetch());
  const monitors = useMonitors();
  const [draft, setDraft] = useState<AlertRules | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<string | null>(null);
  useEffect(() => {
    if (rules.data && !draft) setDraft(structuredClone(rules.data));
  }, [rules.data, draft]);
  if (!draft) return null;

  const setRoute = (i: number, patch: Partial<Route>) => setDraft((d) => d && { ...d, routes: d.routes.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  const setRate = (i: number, next: RateRule) => setDraft((d) => d && { ...d, rates: d.rates.map((r, j) => (j === i ? next : r)) });
  const err = (path: string) => errors[path] && <span className="field__error" role="alert">{errors[path]}</span>;
  const num = (v: string) => (v === '' ? 0 : Number(v));

  async function save() {
    if (!draft) return;
    setErrors({});
    setStatus(null);
    try {
      setDraft(await transport.invoke('alerts.setRules', draft));
      setStatus('Alert rules saved');
    } catch (e) {
      const a = asApiError(e);
      setErrors(Object.fromEntries((a.issues ?? []).map((i) => [i.path, i.message])));
      setStatus(a.message);
    }
  }

  return (
    <form
      className="card alert-rules"
      aria-label="Alert rules"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3>Alert rules</h3>
      <p className="muted">Without routes, every enabled channel gets every state alert.</p>
      {draft.routes.map((r, i) => (
        <fieldset key={i} className="route" aria-label={`Route ${r.name || i + 1}`}>
          <legend>Route {i + 1}</legend>
          <label>
            Name <input value={r.name} onChange={(e) => setRoute(i, { name: e.target.value })} />
          </label>
          {err(`routes.${i}.name`)}
          <fieldset className="checks">
            <legend>Alerts</legend>
            {ROUTED_KINDS.map((k) => (
              <label key={k} className="checkbox">
                <input type="checkbox" checked={r.kinds.includes(k)} onChange={(e) => setRoute(i, { kinds: toggle(r.kinds, k, e.target.checked) })} /> {KIND_LABEL[k]}
              </label>
            ))}
          </fieldset>
          {err(`routes.${i}.kinds`)}
          <fieldset className="checks">
            <legend>For (none ticked: every monitor)</legend>
            {SERVICE_GROUPS.map((g) => (
              <label key={g} className="checkbox">
                <input type="checkbox" checked={r.scope.groups.includes(g)} onChange={(e) => setRoute(i, { scope: { ...r.scope, groups: toggle(r.scope.groups, g, e.target.checked) } })} /> {g}
              </label>
            ))}
            <label>
              Monitors{' '}
              <select
                multiple
                value={r.scope.monitorIds.map(String)}
                onChange={(e) => setRoute(i, { scope: { ...r.scope, monitorIds: [...e.target.selectedOptions].map((o) => Number(o.value)) } })}
              >
                {(monitors.data ?? []).map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </select>
            </label>
          </fieldset>
          <ChannelChecks label="Send to" channels={channels} value={r.channelIds} onChange={(v) => setRoute(i, { channelIds: v })} />
          {err(`routes.${i}.channelIds`)}
          {r.escalation.map((t, k) => (
            <div key={k} className="tier">
              <label>
                Not acknowledged after{' '}
                <input type="number" min={1} value={t.afterMinutes} onChange={(e) => setRoute(i, { escalation: r.escalation.map((x, j) => (j === k ? { ...x, afterMinutes: num(e.target.value) } : x)) })} /> min
              </label>
              <ChannelChecks label={`Tier ${k + 1}: tell`} channels={channels} value={t.channelIds} onChange={(v) => setRoute(i, { escalation: r.escalation.map((x, j) => (j === k ? { ...x, channelIds: v } : x)) })} />
              {err(`routes.${i}.escalation.${k}.channelIds`)}
              <button type="button" className="btn btn--ghost btn--small" onClick={() => setRoute(i, { escalation: r.escalation.filter((_, j) => j !== k) })}>
                Remove tier
              </button>
            </div>
          ))}
          <div className="button-row">
            <button type="button" className="btn btn--small" onClick={() => setRoute(i, { escalation: [...r.escalation, { afterMinutes: 15, channelIds: [] }] })}>
              Add escalation tier
            </button>
            <button type="button" className="btn btn--ghost btn--small" onClick={() => setDraft((d) => d && { ...d, routes: d.routes.filter((_, j) => j !== i) })}>
              Remove route
            </button>
          </div>
        </fieldset>
      ))}
      <button
        type="button"
        className="btn btn--small"
        onClick={() => setDraft((d) => d && { ...d, routes: [...d.routes, { name: `Route ${d.routes.length + 1}`, scope: { groups: [], monitorIds: [] }, kinds: ['down', 'recovered', 'still_down'], channelIds: [], escalation: [] }] })}
      >
        Add a route
      </button>

      <h4>Rate rules</h4>
      {draft.rates.map((r, i) => (
        <fieldset key={i} className="rate" aria-label={`Rate rule ${r.name}`}>
          <label>
            Name <input value={r.name} onChange={(e) => setRate(i, { ...r, name: e.target.value })} />
          </label>
          {r.kind === 'error_rate' ? (
            <>
              <label>
                More than <input type="number" value={r.percent} onChange={(e) => setRate(i, { ...r, percent: num(e.target.value) })} /> % of probes failed
              </label>
              <label>
                over <input type="number" value={r.windowMinutes} onChange={(e) => setRate(i, { ...r, windowMinutes: num(e.target.value) })} /> min
              </label>
              <label>
                for{' '}
                <select value={r.per} onChange={(e) => setRate(i, { ...r, per: e.target.value as 'monitor' | 'group' })}>
                  <option value="monitor">each monitor</option>
                  <option value="group">each service group together</option>
                </select>
              </label>
            </>
          ) : (
            <>
              <label>
                p95 above <input type="number" value={r.p95Ms} onChange={(e) => setRate(i, { ...r, p95Ms: num(e.target.value) })} /> ms
              </label>
              <label>
                for <input type="number" value={r.forMinutes} onChange={(e) => setRate(i, { ...r, forMinutes: num(e.target.value) })} /> min
              </label>
            </>
          )}
          {err(`rates.${i}.percent`)}
          {err(`rates.${i}.windowMinutes`)}
          {err(`rates.${i}.forMinutes`)}
          <button type="button" className="btn btn--ghost btn--small" onClick={() => setDraft((d) => d && { ...d, rates: d.rates.filter((_, j) => j !== i) })}>
            Remove
          </button>
        </fieldset>
      ))}
      <div className="button-row">
        <button type="button" className="btn btn--small" onClick={() => setDraft((d) => d && { ...d, rates: [...d.rates, { kind: 'error_rate', name: 'High error rate', scope: { groups: [], monitorIds: [] }, percent: 20, windowMinutes: 15, minProbes: 5, per: 'monitor' }] })}>
          Add error-rate rule
        </button>
        <button type="button" className="btn btn--small" onClick={() => setDraft((d) => d && { ...d, rates: [...d.rates, { kind: 'latency', name: 'Slow (p95 over 3 s)', scope: { groups: [], monitorIds: [] }, p95Ms: 3000, forMinutes: 5 }] })}>
          Add latency rule
        </button>
      </div>

      <h4>Storm control and delivery</h4>
      <label>
        Group when more than <input type="number" min={1} value={draft.storm.downs} onChange={(e) => setDraft({ ...draft, storm: { downs: num(e.target.value) } })} /> monitors change within a minute
      </label>
      {err('storm.downs')}
      <label>
        Attempts <input type="number" min={1} value={draft.delivery.attempts} onChange={(e) => setDraft({ ...draft, delivery: { ...draft.delivery, attempts: num(e.target.value) } })} />
      </label>
      <label>
        First retry after <input type="number" min={100} value={draft.delivery.backoffMs} onChange={(e) => setDraft({ ...draft, delivery: { ...draft.delivery, backoffMs: num(e.target.value) } })} /> ms (doubling)
      </label>
      <div className="button-row">
        <button type="submit" className="btn btn--primary">
          Save alert rules
        </button>
        <span role="status">{status}</span>
      </div>
    </form>
  );
}
