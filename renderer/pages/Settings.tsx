import { useId } from 'react';
import { OperatorFieldset } from '../components/settings/OperatorFieldset';
import { ShellFieldset } from '../components/settings/ShellFieldset';
import { PrometheusFieldset } from '../components/settings/PrometheusFieldset';
import {
  AppearanceFieldset,
  ConnectivityFieldset,
  NotificationsFieldset,
  ProbingFieldset,
} from '../components/settings/GeneralFieldsets';
import { SloFieldset } from '../components/settings/SloFieldset';
import { StorageFieldset } from '../components/settings/StorageFieldset';
import { NoticesFieldset } from '../components/settings/NoticesFieldset';
import { settingsControls } from '../components/settings/settings-controls';
import { useSettingsForm } from '../components/settings/useSettingsForm';
import { ChannelsSettings } from '../components/alerts/ChannelsSettings';
import { useMethodControl } from '../hooks/useReviewMode';

/**
 * The operator's preferences over `settings.get` / `settings.update` (state and saving in
 * useSettingsForm; each fieldset its own component). Like the monitor form it does not re-validate.
 */
export function SettingsPage() {
  const form = useSettingsForm();
  const control = useMethodControl();
  const uid = useId();
  const { settings, draft, errors, formError, busy } = form;
  const id = form.id;
  const sub = form.sub;
  const update = form.update;

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
  const c = settingsControls(form, draft);

  return (
    <>
      <form className="settings" noValidate onSubmit={(e) => void form.submit(e)} aria-labelledby={`${uid}-title`}>
        <h2 id={`${uid}-title`}>Settings</h2>
        {formError && (
          <p className="form-error" role="alert">
            {formError}
          </p>
        )}

        <AppearanceFieldset c={c} />
        <ProbingFieldset c={c} />
        <SloFieldset c={c} />

        <OperatorFieldset
          id={id('operator.name')}
          name={draft.operator.name}
          error={errors['operator.name']}
          onChange={(v) => sub('operator', 'name', v)}
        />

        <StorageFieldset c={c} />
        <ConnectivityFieldset c={c} />
        <NotificationsFieldset c={c} />
        <NoticesFieldset c={c} />

        <PrometheusFieldset
          idFor={id}
          value={draft.prometheus}
          metricsEnabled={draft.metrics.enabled}
          errors={errors}
          onChange={(v) => update('prometheus', v)}
          onMetrics={(on) => sub('metrics', 'enabled', on)}
        />
        <ShellFieldset />

        <div className="button-row sticky-actions">
          <button type="submit" className="btn btn--primary" {...control('settings.update', { disabled: busy })}>
            Save settings
          </button>
          <button type="button" className="btn" disabled={busy} onClick={form.discard}>
            Discard changes
          </button>
          <span className="form-status" role="status">
            {form.saved}
          </span>
        </div>
      </form>
      {/* Its own forms: outside the settings form (forms do not nest). */}
      <ChannelsSettings />
    </>
  );
}
