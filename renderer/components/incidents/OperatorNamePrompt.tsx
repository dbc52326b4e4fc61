import { useId, useState } from 'react';
import type { AcknowledgeState } from '../../hooks/useAcknowledge';
import { useMethodControl } from '../../hooks/useReviewMode';

/** Asks once who is acknowledging; the name is remembered in Settings. */
export function OperatorNamePrompt({ ack }: { ack: AcknowledgeState }) {
  const [value, setValue] = useState('');
  const id = useId();
  const control = useMethodControl();
  if (ack.asking.length === 0) return null;
  return (
    <form
      className="operator-prompt card"
      role="dialog"
      aria-label="Who is acknowledging?"
      onSubmit={(e) => {
        e.preventDefault();
        void ack.giveName(value);
      }}
    >
      <div className="field">
        <label htmlFor={id}>Acknowledge as</label>
        <input
          id={id}
          autoFocus
          value={value}
          maxLength={80}
          placeholder="Your name"
          aria-describedby={`${id}-hint`}
          onChange={(e) => setValue(e.target.value)}
        />
        <span id={`${id}-hint`} className="field__hint">
          Asked once: the name is remembered (Settings → Operator).
        </span>
      </div>
      <div className="button-row">
        <button
          type="submit"
          className="btn btn--primary"
          {...control('incidents.acknowledge', { disabled: ack.busy })}
        >
          Acknowledge {ack.asking.length > 1 ? `${ack.asking.length} incidents` : ''}
        </button>
        <button type="button" className="btn" onClick={ack.cancel}>
          Cancel
        </button>
      </div>
      {ack.error && (
        <p className="form-error" role="alert">
          {ack.error}
        </p>
      )}
    </form>
  );
}
