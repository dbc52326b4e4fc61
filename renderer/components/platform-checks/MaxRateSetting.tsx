import { useState } from 'react';
import type { LoadLimits } from '../../../shared/loadcheck';
import { useTransport } from '../../api/context';
import { asApiError } from '../../hooks/useApiQuery';
import { useMethodControl } from '../../hooks/useReviewMode';
import { Field } from '../Field';

/** The configured maximum rate no load check may exceed (itself capped by the hard ceiling). */
export function MaxRateSetting({ limits, onSaved }: { limits: LoadLimits; onSaved(): void }) {
  const transport = useTransport();
  const [value, setValue] = useState(String(limits.maxRate));
  const [error, setError] = useState<string>();
  const control = useMethodControl();
  return (
    <form
      className="inline-form"
      aria-label="Load check maximum rate"
      onSubmit={(e) => {
        e.preventDefault();
        transport.invoke('loadchecks.setLimits', { maxRate: Number(value) }).then(
          () => {
            setError(undefined);
            onSaved();
          },
          (err: unknown) => setError(asApiError(err).issues?.[0]?.message ?? asApiError(err).message),
        );
      }}
    >
      <Field
        id="lc-max-rate"
        label={`Maximum rate for any load check (requests/s, at most ${limits.rateCeiling})`}
        error={error}
        hint={`Checks last at most ${limits.maxDurationSec / 60} minutes.`}
      >
        {(a) => (
          <input
            {...a}
            type="number"
            min={1}
            max={limits.rateCeiling}
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        )}
      </Field>
      <button type="submit" {...control('loadchecks.setLimits')}>
        Save maximum
      </button>
    </form>
  );
}
