import { DEMO_FAULT_LABELS, DEMO_FAULTS } from '../../shared/demo';
import { useDemoFaults } from '../hooks/useDemoFaults';

/** In the demo workspace: switches that break the demo platform, so a newcomer can watch an outage. */
export function DemoPlatformPanel() {
  const { faults, error, busy, set } = useDemoFaults(true);
  if (faults && !faults.running) return null;
  const active = new Set(faults?.active ?? []);
  return (
    <section className="card demo-platform" aria-labelledby="demo-platform-title">
      <h2 id="demo-platform-title" className="card__title">
        Demo platform
      </h2>
      <p className="muted">Break the demo platform on purpose and watch the monitors notice (within a probe or two).</p>
      <ul className="demo-platform__faults">
        {DEMO_FAULTS.map((name) => (
          <li key={name}>
            <label title={DEMO_FAULT_LABELS[name].hint}>
              <input
                type="checkbox"
                checked={active.has(name)}
                disabled={!faults}
                onChange={(e) => void set(name, e.target.checked)}
              />{' '}
              {DEMO_FAULT_LABELS[name].label}
            </label>
            <span className="field__hint">{DEMO_FAULT_LABELS[name].hint}</span>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="btn btn--small"
        disabled={busy || active.size === 0}
        onClick={() => void set('clear')}
      >
        Clear all faults
      </button>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
