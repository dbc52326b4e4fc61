import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/errors';
import { createSettingsService } from '../../electron/core/settings/settings';
import { openStore, type Store } from '../../electron/core/store';

let dir: string;
let store: Store | undefined;
afterEach(() => {
  store?.close();
  store = undefined;
  rmSync(dir, { recursive: true, force: true });
});

function open(): Store {
  dir ??= mkdtempSync(join(tmpdir(), 'lookout-settings-'));
  store = openStore({ path: join(dir, 'lookout.db') });
  return store;
}

describe('settings', () => {
  it('starts from the documented defaults', () => {
    dir = mkdtempSync(join(tmpdir(), 'lookout-settings-'));
    const s = createSettingsService(open().settings).get();
    expect(s.retentionDays).toBe(30);
    expect(s.probing).toMatchObject({ retries: 2, recoveries: 1, slowMs: 3000 });
    expect(s.backup).toMatchObject({ enabled: true, keep: 7 });
  });

  it('merges a section field by field and keeps it across a reopen', () => {
    dir = mkdtempSync(join(tmpdir(), 'lookout-settings-'));
    const svc = createSettingsService(open().settings);
    svc.update({ backup: { keep: 3 } });
    svc.update({ backup: { enabled: false } });
    store?.close();
    const again = createSettingsService(open().settings).get();
    expect(again.backup).toEqual({ enabled: false, dir: null, secondDir: null, keep: 3 });
  });

  it('refuses an invalid field with its path and changes nothing', () => {
    dir = mkdtempSync(join(tmpdir(), 'lookout-settings-'));
    const svc = createSettingsService(open().settings);
    svc.update({ retentionDays: 90 });
    let err: unknown;
    try {
      svc.update({ retentionDays: 0, backup: { keep: 2 } });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('invalid_input');
    expect((err as ApiError).issues?.[0]?.path).toBe('retentionDays');
    expect(createSettingsService(store!.settings).get()).toMatchObject({ retentionDays: 90, backup: { keep: 7 } });
  });

  it('keeps the valid sections of a damaged settings row', () => {
    dir = mkdtempSync(join(tmpdir(), 'lookout-settings-'));
    const st = open();
    st.settings.set('settings', JSON.stringify({ retentionDays: 'forever', alerts: { renotifyMinutes: 5 } }));
    const s = createSettingsService(st.settings).get();
    expect(s.retentionDays).toBe(30);
    expect(s.alerts.renotifyMinutes).toBe(5);
  });
});

describe('audience zones', () => {
  it('refuses an unknown zone at its index and keeps the stored ones', () => {
    dir = mkdtempSync(join(tmpdir(), 'lookout-settings-'));
    const svc = createSettingsService(open().settings);
    svc.update({ audienceZones: ['Europe/London'] });
    let err: unknown;
    try {
      svc.update({ audienceZones: ['Europe/London', 'Europe/Londn'] });
    } catch (e) {
      err = e;
    }
    expect((err as ApiError).issues?.[0]).toEqual({
      path: 'audienceZones.1',
      message: 'Unknown time zone Europe/Londn: use an IANA name such as Europe/London',
    });
    expect(svc.get().audienceZones).toEqual(['Europe/London']);
  });
});
