import type { OpenProblem } from '../../../shared/data';
import { useBackups, useDataAction } from '../../hooks/useData';
import { BackupList } from './BackupList';

const WHY: Record<OpenProblem['kind'], string> = {
  corrupt: 'it is damaged',
  foreign: 'it is not a Lookout database',
  newer: 'it was written by a newer version of Lookout',
};

/**
 * Shown instead of the console when its database could not be opened: what was set aside and
 * why, then "Start fresh" or "Restore a backup". Nothing here deletes the set-aside copy.
 */
export function SetAsideScreen({ problem }: { problem: OpenProblem }) {
  const backups = useBackups();
  const fresh = useDataAction('data.startFresh');
  const restore = useDataAction('data.restore');
  const busy = fresh.busy || restore.busy;
  const copy = problem.setAside[0];
  return (
    <main className="page set-aside" aria-labelledby="set-aside-title">
      <section className="card">
        <h1 id="set-aside-title">Lookout could not open its database</h1>
        <p>
          {copy ? (
            <>
              We set aside <code>{problem.path}</code> because {WHY[problem.kind]}. A copy is kept as{' '}
              <code>{copy}</code>; the original was not changed.
            </>
          ) : (
            <>
              <code>{problem.path}</code> was not opened because {WHY[problem.kind]}. It was not changed.
            </>
          )}
        </p>
        <p className="muted">{problem.message}</p>
        <div className="button-row">
          <button type="button" className="btn btn--primary" disabled={busy} onClick={() => void fresh.run({})}>
            Start fresh
          </button>
        </div>
        {fresh.error && <p className="field__error">{fresh.error.message}</p>}
      </section>
      <section className="card" aria-labelledby="restore-title">
        <h2 id="restore-title">Restore a backup</h2>
        {backups.data && <p className="muted">From {backups.data.dir}</p>}
        <BackupList
          backups={backups.data?.backups ?? []}
          busy={busy}
          onRestore={(path) => void restore.run({ path })}
        />
        {restore.error && <p className="field__error">{restore.error.message}</p>}
      </section>
    </main>
  );
}
