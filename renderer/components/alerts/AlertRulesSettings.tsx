import { useState } from 'react';
import type { AlertChannel, AlertRules, RateRule, Route } from '../../../shared/channels';
import { useApiMutation, useApiQuery } from '../../hooks/useApiQuery';
import { useMethodControl } from '../../hooks/useReviewMode';
import { useMonitors } from '../../hooks/useMonitors';
import { RateRuleFieldset } from './RateRuleFieldset';
import { RouteFieldset } from './RouteFieldset';

/** What the two "Add … rule" buttons start from. */
const NEW_ERROR_RATE: RateRule = {
  kind: 'error_rate',
  name: 'High error rate',
  scope: { groups: [], monitorIds: [] },
  percent: 20,
  windowMinutes: 15,
  minProbes: 5,
  per: 'monitor',
};
const NEW_LATENCY: RateRule = {
  kind: 'latency',
  name: 'Slow (p95 over 3 s)',
  scope: { groups: [], monitorIds: [] },
  p95Ms: 3000,
  forMinutes: 5,
};

/**
 * Settings → Alert rules: which alerts go to which channels (per service group or monitor), with
 * escalation tiers; rate rules; storm control and delivery retries. Saved whole with
 * alerts.setRules; the contract's issues come back with their path (`routes.0.channelIds`).
 */

export function AlertRulesSettings({ channels }: { channels: AlertChannel[] }) {
  const rules = useApiQuery('alerts.rules', {});
  const monitors = useMonitors();
  const [draft, setDraft] = useState<AlertRules | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<string | null>(null);
  const control = useMethodControl();
  const setRules = useApiMutation('alerts.setRules', {
    onError: (a) => {
      setErrors(Object.fromEntries((a.issues ?? []).map((i) => [i.path, i.message])));
      setStatus(a.message);
    },
  });
  // The draft starts as the saved rules once they arrive (set while rendering, not in an effect).
  if (rules.data && !draft) setDraft(structuredClone(rules.data));
  if (!draft) return null;

  const setRoute = (i: number, patch: Partial<Route>) =>
    setDraft((d) => d && { ...d, routes: d.routes.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  const addRate = (rule: RateRule) => setDraft((d) => d && { ...d, rates: [...d.rates, structuredClone(rule)] });
  const setRate = (i: number, next: RateRule) =>
    setDraft((d) => d && { ...d, rates: d.rates.map((r, j) => (j === i ? next : r)) });
  const err = (path: string) =>
    errors[path] && (
      <span className="field__error" role="alert">
        {errors[path]}
      </span>
    );
  const num = (v: string) => (v === '' ? 0 : Number(v));

  async function save() {
    if (!draft) return;
    setErrors({});
    setStatus(null);
    const next = await setRules.run(draft);
    if (!next) return;
    setDraft(next);
    setStatus('Alert rules saved');
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
        <RouteFieldset
          key={i}
          route={r}
          index={i}
          channels={channels}
          monitors={monitors.data ?? []}
          err={err}
          onChange={(patch) => setRoute(i, patch)}
          onRemove={() => setDraft((d) => d && { ...d, routes: d.routes.filter((_, j) => j !== i) })}
        />
      ))}
      <button
        type="button"
        className="btn btn--small"
        onClick={() =>
          setDraft(
            (d) =>
              d && {
                ...d,
                routes: [
                  ...d.routes,
                  {
                    name: `Route ${d.routes.length + 1}`,
                    scope: { groups: [], monitorIds: [] },
                    kinds: ['down', 'recovered', 'still_down'],
                    channelIds: [],
                    escalation: [],
                  },
                ],
              },
          )
        }
      >
        Add a route
      </button>

      <h4>Rate rules</h4>
      {draft.rates.map((r, i) => (
        <RateRuleFieldset
          key={i}
          rule={r}
          index={i}
          err={err}
          onChange={(next) => setRate(i, next)}
          onRemove={() => setDraft((d) => d && { ...d, rates: d.rates.filter((_, j) => j !== i) })}
        />
      ))}
      <div className="button-row">
        <button type="button" className="btn btn--small" onClick={() => addRate(NEW_ERROR_RATE)}>
          Add error-rate rule
        </button>
        <button type="button" className="btn btn--small" onClick={() => addRate(NEW_LATENCY)}>
          Add latency rule
        </button>
      </div>

      <h4>Storm control and delivery</h4>
      <label>
        Group when more than{' '}
        <input
          type="number"
          min={1}
          value={draft.storm.downs}
          onChange={(e) => setDraft({ ...draft, storm: { downs: num(e.target.value) } })}
        />{' '}
        monitors change within a minute
      </label>
      {err('storm.downs')}
      <label>
        Attempts{' '}
        <input
          type="number"
          min={1}
          value={draft.delivery.attempts}
          onChange={(e) => setDraft({ ...draft, delivery: { ...draft.delivery, attempts: num(e.target.value) } })}
        />
      </label>
      <label>
        First retry after{' '}
        <input
          type="number"
          min={100}
          value={draft.delivery.backoffMs}
          onChange={(e) => setDraft({ ...draft, delivery: { ...draft.delivery, backoffMs: num(e.target.value) } })}
        />{' '}
        ms (doubling)
      </label>
      <div className="button-row">
        <button type="submit" className="btn btn--primary" {...control('alerts.setRules')}>
          Save alert rules
        </button>
        <span role="status">{status}</span>
      </div>
    </form>
  );
}
