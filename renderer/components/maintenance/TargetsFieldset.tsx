import type { Monitor } from '../../../shared/monitor';
import { SERVICE_GROUPS } from '../../../shared/monitor';

interface Props {
  monitors: readonly Monitor[];
  groups: readonly string[];
  monitorIds: readonly number[];
  error: string | undefined;
  errorId: string;
  onGroups: (g: string[]) => void;
  onMonitors: (ids: number[]) => void;
}

/** Which service groups and monitors a window covers (the contract's `targets` issue shown here). */
export function TargetsFieldset({ monitors, groups, monitorIds, error, errorId, onGroups, onMonitors }: Props) {
  const groupNames = [...new Set([...SERVICE_GROUPS, ...monitors.map((m) => m.group)])];
  return (
    <fieldset className={`field${error ? ' field--invalid' : ''}`} aria-describedby={error ? errorId : undefined}>
      <legend>Affected service groups and monitors</legend>
      <div className="mx-checks">
        {groupNames.map((g) => (
          <label key={g}>
            <input
              type="checkbox"
              checked={groups.includes(g)}
              onChange={(e) => onGroups(e.target.checked ? [...groups, g] : groups.filter((x) => x !== g))}
            />
            {g} (group)
          </label>
        ))}
      </div>
      <div className="mx-checks">
        {monitors.map((m) => (
          <label key={m.id}>
            <input
              type="checkbox"
              checked={monitorIds.includes(m.id)}
              onChange={(e) =>
                onMonitors(e.target.checked ? [...monitorIds, m.id] : monitorIds.filter((x) => x !== m.id))
              }
            />
            {m.name}
          </label>
        ))}
      </div>
      {error && (
        <span id={errorId} className="field__error" role="alert">
          {error}
        </span>
      )}
    </fieldset>
  );
}
