import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../electron/core/app';
import { backupTo, listBackups } from '../../electron/core/database/backup';
import { startBackupSchedule } from '../../electron/core/database/backup-schedule';
import { openStore } from '../../electron/core/store';
import { DAY } from '../../electron/core/store/tiling';
import type { BackupFile, DatabaseSwitched, DataStatus } from '../../shared/data';
import { ApiError } from '../../shared/errors';
import { Settings } from '../../shared/settings';
import { FakeClock } from '../support/fake-clock';
import { draft, result, sha256, tempDir } from './store-helpers';

let tmp: ReturnType<typeof tempDir>;
let core: Core | undefined;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(async () => {
  await core?.close();
  core = undefined;
  tmp.cleanup();
});

async function call<T>(method: string, input: unknown = {}): Promise<T> {
  const out = await core!.dispatch(method, input);
  if (!out.ok) throw new ApiError(out.error.code, out.error.message);
  return out.result as T;
}
function resultsIn(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM results').pluck().get() as number;
  } finally {
    db.close();
  }
}

describe('backup', () => {
  it('copies a consistent database while results keep being written', async () => {
    const store = openStore({ path: tmp.file('lookout.db') });
    try {
      const m = store.monitors.create(draft());
      for (let i = 0; i < 20_000; i++) store.results.enqueue(result(m.id, i * 1000));
      store.results.flush();
      let writing = true;
      let written = 20_000;
      const writer = (async () => {
        while (writing) {
          for (let k = 0; k < 200; k++) store.results.enqueue(result(m.id, written++ * 1000));
          store.results.flush();
          await new Promise<void>((r) => setImmediate(r));
        }
      })();
      const file = await backupTo(store, tmp.file('copy.db'), Date.now);
      writing = false;
      await writer;
      const inCopy = resultsIn(file.path);
      expect(inCopy).toBeGreaterThanOrEqual(20_000);
      expect(inCopy).toBeLessThanOrEqual(written);
      const db = new Database(file.path, { readonly: true });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      // Rollups in the copy agree with its raw rows: the copy is one consistent snapshot.
      expect(db.prepare('SELECT sum(up) FROM rollups WHERE level = 2').pluck().get()).toBe(inCopy);
      db.close();
      expect(existsSync(tmp.file('copy.db.partial'))).toBe(false);
      await expect(backupTo(store, tmp.file('copy.db'), Date.now)).rejects.toThrow(
        `${tmp.file('copy.db')} already exists`,
      );
    } finally {
      store.close();
    }
  });

  it('the daily schedule backs up once a day into the backup folder and keeps `keep` files', async () => {
    const store = openStore({ path: tmp.file('lookout.db') });
    try {
      store.monitors.create(draft());
      const clock = new FakeClock(Date.UTC(2026, 0, 1));
      const schedule = startBackupSchedule({
        store,
        clock,
        settings: () => Settings.parse({ backup: { keep: 2 } }),
        firstCheckMs: 1000,
      });
      for (let day = 0; day < 4; day++) {
        expect(await schedule.runDue()).toMatch(/backups\/lookout-auto-\d{8}T\d{6}Z\.db$/);
        expect(await schedule.runDue()).toBeUndefined(); // not due again the same day
        await clock.advance(DAY);
      }
      schedule.stop();
      const names = readdirSync(tmp.file('backups')).sort();
      expect(names).toEqual(['lookout-auto-20260103T000000Z.db', 'lookout-auto-20260104T000000Z.db']);
    } finally {
      store.close();
    }
  });
});

describe('restore, review and the Api', () => {
  it('restore validates the backup, keeps the current database aside and switches to the backup', async () => {
    const main = tmp.file('lookout.db');
    core = await startCore({ dbPath: main, mode: 'serve', version: 'test' });
    const switched: DatabaseSwitched[] = [];
    core.bus.on('database', (e) => switched.push(e));
    await call('monitors.create', draft('Before backup'));
    const backup = await call<BackupFile>('data.backup', {});
    expect(path.dirname(backup.path)).toBe(tmp.file('backups'));
    await call('monitors.create', draft('After backup'));
    expect((await call<{ backups: BackupFile[] }>('data.backups.list')).backups.map((b) => b.path)).toEqual([
      backup.path,
    ]);

    const out = await call<{ keptAside: string }>('data.restore', { path: backup.path });
    expect(out.keptAside).toMatch(/lookout\.db\.before-restore-\d{8}T\d{6}Z$/);
    expect((await call<{ name: string }[]>('monitors.list')).map((m) => m.name)).toEqual(['Before backup']);
    expect(switched).toEqual([{ reason: 'restored', path: main, readOnly: false }]);
    // The database that was replaced is intact beside it.
    const kept = new Database(out.keptAside, { readonly: true });
    expect(kept.prepare('SELECT name FROM monitors ORDER BY id').pluck().all()).toEqual([
      'Before backup',
      'After backup',
    ]);
    kept.close();
    // Probes write into the restored database.
    core.store.results.enqueue(result(1, 5));
    expect(core.store.results.count()).toBe(1);
  });

  it('restore refuses a file that is not a Lookout database, naming it, and changes nothing', async () => {
    const main = tmp.file('lookout.db');
    core = await startCore({ dbPath: main, mode: 'serve', version: 'test' });
    await call('monitors.create', draft());
    const bad = tmp.file('bad.db');
    writeFileSync(bad, 'not a database');
    const before = sha256(bad);
    await expect(call('data.restore', { path: bad })).rejects.toThrow(`${bad} is not a Lookout database`);
    expect(sha256(bad)).toBe(before);
    expect(await call('monitors.list')).toHaveLength(1);
    expect(readdirSync(tmp.dir).filter((n) => n.includes('before-restore'))).toEqual([]);
  });

  it('review opens another database read-only (writes refused, file untouched) and reviewEnd comes back', async () => {
    const other = tmp.file('old.db');
    const s = openStore({ path: other });
    const m = s.monitors.create(draft('Old'));
    for (let i = 0; i < 100; i++) s.results.enqueue(result(m.id, i * 60_000));
    s.close();
    const before = sha256(other);

    core = await startCore({ dbPath: tmp.file('lookout.db'), mode: 'serve', version: 'test' });
    await call('data.review', { path: other });
    expect(await call<DataStatus>('data.status')).toMatchObject({ path: other, readOnly: true, results: 100 });
    expect((await call<{ name: string }[]>('monitors.list')).map((x) => x.name)).toEqual(['Old']);
    await expect(call('monitors.create', draft())).rejects.toThrow(/read-only/);
    await call('data.reviewEnd');
    expect(await call<DataStatus>('data.status')).toMatchObject({ path: tmp.file('lookout.db'), readOnly: false });
    expect(sha256(other)).toBe(before);
    expect(listBackups(tmp.file('nowhere'))).toEqual([]);
  });
});
