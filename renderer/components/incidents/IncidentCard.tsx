import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { Incident } from '../../../shared/incidents';
import { useApiMutation } from '../../hooks/useApiQuery';
import { useMethodControl } from '../../hooks/useReviewMode';
import type { AcknowledgeState } from '../../hooks/useAcknowledge';
import { formatDateTime } from '../../lib/format';
import { formatDuration } from './duration';
import { DraftNoticeButton } from '../drafts/DraftNoticeButton';
import { IncidentDeploys } from '../platform-checks/IncidentDeploys';

interface Props {
  incident: Incident;
  monitorName: string;
  highlighted: boolean;
  /** Acknowledges with the remembered operator name (asks for it once). */
  ack: AcknowledgeState;
  onOpenMonitor: (monitorId: number, startedAt: number, endedAt: number | null) => void;
}

export function IncidentCard({ incident: i, monitorName, highlighted, ack, onOpenMonitor }: Props) {
  const operator = ack.name;
  const [note, setNote] = useState('');
  const adding = useApiMutation('incidents.addNote');
  const busy = adding.busy;
  const control = useMethodControl();
  const error = adding.error?.message;
  const open = i.endedAt === null;
  // An open incident's duration keeps growing on screen between fetches.
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!open) return;
    const t = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(t);
  }, [open]);
  const durationMs = open ? Math.max(i.durationMs, now - i.startedAt) : i.durationMs;

  async function addNote(e: FormEvent): Promise<void> {
    e.preventDefault();
    if (await adding.run({ id: i.id, text: note, ...(operator ? { by: operator } : {}) })) setNote('');
  }

  const noteId = `incident-${i.id}-note`;
  return (
    <article
      className={`panel incident ${open ? 'incident--open' : 'incident--closed'}`}
      aria-label={`Incident ${i.id}: ${monitorName}`}
      aria-current={highlighted ? 'true' : undefined}
      data-incident-id={i.id}
      data-open={open}
    >
      <header className="incident__head">
        <h3 className="panel__title">
          {monitorName} <span className="muted">#{i.id}</span>
        </h3>
        <span className={`badge badge--${open ? 'down' : 'up'}`}>{open ? 'Open' : 'Resolved'}</span>
        {i.maintenanceWindowId !== null && (
          <span className="tag">During maintenance window #{i.maintenanceWindowId}</span>
        )}
      </header>
      <dl className="facts incident__facts">
        <Fact label="Started">{formatDateTime(i.startedAt)}</Fact>
        <Fact label={open ? 'Down for' : 'Lasted'}>{formatDuration(durationMs)}</Fact>
        {!open && <Fact label="Ended">{formatDateTime(i.endedAt!)}</Fact>}
        <Fact label="Failed probes">{i.failedProbes}</Fact>
        <Fact label="First error">{i.firstError ?? i.firstErrorCode ?? '—'}</Fact>
        {i.lastError !== i.firstError && <Fact label="Last error">{i.lastError ?? i.lastErrorCode ?? '—'}</Fact>}
        <div>
          <dt>Acknowledged</dt>
          <dd data-acknowledged={i.acknowledgedBy !== null}>
            {i.acknowledgedBy !== null ? `by ${i.acknowledgedBy} at ${formatDateTime(i.acknowledgedAt!)}` : 'Not yet'}
          </dd>
        </div>
      </dl>
      <div className="incident__actions">
        {i.acknowledgedBy === null && (
          <button
            type="button"
            className="btn btn--primary"
            onClick={() => void ack.acknowledge([i.id])}
            {...control('incidents.acknowledge', { disabled: busy || ack.busy })}
          >
            Acknowledge{operator ? ` as ${operator}` : ''}
          </button>
        )}
        <button type="button" className="btn" onClick={() => onOpenMonitor(i.monitorId, i.startedAt, i.endedAt)}>
          Show on chart
        </button>
        <DraftNoticeButton className="btn" source={{ kind: 'incident', incidentId: i.id }} />
      </div>
      <IncidentDeploys monitorId={i.monitorId} startedAt={i.startedAt} endedAt={i.endedAt} />
      {i.notes.length > 0 && (
        <ol className="incident__notes" aria-label="Notes">
          {i.notes.map((n) => (
            <li key={n.id}>
              <span className="muted">
                {formatDateTime(n.at)}
                {n.by ? ` · ${n.by}` : ''}
              </span>{' '}
              {n.text}
            </li>
          ))}
        </ol>
      )}
      <form className="field incident__note-form" onSubmit={(e) => void addNote(e)}>
        <label htmlFor={noteId}>Add a note</label>
        <textarea id={noteId} value={note} rows={2} maxLength={4000} onChange={(e) => setNote(e.target.value)} />
        <button
          type="submit"
          className="btn"
          {...control('incidents.addNote', { disabled: busy || note.trim() === '' })}
        >
          Add note
        </button>
      </form>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </article>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
