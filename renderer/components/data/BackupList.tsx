import { useState } from 'react';
import type { BackupFile } from '../../../shared/data';
import { formatDateTime } from '../../lib/format';
import { formatBytes } from './bytes';

/** Backups, newest first, each with a Restore button that asks for confirmation first. */
export function BackupList({
  backups,
  busy,
  onRestore,
}: {
  backups: BackupFile[];
  busy: boolean;
  onRestore: (path: string) => void;
}) {
  const [confirming, setConfirming] = useState<string | null>(null);
  if (backups.length === 0) return <p className="muted">No backups yet.</p>;
  return (
    <ul className="backup-list" aria-label="Backups">
      {backups.map((b) => (
        <li key={b.path} className="backup-list__item">
          <span className="backup-list__name" title={b.path}>
            {b.path.split(/[\\/]/).pop()}
          </span>
          <span className="muted">
            {formatDateTime(b.at)} · {formatBytes(b.bytes)}
          </span>
          {confirming === b.path ? (
            <span className="button-row">
              <span>Replace the current database with this backup? The current one is kept aside.</span>
              <button type="button" className="btn btn--danger" disabled={busy} onClick={() => onRestore(b.path)}>
                Restore
              </button>
              <button type="button" className="btn" onClick={() => setConfirming(null)}>
                Cancel
              </button>
            </span>
          ) : (
            <button
              type="button"
              className="btn"
              disabled={busy}
              onClick={() => setConfirming(b.path)}
              aria-label={`Restore ${b.path}`}
            >
              Restore…
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
