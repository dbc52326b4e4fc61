import { SLO_TARGET_CHOICES, formatTarget } from '../../../shared/dashboard';
import { SERVICE_GROUPS } from '../../../shared/monitor';
import type { SettingsControls } from './settings-controls';

/** The budget period, the default target and each service group's own target. */
export function SloFieldset({ c }: { c: SettingsControls }) {
  const { draft, form } = c;
  return (
    <fieldset className="card">
      <legend>Service levels</legend>
      <div className="field-row">
        {c.field('slo.period', 'Budget period', (p) => (
          <select {...p} value={draft.slo.period} onChange={(e) => form.sub('slo', 'period', e.target.value)}>
            <option value="month">Calendar month</option>
            <option value="quarter">Calendar quarter</option>
          </select>
        ))}
        {c.field('slo.defaultTarget', 'Default target', (p) => (
          <select
            {...p}
            value={String(draft.slo.defaultTarget)}
            onChange={(e) => form.sub('slo', 'defaultTarget', Number(e.target.value))}
          >
            {SLO_TARGET_CHOICES.map((t) => (
              <option key={t} value={String(t)}>
                {formatTarget(t)}
              </option>
            ))}
          </select>
        ))}
      </div>
      <div className="field-row" id={form.id('slo.groups')}>
        {SERVICE_GROUPS.map((g) => (
          <div key={g} className="field">
            <label htmlFor={form.id(`slo.group.${g}`)}>{g}</label>
            <select
              id={form.id(`slo.group.${g}`)}
              value={draft.slo.groups[g] === undefined ? '' : String(draft.slo.groups[g])}
              onChange={(e) => {
                const groups = { ...draft.slo.groups };
                if (e.target.value === '') delete groups[g];
                else groups[g] = Number(e.target.value);
                form.sub('slo', 'groups', groups);
              }}
            >
              <option value="">Default ({formatTarget(draft.slo.defaultTarget)})</option>
              {SLO_TARGET_CHOICES.map((t) => (
                <option key={t} value={String(t)}>
                  {formatTarget(t)}
                </option>
              ))}
            </select>
          </div>
        ))}
      </div>
      {form.errors['slo.groups'] && (
        <span className="field__error" role="alert">
          {form.errors['slo.groups']}
        </span>
      )}
    </fieldset>
  );
}
