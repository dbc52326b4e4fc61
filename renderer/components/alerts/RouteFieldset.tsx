import { ROUTED_KINDS, type AlertChannel, type Route } from '../../../shared/channels';
import type { Monitor } from '../../../shared/monitor';
import { SERVICE_GROUPS } from '../../../shared/monitor';
import { KIND_LABEL, toggle } from './rule-labels';

function ChannelChecks({
  channels,
  value,
  onChange,
  label,
}: {
  channels: AlertChannel[];
  value: number[];
  onChange(v: number[]): void;
  label: string;
}) {
  return (
    <fieldset className="checks">
      <legend>{label}</legend>
      {channels.map((c) => (
        <label key={c.id} className="checkbox">
          <input
            type="checkbox"
            checked={value.includes(c.id)}
            onChange={(e) => onChange(toggle(value, c.id, e.target.checked))}
          />{' '}
          {c.name}
        </label>
      ))}
    </fieldset>
  );
}

interface Props {
  route: Route;
  index: number;
  channels: AlertChannel[];
  monitors: readonly Monitor[];
  err: (path: string) => React.ReactNode;
  onChange: (patch: Partial<Route>) => void;
  onRemove: () => void;
}

/** One route: which alerts, for which groups or monitors, to which channels, and its escalation tiers. */
export function RouteFieldset({ route: r, index: i, channels, monitors, err, onChange: set, onRemove }: Props) {
  const num = (v: string) => (v === '' ? 0 : Number(v));
  return (
    <fieldset className="route" aria-label={`Route ${r.name || i + 1}`}>
      <legend>Route {i + 1}</legend>
      <label>
        Name <input value={r.name} onChange={(e) => set({ name: e.target.value })} />
      </label>
      {err(`routes.${i}.name`)}
      <fieldset className="checks">
        <legend>Alerts</legend>
        {ROUTED_KINDS.map((k) => (
          <label key={k} className="checkbox">
            <input
              type="checkbox"
              checked={r.kinds.includes(k)}
              onChange={(e) => set({ kinds: toggle(r.kinds, k, e.target.checked) })}
            />{' '}
            {KIND_LABEL[k]}
          </label>
        ))}
      </fieldset>
      {err(`routes.${i}.kinds`)}
      <fieldset className="checks">
        <legend>For (none ticked: every monitor)</legend>
        {SERVICE_GROUPS.map((g) => (
          <label key={g} className="checkbox">
            <input
              type="checkbox"
              checked={r.scope.groups.includes(g)}
              onChange={(e) => set({ scope: { ...r.scope, groups: toggle(r.scope.groups, g, e.target.checked) } })}
            />{' '}
            {g}
          </label>
        ))}
        <label>
          Monitors{' '}
          <select
            multiple
            value={r.scope.monitorIds.map(String)}
            onChange={(e) =>
              set({ scope: { ...r.scope, monitorIds: [...e.target.selectedOptions].map((o) => Number(o.value)) } })
            }
          >
            {monitors.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      <ChannelChecks
        label="Send to"
        channels={channels}
        value={r.channelIds}
        onChange={(v) => set({ channelIds: v })}
      />
      {err(`routes.${i}.channelIds`)}
      {r.escalation.map((t, k) => (
        <div key={k} className="tier">
          <label>
            Not acknowledged after{' '}
            <input
              type="number"
              min={1}
              value={t.afterMinutes}
              onChange={(e) =>
                set({
                  escalation: r.escalation.map((x, j) => (j === k ? { ...x, afterMinutes: num(e.target.value) } : x)),
                })
              }
            />{' '}
            min
          </label>
          <ChannelChecks
            label={`Tier ${k + 1}: tell`}
            channels={channels}
            value={t.channelIds}
            onChange={(v) => set({ escalation: r.escalation.map((x, j) => (j === k ? { ...x, channelIds: v } : x)) })}
          />
          {err(`routes.${i}.escalation.${k}.channelIds`)}
          <button
            type="button"
            className="btn btn--ghost btn--small"
            onClick={() => set({ escalation: r.escalation.filter((_, j) => j !== k) })}
          >
            Remove tier
          </button>
        </div>
      ))}
      <div className="button-row">
        <button
          type="button"
          className="btn btn--small"
          onClick={() => set({ escalation: [...r.escalation, { afterMinutes: 15, channelIds: [] }] })}
        >
          Add escalation tier
        </button>
        <button type="button" className="btn btn--ghost btn--small" onClick={() => onRemove()}>
          Remove route
        </button>
      </div>
    </fieldset>
  );
}
