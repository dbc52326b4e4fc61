import type { Conflict } from '../../../shared/maintenance';
import type { MethodName } from '../../../shared/api';
import { useMethodControl } from '../../hooks/useReviewMode';
import { formatWhen } from './time';

/** The planned occurrences a window would overlap, and "Save anyway". */
export function ConflictList({
  conflicts,
  busy,
  saves,
  onSaveAnyway,
}: {
  conflicts: readonly Conflict[];
  busy: boolean;
  /** The method "Save anyway" calls. */
  saves: MethodName;
  onSaveAnyway: () => void;
}) {
  const control = useMethodControl();
  return (
    <div className="mx-conflicts" role="alert" aria-label="Conflicts">
      <strong>
        This window overlaps {conflicts.length}
        {conflicts.length >= 100 ? '+' : ''} planned {conflicts.length === 1 ? 'occurrence' : 'occurrences'} in the next
        6 months:
      </strong>
      <ul>
        {conflicts.slice(0, 8).map((c) => (
          <li key={`${c.kind}-${c.otherId}-${c.start}`}>
            {c.kind === 'peak' ? 'Peak event' : 'Window'} “{c.otherTitle}” on {formatWhen(c.start)}
            {c.shared.length > 0 && ` (shares ${c.shared.join(', ')})`}
          </li>
        ))}
        {conflicts.length > 8 && <li>…and {conflicts.length - 8} more</li>}
      </ul>
      <button type="button" className="btn btn--primary" onClick={onSaveAnyway} {...control(saves, { disabled: busy })}>
        Save anyway
      </button>
    </div>
  );
}
