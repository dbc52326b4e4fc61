import { useEffect, useState, type FormEvent } from 'react';
import { SetAsideScreen } from '../components/data/SetAsideScreen';
import { BackupList } from '../components/data/BackupList';
import { BackupVerificationLine } from '../components/data/BackupVerificationLine';
import { WorkspaceFile } from '../components/data/WorkspaceFile';
import { formatBytes } from '../components/data/bytes';
import { StorageProblemView } from '../components/StorageProblem';
import { useBackups, useDataAction, useDataStatus } from '../hooks/useData';
import { formatDateTime } from '../lib/format';

const STATUS_REFRESH_MS = 10_000;

/** The database: where it is, how big, backups (now / list / restore), review of another file. */
export function DataPage() {
  const status = useDataStatus();
  const backups = useBackups();
  const backup = useDataAction('data.backup');
  const restore = useDataAction('data.restore');
  const review = useDataAction('data.review');
  const reviewEnd = useDataAction('data.reviewEnd');
  const [backupPath, setBackupPath] = useState('');
  const [reviewPath, setReviewPath] = useState('');
  const s = status.data;
  // "Results stored" keeps up with the probes (and with the file under review) instead of the moment the page opened.
  const refetchStatus = status.refetch;
  useEffect(() => {
    const t = setInterval(refetchStatus, STATUS_REFRESH_MS);
    return () => clearInterval(t);
  }, [refetchStatus]);

  if (s?.opening) return <SetAsideScreen problem={s.opening} />;

  async function backUp(e: FormEvent) {
    e.preventDefault();
    const out = await backup.run(backupPath.trim() ? { path: backupPath.trim() } : {});
    if (out) {
      setBackupPath('');
      backups.refetch();
      status.refetch();
    }
  }
  async function openReview(e: FormEvent) {
    e.preventDefault();
    await review.run({ path: reviewPath });
  }

  const reviewing = s !== undefined && s.path !== s.mainPath;
  return (
    <main className="page data-page" aria-labelledby="data-title">
      <h1 id="data-title">Data</h1>
      <StorageProblemView problem={s?.storage ?? null} />
      {status.error && <p className="field__error">{status.error.message}</p>}
      {s && (
        <section className="card" aria-label="Database">
          <dl className="data-status">
            <dt>Database</dt>
            <dd>
              <code>{s.path}</code> {s.readOnly && <strong>(read-only review)</strong>}
            </dd>
            <dt>Size</dt>
            <dd>
              {formatBytes(s.bytes)}
              {s.walBytes > 0 && ` + ${formatBytes(s.walBytes)} journal`}
            </dd>
            <dt>Results stored</dt>
            <dd>{s.results.toLocaleString('en-US')}</dd>
            <dt>Raw results kept</dt>
            <dd>{s.retentionDays} days (summaries are kept for years)</dd>
            <dt>Last backup</dt>
            <dd>{s.lastBackup ? `${formatDateTime(s.lastBackup.at)} — ${s.lastBackup.path}` : 'never'}</dd>
            <dt>Backup check</dt>
            <dd data-testid="backup-verification">
              <BackupVerificationLine verification={s.lastVerification} secondDir={s.secondBackupDir} />
            </dd>
          </dl>
          {reviewing && (
            <div className="button-row">
              <button
                type="button"
                className="btn btn--primary"
                disabled={reviewEnd.busy}
                onClick={() => void reviewEnd.run({})}
              >
                Back to {s.mainPath}
              </button>
            </div>
          )}
          {reviewEnd.error && <p className="field__error">{reviewEnd.error.message}</p>}
        </section>
      )}

      <section className="card" aria-labelledby="backups-title">
        <h2 id="backups-title">Backups</h2>
        <form className="field-row" onSubmit={(e) => void backUp(e)}>
          <div className={`field${backup.error ? ' field--invalid' : ''}`}>
            <label htmlFor="backup-path">
              Back up to (optional file path; empty = {backups.data?.dir ?? 'the backup folder'})
            </label>
            <input
              id="backup-path"
              value={backupPath}
              onChange={(e) => setBackupPath(e.target.value)}
              placeholder="/path/to/lookout-copy.db"
            />
            {backup.error && <p className="field__error">{backup.error.message}</p>}
          </div>
          <button
            type="submit"
            className="btn btn--primary"
            disabled={backup.busy || s?.opening !== null || (s?.readOnly ?? false)}
          >
            {backup.busy ? 'Backing up…' : 'Back up now'}
          </button>
        </form>
        {s?.readOnly && (
          <p className="muted" data-testid="review-no-backup">
            Reviewing {s.path} read-only: back up and restore are off until you go back to the console’s own database.
          </p>
        )}
        {backup.result && (
          <p role="status">
            Saved {backup.result.path} ({formatBytes(backup.result.bytes)}).
          </p>
        )}
        <BackupList
          backups={backups.data?.backups ?? []}
          busy={restore.busy || (s?.readOnly ?? false)}
          onRestore={(path) => void restore.run({ path })}
        />
        {restore.error && <p className="field__error">{restore.error.message}</p>}
      </section>

      <WorkspaceFile readOnly={s?.readOnly ?? false} />

      <section className="card" aria-labelledby="review-title">
        <h2 id="review-title">Open a database for review…</h2>
        <p className="muted">
          Opens another Lookout database read-only: charts and uptime work, nothing is probed or written.
        </p>
        <form className="field-row" onSubmit={(e) => void openReview(e)}>
          <div className={`field${review.error ? ' field--invalid' : ''}`}>
            <label htmlFor="review-path">Database file</label>
            <input
              id="review-path"
              value={reviewPath}
              onChange={(e) => setReviewPath(e.target.value)}
              placeholder="/path/to/old-lookout.db"
            />
            {review.error && <p className="field__error">{review.error.message}</p>}
          </div>
          <button type="submit" className="btn" disabled={review.busy || reviewPath.trim() === ''}>
            Open for review
          </button>
        </form>
      </section>
    </main>
  );
}
