import type { Settings } from '../../../shared/settings';
import type { SettingsControls } from './settings-controls';

/** Theme. */
export function AppearanceFieldset({ c }: { c: SettingsControls }) {
  return (
    <fieldset className="card">
      <legend>Appearance</legend>
      {c.field('theme', 'Theme', (p) => (
        <select
          {...p}
          value={c.draft.theme}
          onChange={(e) => c.form.update('theme', e.target.value as Settings['theme'])}
        >
          <option value="system">Same as the system</option>
          <option value="light">Light</option>
          <option value="dark">Dark</option>
        </select>
      ))}
    </fieldset>
  );
}

/** Defaults a new monitor starts with, and the confirmation counts. */
export function ProbingFieldset({ c }: { c: SettingsControls }) {
  return (
    <fieldset className="card">
      <legend>Probing defaults</legend>
      <div className="field-row">
        {c.num('probing', 'intervalSec', 'Interval (s)', 'For new monitors; at least 5 s')}
        {c.num('probing', 'retries', 'Retries', 'Failures before a monitor counts as down')}
        {c.num('probing', 'recoveries', 'Recoveries', 'Successes before it counts as up again')}
      </div>
      <div className="field-row">
        {c.num('probing', 'retryIntervalSec', 'Retry interval (s)', 'While a failure is being confirmed')}
        {c.num('probing', 'slowMs', 'Slow above (ms)', 'Answers slower than this are degraded')}
      </div>
    </fieldset>
  );
}

/** The console's own reachability check. */
export function ConnectivityFieldset({ c }: { c: SettingsControls }) {
  return (
    <fieldset className="card">
      <legend>Connectivity guard</legend>
      {c.check('connectivity', 'enabled', 'Check the console’s own network before counting a failure')}
      {c.field(
        'connectivity.referenceHosts',
        'Reference hosts',
        (p) => (
          <textarea
            {...p}
            rows={3}
            value={c.form.hostsText}
            onChange={(e) => c.form.setHostsText(e.target.value)}
            spellCheck={false}
          />
        ),
        'One host:port per line, e.g. 1.1.1.1:443',
      )}
      {c.num('connectivity', 'quorum', 'Quorum', 'How many must answer for the console to count as online')}
    </fieldset>
  );
}

/** Desktop notifications. */
export function NotificationsFieldset({ c }: { c: SettingsControls }) {
  return (
    <fieldset className="card">
      <legend>Notifications</legend>
      {c.check('alerts', 'enabled', 'Desktop notifications')}
      {c.check('alerts', 'onDegraded', 'Also when a monitor turns degraded')}
      {c.check('alerts', 'onRecovered', 'When a monitor recovers')}
      {c.check('alerts', 'sound', 'Play a sound')}
      {c.num('alerts', 'renotifyMinutes', 'Remind every (minutes) while down', '0 = never')}
    </fieldset>
  );
}
