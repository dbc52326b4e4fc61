import { numOrText, type SettingsControls } from './settings-controls';

/** How long raw results are kept, and the daily backups. */
export function StorageFieldset({ c }: { c: SettingsControls }) {
  const { draft, form } = c;
  return (
    <fieldset className="card">
      <legend>Storage and backups</legend>
      <div className="field-row">
        {c.field(
          'retentionDays',
          'Keep raw results (days)',
          (p) => (
            <input
              {...p}
              type="text"
              inputMode="numeric"
              value={String(draft.retentionDays)}
              onChange={(e) => form.update('retentionDays', numOrText(e.target.value) as number)}
            />
          ),
          'Hourly and daily summaries are kept for years',
        )}
        {c.num('backup', 'keep', 'Daily backups kept')}
      </div>
      {c.check('backup', 'enabled', 'Back up the database every day')}
      {c.field('backup.dir', 'Backup folder', (p) => (
        <input
          {...p}
          type="text"
          placeholder="backups beside the database"
          value={draft.backup.dir ?? ''}
          onChange={(e) => form.sub('backup', 'dir', e.target.value.trim() === '' ? null : e.target.value)}
        />
      ))}
      {c.field(
        'backup.secondDir',
        'Second backup folder (optional)',
        (p) => (
          <input
            {...p}
            type="text"
            placeholder="none — e.g. a synced drive or a mounted share"
            value={draft.backup.secondDir ?? ''}
            onChange={(e) => form.sub('backup', 'secondDir', e.target.value.trim() === '' ? null : e.target.value)}
          />
        ),
        'Each daily backup is also copied here and checked there',
      )}
    </fieldset>
  );
}
