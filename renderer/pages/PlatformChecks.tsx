import { useState } from 'react';
import type { LoadPlan } from '../../shared/loadcheck';
import type { Monitor } from '../../shared/monitor';
import { useTransport } from '../api/context';
import { DeploysPanel } from '../components/platform-checks/DeploysPanel';
import { LoadCheckForm } from '../components/platform-checks/LoadCheckForm';
import { MaxRateSetting } from '../components/platform-checks/MaxRateSetting';
import { LoadLiveChart } from '../components/platform-checks/LoadLiveChart';
import { LoadProgressView, LoadRunCard } from '../components/platform-checks/LoadRunView';
import { asApiError } from '../hooks/useApiQuery';
import { useMethodControl } from '../hooks/useReviewMode';
import { useLoadChecks, useLoadProgress, useLoadReminders, useLoadRuns } from '../hooks/usePlatformChecks';
import { formatDateTime } from '../lib/format';

/** Before and after platform changes: load checks before a live event, deploy markers after a release. */
export function PlatformChecks({ monitors, readOnly }: { monitors: readonly Monitor[]; readOnly: boolean }) {
  const transport = useTransport();
  const { checks, limits } = useLoadChecks();
  const runs = useLoadRuns();
  const { last: progress, history } = useLoadProgress();
  const reminders = useLoadReminders();
  const [plan, setPlan] = useState<LoadPlan>();
  const [problem, setProblem] = useState<string>();
  const fail = (err: unknown) => setProblem(asApiError(err).message);
  const control = useMethodControl();

  return (
    <div className="page platform-checks">
      <h1>Load checks and deploys</h1>
      <section aria-label="Load checks">
        <h2>Load checks</h2>
        {(reminders.data ?? [])
          .filter((r) => r.due && r.ranAt === null)
          .map((r) => (
            <p key={r.checkId} className="notice" role="status">
              Run “{r.checkName}” before {r.peakTitle} ({formatDateTime(r.peakStart)}): due since{' '}
              {formatDateTime(r.dueAt)}.
            </p>
          ))}
        {problem && (
          <p className="form-error" role="alert">
            {problem}
          </p>
        )}
        <ul className="loadcheck-list">
          {(checks.data ?? []).map((c) => (
            <li key={c.id}>
              <strong>{c.spec.name}</strong> · {c.spec.method} {c.spec.url} · {c.spec.rate}/s for {c.spec.durationSec} s{' '}
              {!readOnly && (
                <button
                  type="button"
                  onClick={() => void transport.invoke('loadchecks.plan', { checkId: c.id }).then(setPlan, fail)}
                  {...control('loadchecks.plan')}
                >
                  Run…
                </button>
              )}
            </li>
          ))}
        </ul>
        {plan && (
          <div role="alertdialog" aria-label="Confirm the load check" className="confirm">
            <p>{plan.confirmation}</p>
            <p className="muted small">
              The charts of {plan.monitorIds.length} monitor(s) of {plan.host} will show the run.
            </p>
            <button
              type="button"
              className="danger"
              {...control('loadchecks.start')}
              onClick={() => {
                const p = plan;
                setPlan(undefined);
                setProblem(undefined);
                void transport
                  .invoke('loadchecks.start', { checkId: p.checkId, token: p.token })
                  .then(() => runs.refetch(), fail);
              }}
            >
              Send {plan.totalRequests.toLocaleString()} requests
            </button>{' '}
            <button type="button" onClick={() => setPlan(undefined)}>
              Cancel
            </button>
          </div>
        )}
        <LoadLiveChart points={history} />
        {progress && (
          <LoadProgressView
            p={progress}
            onStop={() => void transport.invoke('loadchecks.stop', { runId: progress.runId }).catch(fail)}
          />
        )}
        {(runs.data ?? []).slice(0, 5).map((r) => (
          <LoadRunCard key={r.id} run={r} />
        ))}
        {!readOnly && limits.data && (
          <details>
            <summary>New load check</summary>
            <LoadCheckForm monitors={monitors} maxRate={limits.data.maxRate} onSaved={() => checks.refetch()} />
          </details>
        )}
        {!readOnly && limits.data && <MaxRateSetting limits={limits.data} onSaved={() => limits.refetch()} />}
      </section>
      <DeploysPanel monitors={monitors} readOnly={readOnly} />
    </div>
  );
}
