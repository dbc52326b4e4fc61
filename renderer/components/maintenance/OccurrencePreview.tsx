import { useEffect, useState } from 'react';
import type { Input, Output } from '../../../shared/api';
import { DST_RULE } from '../../../shared/maintenance';
import { useTransport } from '../../api/context';
import { recurrenceOf, type ScheduleValues } from './form-model';
import { formatWhen, viewerZone } from './time';

/** The schedule's next five occurrences in its zone and the viewer's, with DST moves and the RRULE. */
export function OccurrencePreview({ values: v }: { values: ScheduleValues }) {
  const preview = useSchedulePreview(v);
  return (
    <section aria-label="Next occurrences">
      <p className="mx-dst muted">
        <strong>DST rule:</strong> {preview?.dstRule ?? DST_RULE}
      </p>
      {preview && preview.occurrences.length > 0 && (
        <ol className="mx-preview">
          {preview.occurrences.map((o) => (
            <li key={o.start}>
              {o.localStart.replace('T', ' ')} {v.zone}
              {o.shifted && <strong> → moved to {formatWhen(o.start, v.zone)} (DST)</strong>}
              <span className="muted">
                {' '}
                · your time {formatWhen(o.start)} ({viewerZone()})
              </span>
            </li>
          ))}
        </ol>
      )}
      {preview?.rrule && <code className="muted">RRULE:{preview.rrule}</code>}
    </section>
  );
}

/** Asks the core where the schedule's next occurrences fall (quietly: the form shows errors on save). */
function useSchedulePreview(v: ScheduleValues): Output<'windows.preview'> | undefined {
  const transport = useTransport();
  const [preview, setPreview] = useState<Output<'windows.preview'>>();
  const duration = Number(v.durationMin);
  const request: Input<'windows.preview'> = {
    start: v.start,
    zone: v.zone.trim(),
    durationMin: Number.isInteger(duration) && duration > 0 ? duration : 1,
    recurrence: recurrenceOf(v),
    count: 5,
  };
  // The request is read back from its key, so the effect runs when what it sends changes.
  const key = JSON.stringify(request);
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      transport.invoke('windows.preview', JSON.parse(key) as Input<'windows.preview'>).then(
        (p) => current && setPreview(p),
        () => current && setPreview(undefined),
      );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [transport, key]);
  return preview;
}
