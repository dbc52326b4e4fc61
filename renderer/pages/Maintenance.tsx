import { useEffect, useMemo, useState } from 'react';
import { SERVICE_GROUPS } from '../../shared/monitor';
import { useTransport } from '../api/context';
import { Agenda } from '../components/maintenance/Agenda';
import { Calendar, calendarRange, type CalendarView } from '../components/maintenance/Calendar';
import { download, IcsControls } from '../components/maintenance/IcsControls';
import { PeakForm } from '../components/maintenance/PeakForm';
import { addDays, addMonths, formatDay, formatDuration, formatMonth } from '../components/maintenance/time';
import { WindowForm } from '../components/maintenance/WindowForm';
import '../components/maintenance/maintenance.css';
import { useAppInfo } from '../hooks/useAppInfo';
import { useMonitors } from '../hooks/useMonitors';
import { useOccurrences } from '../hooks/useOccurrences';
import { usePeaks } from '../hooks/usePeaks';
import { useWindows } from '../hooks/useWindows';

/** Ticks once a minute so "in 2 d 4 h" and states stay current. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(t);
  }, []);
  return now;
}

/** Maintenance: week / month calendar, agenda of upcoming occurrences, window and peak-event forms, .ics. */
export function Maintenance() {
  const transport = useTransport();
  const now = useNow();
  const info = useAppInfo();
  const readOnly = info.data?.readOnly ?? false;
  const monitors = useMonitors();
  const windows = useWindows();
  const peaks = usePeaks();
  const [view, setView] = useState<CalendarView>('week');
  const [anchor, setAnchor] = useState(() => Date.now());
  const [editingId, setEditingId] = useState<number | null>(null);
  const [tab, setTab] = useState<'window' | 'peak'>('window');

  const range = calendarRange(view, anchor);
  const calendar = useOccurrences(range.from, range.to);
  // Agenda: what is running or starts within the next 60 days.
  const agendaFrom = Math.floor(now / 60_000) * 60_000;
  const agenda = useOccurrences(agendaFrom, agendaFrom + 60 * 86_400_000);
  const upcoming = useMemo(
    () => (agenda.data?.windows ?? []).filter((o) => o.end > now).slice(0, 50),
    [agenda.data, now],
  );
  const next = upcoming.find((o) => o.state === 'scheduled');
  const editing = editingId === null ? undefined : windows.data?.find((w) => w.id === editingId);
  const groups = [...new Set([...SERVICE_GROUPS, ...(monitors.data ?? []).map((m) => m.group)])];

  const step = (n: number) => setAnchor((a) => (view === 'week' ? addDays(a, 7 * n) : addMonths(a, n)));
  const exportOne = (windowId: number) =>
    transport.invoke('maintenance.exportIcs', { windowId }).then((f) => download(f.filename, f.text));

  return (
    <div className="mx-page">
      <div className="mx-layout">
        <section className="panel" aria-labelledby="mx-calendar-title">
          <h2 id="mx-calendar-title" className="panel__title">
            Maintenance calendar
          </h2>
          <p className="muted" data-testid="next-maintenance">
            {next
              ? `Next maintenance in ${formatDuration(next.start - now)}: ${next.title}`
              : 'No maintenance scheduled in the next 60 days.'}
          </p>
          <div className="mx-toolbar">
            <div className="segmented" role="group" aria-label="Calendar view">
              <button type="button" aria-pressed={view === 'week'} onClick={() => setView('week')}>
                Week
              </button>
              <button type="button" aria-pressed={view === 'month'} onClick={() => setView('month')}>
                Month
              </button>
            </div>
            <button type="button" className="btn btn--ghost" onClick={() => step(-1)} aria-label="Previous">
              ‹
            </button>
            <button type="button" className="btn btn--ghost" onClick={() => setAnchor(Date.now())}>
              Today
            </button>
            <button type="button" className="btn btn--ghost" onClick={() => step(1)} aria-label="Next">
              ›
            </button>
            <span className="mx-toolbar__title">
              {view === 'week' ? `Week of ${formatDay(range.from)}` : formatMonth(anchor)}
            </span>
          </div>
          {calendar.error && (
            <p className="form-error" role="alert">
              Could not load occurrences: {calendar.error.message}
            </p>
          )}
          <Calendar
            view={view}
            anchor={anchor}
            now={now}
            occurrences={calendar.data?.windows ?? []}
            peaks={calendar.data?.peaks ?? []}
            onSelect={(o) => setEditingId(o.windowId)}
          />
          <h3 className="panel__title">Agenda</h3>
          <Agenda
            occurrences={upcoming}
            now={now}
            readOnly={readOnly}
            onEdit={setEditingId}
            onExport={(id) => void exportOne(id)}
          />
          <h3 className="panel__title">Calendar files</h3>
          <IcsControls readOnly={readOnly} groups={groups} />
        </section>

        <section className="panel" aria-label="Plan">
          <div className="segmented" role="group" aria-label="Plan what">
            <button type="button" aria-pressed={tab === 'window'} onClick={() => setTab('window')}>
              Maintenance window
            </button>
            <button type="button" aria-pressed={tab === 'peak'} onClick={() => setTab('peak')}>
              Peak events
            </button>
          </div>
          {tab === 'window' ? (
            <WindowForm
              monitors={monitors.data ?? []}
              window={editing}
              readOnly={readOnly}
              onSaved={(w) => {
                setEditingId(null);
                const start = new Date(w.start).getTime();
                if (Number.isFinite(start)) setAnchor(start);
              }}
              onCancel={() => setEditingId(null)}
            />
          ) : (
            <PeakForm readOnly={readOnly} peaks={peaks.data ?? []} />
          )}
        </section>
      </div>
    </div>
  );
}
