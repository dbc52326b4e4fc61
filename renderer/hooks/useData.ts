import { useState } from 'react';
import type { Input, Output } from '../../shared/api';
import type { BackupFile, DataStatus, StorageProblem } from '../../shared/data';
import type { ApiError } from '../../shared/errors';
import { useApiMutation, useApiQuery, type QueryState } from './useApiQuery';
import { useEvent } from './useEvent';

/** Database status; refreshed when writing fails or recovers and when the database is switched. */
export function useDataStatus(): QueryState<DataStatus> {
  return useApiQuery('data.status', {});
}

export function useBackups(): QueryState<{ dir: string; backups: BackupFile[] }> {
  return useApiQuery('data.backups.list', {});
}

/**
 * The current write problem: from `data.status` on mount, then from `storage` events (sent once
 * when writing starts failing and once when it recovers).
 */
export function useStorageProblem(): StorageProblem | null {
  const status = useApiQuery('data.status', {});
  const [live, setLive] = useState<StorageProblem | null | undefined>(undefined);
  useEvent('storage', setLive);
  return live !== undefined ? live : (status.data?.storage ?? null);
}

/**
 * When the core switches database (restore, review, start fresh) everything on screen belongs to
 * the old one: the simplest correct answer is to reload the page. Pass a callback to do otherwise.
 */
export function useDatabaseSwitch(onSwitch: () => void = () => window.location.reload()): void {
  useEvent('database', onSwitch);
}

type DataMethod = 'data.backup' | 'data.restore' | 'data.review' | 'data.reviewEnd' | 'data.startFresh';

export interface DataAction<K extends DataMethod> {
  run(input: Input<K>): Promise<Output<K> | undefined>;
  busy: boolean;
  error: ApiError | undefined;
  result: Output<K> | undefined;
}

/** One data action (backup, restore, review…) with its busy / error / last-result state. */
export function useDataAction<K extends DataMethod>(method: K): DataAction<K> {
  const action = useApiMutation(method);
  return { run: action.run, busy: action.busy, error: action.error, result: action.data };
}
