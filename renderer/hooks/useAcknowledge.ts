import { useState } from 'react';
import { useTransport } from '../api/context';
import { asApiError } from './useApiQuery';
import { useSettings } from './useSettings';

export interface AcknowledgeState {
  /** The remembered operator name (Settings → Operator); empty until given once. */
  name: string;
  /** Incidents waiting for a name: render <OperatorNamePrompt> while this is non-empty. */
  asking: readonly number[];
  busy: boolean;
  error: string | null;
  /** Acknowledges the incidents as the remembered name, or asks for the name first (once). */
  acknowledge: (ids: readonly number[]) => Promise<number>;
  /** Saves the name the prompt was given, then acknowledges what was waiting. */
  giveName: (name: string) => Promise<number>;
  cancel: () => void;
}

/**
 * Acknowledging without typing a name each time: the name lives in Settings (`operator.name`),
 * asked once. Used by the incident card, "Acknowledge all open", the dashboard's `a` key (and any
 * banner that wants it).
 */
export function useAcknowledge(onAcknowledged?: (ids: readonly number[], by: string) => void): AcknowledgeState {
  const transport = useTransport();
  const settings = useSettings();
  const [asking, setAsking] = useState<readonly number[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The name just given, before the settings event brings it back.
  const [given, setGiven] = useState('');
  const name = settings.data?.operator?.name || given;

  async function send(ids: readonly number[], by: string): Promise<number> {
    setBusy(true);
    setError(null);
    let done = 0;
    try {
      for (const id of ids) {
        await transport.invoke('incidents.acknowledge', { id, by });
        done++;
      }
    } catch (err) {
      setError(`Could not acknowledge: ${asApiError(err).message}`);
    } finally {
      setBusy(false);
    }
    // Also after the name prompt, which the caller did not await.
    if (done > 0) onAcknowledged?.(ids.slice(0, done), by);
    return done;
  }

  return {
    name,
    asking,
    busy,
    error,
    acknowledge: async (ids) => {
      if (ids.length === 0) return 0;
      if (!name) {
        setAsking(ids);
        return 0;
      }
      return send(ids, name);
    },
    giveName: async (raw) => {
      const trimmed = raw.trim();
      if (!trimmed) {
        setError('Enter your name: it is shown on the incidents you acknowledge.');
        return 0;
      }
      try {
        await transport.invoke('settings.update', { operator: { name: trimmed } });
      } catch (err) {
        setError(`Could not remember the name: ${asApiError(err).message}`);
        return 0;
      }
      setGiven(trimmed);
      const ids = asking;
      setAsking([]);
      return send(ids, trimmed);
    },
    cancel: () => {
      setAsking([]);
      setError(null);
    },
  };
}
