import { existsSync, readdirSync, writeFileSync, openSync, writeSync, closeSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lastVerification } from '../../electron/core/database/backup';
import { startBackupSchedule } from '../../electron/core/database/backup-schedule';
import { verifyBackup } from '../../electron/core/database/verify';
import { startCore, type Core } from '../../electron/core/app';
import { openStore, type Store } from '../../electron/core/store';
import { Settings } from '../../shared/settings';
import type { DataStatus } from '../../shared/data';
import { FakeClock } from '../support/fake-clock';
import { draft, result, tempDir } from './store-helpers';

/** Daily backups, tested: real SQLite files, the real online backup, probes writing meanwhile. */
let tmp: ReturnType<typeof tempDir>;
let store: Store | undefined;
let core: Core | undefined;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(async () => {
  store?.close();
  store = undefined;
  await core?.close();
  core = undefined;
  tmp.cleanup();
});

const T0 = Date.parse('2026-12-01T03:00:00Z');

function seeded(n: number): { store: Store; monitorId: number } {
  const s = openStore({ path: tmp.file('lookout.db') });
  const m = s.monitors.create(draft());
  for (let i = 0; i < n; i++) s.results.enqueue(result(m.id, T0 - (n - i) * 1000));
  s.results.flush();
  store = s;
  return { store: s, monitorId: m.id };
}

function schedule(s: Store, settings: Settings) {
  const clock = new FakeClock(T0);
  return startBackupSchedule({ store: s, clock, settings: () => settings, firstCheckMs: 10 * 86_400_000 });
}

describe('scheduled backups are verified after writing', () => {
  it('checks the copy read-only, integrity ok, with the results the source held at that moment, while probes keep writing', async () => {
    const { store: s, monitorId } = seeded(30_000);
    let writing = true;
    let ts = T0;
    const writer = (async () => {
      while (writing) {
        for (let k = 0; k < 200; k++) s.results.enqueue(result(monitorId, ts++));
        s.results.flush();
        await new Promise<void>((r) => setImmediate(r));
      }
    })();
    const file = await schedule(s, Settings.parse({})).runDue();
    writing = false;
    await writer;
    const v = lastVerification(s)!;
    expect(v.ok).toBe(true);
    expect(v.copies).toHaveLength(1);
    expect(v.copies[0]).toMatchObject({ path: file, ok: true });
    expect(v.copies[0]!.results).toBe(v.sourceResults);
    expect(v.sourceResults).toBeGreaterThanOrEqual(30_000);
    expect(v.copies[0]!.message).toMatch(/^verified: [\d,]+ results, integrity ok$/);
  });

  it('includes the steady results the writer still holds in memory (they wait up to two minutes)', async () => {
    const { store: s, monitorId } = seeded(10);
    // Same status as the last one stored: the writer holds these instead of writing them now.
    for (let i = 0; i < 5; i++) s.results.enqueue(result(monitorId, T0 + i * 1000));
    const file = await schedule(s, Settings.parse({})).runDue();
    expect(s.file.countResultsUpTo(1_000)).toBe(15);
    const copy = openStore({ path: file!, readOnly: true });
    try {
      expect(copy.results.count()).toBe(15);
    } finally {
      copy.close();
    }
  });

  it('writes each backup to a second folder too, and verifies that copy where it landed', async () => {
    const { store: s } = seeded(5_000);
    const second = tmp.file('synced-drive/lookout');
    const file = await schedule(s, Settings.parse({ backup: { secondDir: second } })).runDue();
    const v = lastVerification(s)!;
    expect(v.ok).toBe(true);
    expect(v.copies.map((c) => path.dirname(c.path))).toEqual([path.dirname(file!), second]);
    expect(v.copies.every((c) => c.results === 5_000)).toBe(true);
    expect(readdirSync(second)).toEqual([path.basename(file!)]);
    expect(statSync(path.join(second, path.basename(file!))).size).toBe(statSync(file!).size);
  });

  it('says what failed when the second folder cannot be written, keeping the first copy', async () => {
    const { store: s } = seeded(1_000);
    const blocked = tmp.file('not-a-folder');
    writeFileSync(blocked, 'a file where the folder should be');
    const file = await schedule(s, Settings.parse({ backup: { secondDir: blocked } })).runDue();
    const v = lastVerification(s)!;
    expect(v.ok).toBe(false);
    expect(v.copies[0]!.ok).toBe(true);
    expect(v.copies[1]).toMatchObject({ ok: false, path: blocked });
    expect(v.copies[1]!.message).toContain(blocked);
    expect(existsSync(file!)).toBe(true);
  });

  it('refuses a damaged copy and a copy short of results', async () => {
    const { store: s } = seeded(2_000);
    const file = (await schedule(s, Settings.parse({})).runDue())!;
    expect(verifyBackup(file, 2_001)).toMatchObject({
      ok: false,
      results: 2_000,
      message: expect.stringContaining('holds 2,000 results, the database held 2,001'),
    });
    // Scribble over the middle of the file: integrity_check (or the read) must catch it.
    const fd = openSync(file, 'r+');
    const size = statSync(file).size;
    writeSync(fd, Buffer.alloc(8192, 0x5a), 0, 8192, Math.floor(size / 2 / 4096) * 4096);
    closeSync(fd);
    expect(verifyBackup(file, 2_000).ok).toBe(false);
  });
});

describe('the Data page reads the verification', () => {
  it('data.status carries the last verification and the second folder', async () => {
    const dbPath = tmp.file('core.db');
    core = await startCore({ dbPath, mode: 'serve', version: 'test' });
    const set = await core.dispatch('settings.update', { backup: { secondDir: tmp.file('share') } });
    expect(set.ok).toBe(true);
    const before = (await core.dispatch('data.status', {})) as { ok: true; result: DataStatus };
    expect(before.result.lastVerification).toBeNull();
    expect(before.result.secondBackupDir).toBe(tmp.file('share'));
  });
});
