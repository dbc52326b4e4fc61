import type { Occurrence, PeakOccurrence } from '../../../shared/maintenance';
import { addDays, formatClock, formatDay, sameDay, startOfMonth, startOfWeek } from './time';

export type CalendarView = 'week' | 'month';

interface Props {
  view: CalendarView;
  /** Any instant inside the week / month shown. */
  anchor: number;
  now: number;
  occurrences: Occurrence[];
  peaks: PeakOccurrence[];
  onSelect?: (o: Occurrence) => void;
}

/** The days a view shows: Monday-to-Sunday week, or the month padded to whole weeks. */
export function calendarRange(view: CalendarView, anchor: number): { from: number; to: number; days: number[] } {
  const from = view === 'week' ? startOfWeek(anchor) : startOfWeek(startOfMonth(anchor));
  const weeks = view === 'week' ? 1 : 6;
  const days = Array.from({ length: weeks * 7 }, (_, i) => addDays(from, i));
  return { from, to: addDays(from, weeks * 7), days };
}

const HEADS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Week or month grid; items sit on the day (viewer's zone) they start. */
export function Calendar({ view, anchor, now, occurrences, peaks, onSelect }: Props) {
  const { days } = calendarRange(view, anchor);
  const month = new Date(anchor).getMonth();
  return (
    <div
      className={`mx-cal mx-cal--${view}`}
      role="grid"
      aria-label={view === 'week' ? 'Week calendar' : 'Month calendar'}
    >
      {HEADS.map((h) => (
        <div key={h} className="mx-cal__head" role="columnheader">
          {h}
        </div>
      ))}
      {days.map((day) => {
        const items = occurrences.filter((o) => sameDay(o.start, day));
        const dayPeaks = peaks.filter((p) => sameDay(p.start, day));
        const other = view === 'month' && new Date(day).getMonth() !== month;
        return (
          <div
            key={day}
            role="gridcell"
            data-day={new Date(day).toDateString()}
            className={`mx-cal__day${other ? ' mx-cal__day--other' : ''}${sameDay(day, now) ? ' mx-cal__day--today' : ''}`}
          >
            <span className="mx-cal__date">{view === 'week' ? formatDay(day) : new Date(day).getDate()}</span>
            {dayPeaks.map((p) => (
              <span
                key={`p${p.peakId}-${p.start}`}
                className="mx-item mx-item--peak"
                data-peak={p.title}
                title={`${p.title} (${p.kind.replace('_', ' ')})`}
              >
                {formatClock(p.start)} ★ {p.title}
              </span>
            ))}
            {items.map((o) => (
              <button
                type="button"
                key={`${o.windowId}-${o.start}`}
                className={`mx-item mx-item--${o.state}`}
                data-occurrence={o.title}
                title={`${o.title}: ${o.localStart.replace('T', ' ')} ${o.zone} (${o.state.replace('_', ' ')})`}
                onClick={() => onSelect?.(o)}
              >
                {formatClock(o.start)} {o.title}
              </button>
            ))}
          </div>
        );
      })}
    </div>
  );
}
