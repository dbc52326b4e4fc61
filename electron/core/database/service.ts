import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Service } from '../../../shared/api';
import type { DataStatus } from '../../../shared/data';
import { ApiError } from '../../../shared/errors';
import type { Settings } from '../../../shared/settings';
import type { Clock } from '../clock';
import type { Store } from '../store';
import { backupDir, backupTo, lastBackup, lastVerification, listBackups, secondBackupDir } from './backup';
import { COMPANIONS, copyAside, sizeOf } from './files';
import type { DataHost } from '../session';
import { swapIn, validateBackup } from './restore';
import { storageProblem } from './storage';

type DataMethods =
  | 'data.status'
  | 'data.backup'
  | 'data.backups.list'
  | 'data.restore'
  | 'data.review'
  | 'data.reviewEnd'
  | 'data.startFresh';

export interface DataDeps {
  host: DataHost;
  /** Absent when the database could not be opened. */
  store: Store | undefined;
  settings: () => Settings;
  clock: Clock;
}

/** Exact below this many results; above it the count is estimated from the file size. */
const EXACT_COUNT_LIMIT = 1_000_000;
/** Whole-file bytes per result incl. its share of rollups at a 30 s interval (bytes-per-result bench). */
const BYTES_PER_RESULT_ESTIMATE = 74;

export function createDataHandlers({ host, store, settings, clock }: DataDeps): Pick<Service, DataMethods> {
  function needStore(what: string): Store {
    if (store) return store;
    throw new ApiError('conflict', `Cannot ${what}: ${host.problem()?.message ?? 'no database is open.'}`);
  }
  function resolveInput(p: string): string {
    return path.resolve(path.dirname(host.main.path), p);
  }

  function results(s: Store, bytes: number): number {
    const n = s.file.countResultsUpTo(EXACT_COUNT_LIMIT);
    return n < EXACT_COUNT_LIMIT ? n : Math.max(n, Math.round(bytes / BYTES_PER_RESULT_ESTIMATE));
  }

  return {
    'data.status': (): DataStatus => {
      const cur = host.current();
      const bytes = sizeOf(cur.path);
      const health = store?.writeHealth() ?? null;
      return {
        path: cur.path,
        readOnly: cur.readOnly,
        mainPath: host.main.path,
        bytes,
        walBytes: sizeOf(`${cur.path}-wal`),
        results: store ? results(store, bytes) : 0,
        retentionDays: settings().retentionDays,
        backupDir: backupDir(settings(), host.main.path),
        lastBackup: lastBackup(store),
        lastVerification: lastVerification(store),
        secondBackupDir: secondBackupDir(settings(), host.main.path),
        storage: health ? storageProblem(cur.path, health) : null,
        opening: host.problem() ?? null,
      };
    },
    'data.backup': async ({ path: to }) => {
      const s = needStore('back up');
      const dest = to
        ? resolveInput(to)
        : path.join(backupDir(settings(), host.main.path), `lookout-${stampName(clock.now())}.db`);
      return backupTo(s, dest, () => clock.now());
    },
    'data.backups.list': () => {
      const dir = backupDir(settings(), host.main.path);
      return { dir, backups: listBackups(dir) };
    },
    'data.restore': async ({ path: from }) => {
      if (host.main.readOnly)
        throw new ApiError(
          'read_only',
          `${host.main.path} was opened read-only for review; restoring into it is not allowed.`,
        );
      const file = resolveInput(from);
      if (file === path.resolve(host.main.path))
        throw new ApiError('invalid_input', `${file} is the database in use; choose a backup file.`);
      validateBackup(file, host.nativeBinding);
      let kept: string | undefined;
      let undo: (() => void) | undefined;
      try {
        await host.reopen(host.main, 'restored', () => {
          const swap = swapIn(file, host.main.path, clock.now());
          kept = swap.keptAside;
          undo = swap.undo;
        });
      } catch (err) {
        // The restored file would not open: put the previous database back, with nothing open on it.
        if (undo) await host.reopen(host.main, 'main', undo).catch(() => undefined);
        throw err;
      }
      return { restoredFrom: file, keptAside: kept ?? null };
    },
    'data.review': async ({ path: p }) => {
      const file = resolveInput(p);
      if (!existsSync(file))
        throw new ApiError('not_found', `Cannot open ${file} for review: the file does not exist.`);
      await host.reopen({ path: file, readOnly: true }, 'review');
      return { path: file, readOnly: true };
    },
    'data.reviewEnd': async () => {
      const cur = host.current();
      if (cur.path === host.main.path && cur.readOnly === host.main.readOnly)
        return { path: cur.path, readOnly: cur.readOnly };
      await host.reopen(host.main, 'main');
      return { path: host.main.path, readOnly: host.main.readOnly };
    },
    'data.startFresh': async () => {
      const problem = host.problem();
      // Only meaningful after a file was refused; otherwise the database in use is left alone.
      if (!problem) return { path: host.current().path, setAside: [] };
      // Nothing is deleted that has not been copied aside first.
      const setAside =
        problem.setAside.length > 0 ? problem.setAside : await copyAside(problem.path, problem.kind, clock.now());
      await host.reopen({ path: problem.path, readOnly: false }, 'fresh', () => {
        for (const ext of COMPANIONS) rmSync(problem.path + ext, { force: true });
      });
      return { path: problem.path, setAside };
    },
  };
}

function stampName(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, '')
    .replace('T', '-');
}
