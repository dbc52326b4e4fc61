import type { BackupVerification } from '../../../shared/data';
import { formatClock, formatCount, formatDateTime } from '../../lib/format';

/** "Last backup verified 03:00, 1.2 M results (also in /mnt/share)" or what failed. */
export function BackupVerificationLine({
  verification: v,
  secondDir,
}: {
  verification: BackupVerification | null;
  secondDir: string | null;
}) {
  if (!v)
    return (
      <span className="muted">
        No scheduled backup checked yet{secondDir ? `; each will also go to ${secondDir}` : ''}.
      </span>
    );
  const when = (
    <time dateTime={new Date(v.at).toISOString()} title={formatDateTime(v.at)}>
      {formatClock(v.at)}
    </time>
  );
  if (v.ok) {
    return (
      <span data-ok="true">
        Last backup verified {when}, {formatCount(v.sourceResults)} results
        {v.copies.length > 1 &&
          ` (and its copy in ${v.copies
            .slice(1)
            .map((c) => c.path)
            .join(', ')})`}
        .
      </span>
    );
  }
  return (
    <span className="form-error" role="alert" data-ok="false">
      Last backup check failed at {when}:{' '}
      {v.copies
        .filter((c) => !c.ok)
        .map((c) => c.message)
        .join(' ')}
    </span>
  );
}
