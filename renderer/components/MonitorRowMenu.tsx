import { useState } from 'react';
import type { Monitor } from '../../shared/monitor';
import { useApiMutation } from '../hooks/useApiQuery';
import { useMethodControl } from '../hooks/useReviewMode';

/** Pause or resume one monitor (`monitors.pause` / `monitors.resume`), from its row or its page. */
export function PauseButton({
  monitor,
  className = 'btn',
}: {
  monitor: Pick<Monitor, 'id' | 'name' | 'paused'>;
  className?: string;
}) {
  const pause = useApiMutation('monitors.pause');
  const resume = useApiMutation('monitors.resume');
  const busy = pause.busy || resume.busy;
  const control = useMethodControl();
  const error = (monitor.paused ? resume : pause).error?.message ?? null;
  async function toggle() {
    pause.reset();
    resume.reset();
    await (monitor.paused ? resume : pause).run({ id: monitor.id });
  }
  return (
    <>
      <button
        type="button"
        className={className}
        onClick={() => void toggle()}
        {...control(monitor.paused ? 'monitors.resume' : 'monitors.pause', { disabled: busy })}
      >
        {monitor.paused ? 'Resume monitoring' : 'Pause monitoring'}
      </button>
      {error && (
        <span className="form-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}

/** The row's "⋯" menu beside the row button (a button cannot hold another button). */
export function MonitorRowMenu({ monitor }: { monitor: Monitor }) {
  const [open, setOpen] = useState(false);
  return (
    <span className="row-menu">
      <button
        type="button"
        className="btn btn--ghost btn--small row-menu__toggle"
        aria-expanded={open}
        aria-label="More actions"
        title={`More actions for ${monitor.name}`}
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true">⋯</span>
      </button>
      {open && (
        <span className="row-menu__items" role="group" aria-label="Monitor actions" onClick={() => setOpen(false)}>
          <PauseButton monitor={monitor} className="btn btn--small" />
        </span>
      )}
    </span>
  );
}
