import type { SettingsDraft } from './useSettingsForm';
import type { SettingsControls } from './settings-controls';

/** The team's contact details offered to notice templates, and the audience's time zones. */
export function NoticesFieldset({ c }: { c: SettingsControls }) {
  const { draft, form } = c;
  const text = (key: keyof SettingsDraft['contact'], label: string) =>
    c.field(`contact.${key}`, label, (p) => (
      <input {...p} type="text" value={draft.contact[key]} onChange={(e) => form.sub('contact', key, e.target.value)} />
    ));
  return (
    <fieldset className="card">
      <legend>Notices</legend>
      <p className="field__hint">
        Offered to notice templates as <code>contact.*</code>; times are also shown in the audience zones.
      </p>
      <div className="field-row">
        {text('team', 'Team name')}
        {text('email', 'Contact email')}
      </div>
      <div className="field-row">
        {text('phone', 'Contact phone')}
        {text('statusPage', 'Status page URL')}
      </div>
      {c.field(
        'audienceZones',
        'Audience time zones',
        (p) => (
          <textarea
            {...p}
            rows={3}
            value={form.zonesText}
            onChange={(e) => form.setZonesText(e.target.value)}
            spellCheck={false}
            placeholder="Europe/London"
          />
        ),
        'One IANA zone per line, e.g. Europe/London, America/New_York',
      )}
    </fieldset>
  );
}
