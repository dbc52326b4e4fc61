import { useState } from 'react';
import type { DemoFaultName, DemoFaults } from '../../shared/demo';
import { useTransport } from '../api/context';
import { asApiError, useApiQuery } from './useApiQuery';

/** The demo platform's named faults (`demo.faults`) and a setter (`demo.fault`). */
export function useDemoFaults(enabled: boolean): {
  faults: DemoFaults | undefined;
  error: string | null;
  busy: boolean;
  set: (fault: DemoFaultName | 'clear', on?: boolean) => Promise<void>;
} {
  const transport = useTransport();
  const query = useApiQuery('demo.faults', {}, enabled);
  const [override, setOverride] = useState<DemoFaults | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function set(fault: DemoFaultName | 'clear', on = true): Promise<void> {
    setBusy(true);
    setError(null);
    const before = override ?? query.data;
    // The switch moves at once (a controlled checkbox would otherwise snap back until the answer comes).
    if (before) {
      const active =
        fault === 'clear'
          ? []
          : on
            ? [...new Set([...before.active, fault])]
            : before.active.filter((f) => f !== fault);
      setOverride({ ...before, active });
    }
    try {
      setOverride(await transport.invoke('demo.fault', fault === 'clear' ? { clear: true } : { fault, on }));
    } catch (err) {
      setOverride(before);
      setError(asApiError(err).message);
    } finally {
      setBusy(false);
    }
  }
  return { faults: override ?? query.data, error: error ?? query.error?.message ?? null, busy, set };
}
