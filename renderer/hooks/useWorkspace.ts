import { useCallback, useState } from 'react';
import type { ApiError } from '../../shared/errors';
import type { WorkspaceApplied, WorkspaceExport, WorkspacePlan } from '../../shared/workspace';
import { useTransport } from '../api/context';
import { asApiError } from './useApiQuery';

export interface WorkspaceFileState {
  /** The file being imported and its plan (or its issues). */
  pending: { name: string; text: string; prune: boolean; plan: WorkspacePlan } | undefined;
  applied: WorkspaceApplied | undefined;
  busy: boolean;
  error: ApiError | undefined;
  plan(name: string, text: string, prune: boolean): Promise<void>;
  /** Applies the pending file as planned (refused by the core when the database changed since). */
  apply(): Promise<void>;
  discard(): void;
  exportFile(): Promise<WorkspaceExport | undefined>;
}

/** workspace.plan, then workspace.apply on confirmation; workspace.export. */
export function useWorkspaceFile(): WorkspaceFileState {
  const transport = useTransport();
  const [pending, setPending] = useState<WorkspaceFileState['pending']>();
  const [applied, setApplied] = useState<WorkspaceApplied>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();

  const run = useCallback(async <T,>(fn: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(undefined);
    try {
      return await fn();
    } catch (err) {
      setError(asApiError(err));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);

  const plan = useCallback(
    async (name: string, text: string, prune: boolean) => {
      setApplied(undefined);
      const p = await run(() => transport.invoke('workspace.plan', { text, fileName: name, prune }));
      setPending(p ? { name, text, prune, plan: p } : undefined);
    },
    [run, transport],
  );
  const apply = useCallback(async () => {
    if (!pending) return;
    const r = await run(() => transport.invoke('workspace.apply', { text: pending.text, fileName: pending.name, prune: pending.prune, digest: pending.plan.digest }));
    if (r) {
      setApplied(r);
      setPending(r.ok ? undefined : { ...pending, plan: r });
    }
  }, [pending, run, transport]);
  const exportFile = useCallback(() => run(() => transport.invoke('workspace.export', {})), [run, transport]);
  const discard = useCallback(() => setPending(undefined), []);
  return { pending, applied, busy, error, plan, apply, discard, exportFile };
}
