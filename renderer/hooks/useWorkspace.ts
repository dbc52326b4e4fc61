import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../shared/errors';
import type { WorkspaceApplied, WorkspaceExport, WorkspacePlan } from '../../shared/workspace';
import { useTransport } from '../api/context';
import { asApiError } from './useApiQuery';

/** The file being imported: its text (uploaded) or its path on the console's machine (followed). */
export interface PendingFile {
  name: string;
  text?: string;
  path?: string;
  prune: boolean;
  plan: WorkspacePlan;
}

export interface WorkspaceFileState {
  pending: PendingFile | undefined;
  applied: WorkspaceApplied | undefined;
  busy: boolean;
  error: ApiError | undefined;
  /** The path being followed: re-planned when the file changes, applied only on confirmation. */
  following: string | undefined;
  plan(name: string, text: string, prune: boolean): Promise<void>;
  follow(path: string | undefined, prune: boolean): void;
  /** Applies the pending file as planned (refused by the core when the file or the database changed since). */
  apply(): Promise<void>;
  discard(): void;
  exportFile(): Promise<WorkspaceExport | undefined>;
}

const FOLLOW_EVERY_MS = 2000;

/** workspace.plan, then workspace.apply on confirmation; workspace.export; follow a file by path. */
export function useWorkspaceFile(): WorkspaceFileState {
  const transport = useTransport();
  const [pending, setPending] = useState<PendingFile>();
  const [applied, setApplied] = useState<WorkspaceApplied>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [following, setFollowing] = useState<{ path: string; prune: boolean }>();
  const seen = useRef<string | undefined>(undefined);

  const run = useCallback(async <T>(fn: () => Promise<T>): Promise<T | undefined> => {
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

  // Following: plan the file now and whenever it (or its plan) changes; a plan with nothing to do is not shown.
  useEffect(() => {
    if (!following) return;
    let stopped = false;
    const { path, prune } = following;
    const tick = async () => {
      try {
        const p = await transport.invoke('workspace.plan', { path, prune });
        if (stopped) return;
        const mark = `${p.modifiedAt}:${p.digest}:${p.issues.length}`;
        if (mark === seen.current) return;
        seen.current = mark;
        const changes = p.counts.create + p.counts.change + p.counts.delete;
        if (!p.ok || changes > 0) {
          setApplied(undefined);
          setPending({ name: path, path, prune, plan: p });
        }
      } catch (err) {
        if (!stopped) setError(asApiError(err));
      }
    };
    void tick();
    const timer = setInterval(() => void tick(), FOLLOW_EVERY_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [following, transport]);

  const follow = useCallback((path: string | undefined, prune: boolean) => {
    seen.current = undefined;
    setFollowing(path ? { path, prune } : undefined);
  }, []);

  const apply = useCallback(async () => {
    if (!pending) return;
    const source = pending.path !== undefined ? { path: pending.path } : { text: pending.text ?? '' };
    const r = await run(() =>
      transport.invoke('workspace.apply', {
        ...source,
        fileName: pending.name,
        prune: pending.prune,
        digest: pending.plan.digest,
      }),
    );
    if (r) {
      setApplied(r);
      setPending(r.ok ? undefined : { ...pending, plan: r });
      // What was just applied is what the follower would show next: it is not asked about again.
      if (pending.path !== undefined) seen.current = undefined;
    }
  }, [pending, run, transport]);
  const exportFile = useCallback(() => run(() => transport.invoke('workspace.export', {})), [run, transport]);
  const discard = useCallback(() => setPending(undefined), []);
  return { pending, applied, busy, error, following: following?.path, plan, follow, apply, discard, exportFile };
}
