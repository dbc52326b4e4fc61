import { useEffect, useRef, useState } from 'react';
import type { Monitor } from '../../../shared/monitor';
import { useApiMutation } from '../../hooks/useApiQuery';
import { useMethodControl } from '../../hooks/useReviewMode';
import { navigate, routeHref } from '../../lib/route';

/** Delete, behind a confirmation that names the monitor; back to the dashboard when done. */
export function DeleteMonitor({ monitor }: { monitor: Monitor }) {
  const del = useApiMutation('monitors.delete');
  const control = useMethodControl();
  const [confirming, setConfirming] = useState(false);
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) cancelRef.current?.focus();
  }, [confirming]);

  async function remove() {
    if (await del.run({ id: monitor.id })) navigate(routeHref('dashboard'));
  }

  if (!confirming) {
    return (
      <div className="detail__danger">
        <button
          type="button"
          className="btn btn--danger-outline"
          onClick={() => setConfirming(true)}
          {...control('monitors.delete')}
        >
          Delete monitor
        </button>
      </div>
    );
  }
  return (
    <div className="detail__danger confirm" role="group" aria-labelledby="confirm-delete-text">
      <p id="confirm-delete-text">Delete “{monitor.name}” and all of its results? This cannot be undone.</p>
      <div className="button-row">
        <button
          type="button"
          className="btn btn--danger"
          onClick={() => void remove()}
          {...control('monitors.delete', { disabled: del.busy })}
        >
          {del.busy ? 'Deleting…' : 'Confirm delete'}
        </button>
        <button type="button" className="btn" ref={cancelRef} disabled={del.busy} onClick={() => setConfirming(false)}>
          Cancel
        </button>
      </div>
      {del.error && (
        <p className="form-error" role="alert">
          {del.error.message}
        </p>
      )}
    </div>
  );
}
