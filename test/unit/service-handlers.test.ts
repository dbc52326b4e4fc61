import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { METHOD_NAMES, type Service } from '../../shared/api';
import { createEventBus } from '../../electron/core/events';
import { combineHandlers, exactService, type Handlers } from '../../electron/core/handlers';
import { createMaintenance } from '../../electron/core/maintenance/service';
import { createKeyFileBox } from '../../electron/core/secrets/key-file';
import { createService, type ServiceDeps } from '../../electron/core/service';
import { createSettingsService } from '../../electron/core/settings/settings';
import { openStore } from '../../electron/core/store';
import { FakeClock } from '../support/fake-clock';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lookout-handlers-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const settingsGet: Handlers<'settings.get'> = { 'settings.get': () => ({}) as ReturnType<Service['settings.get']> };

describe('handler groups', () => {
  it('refuses a method two groups implement, naming both', () => {
    expect(() => combineHandlers({ settings: settingsGet, tweaks: { ...settingsGet } })).toThrow(
      'The Api method settings.get is implemented twice: by the settings handlers and by the tweaks handlers',
    );
  });

  it('keeps every method of every group', () => {
    const combined = combineHandlers({
      settings: settingsGet,
      info: { 'demo.faults': () => ({ running: false, active: [] }) } satisfies Handlers<'demo.faults'>,
    });
    expect(Object.keys(combined).sort()).toEqual(['demo.faults', 'settings.get']);
  });

  it('types the whole service exactly: a method the contract does not declare does not compile', () => {
    const whole = Object.fromEntries(METHOD_NAMES.map((m) => [m, () => undefined])) as unknown as Service;
    expect(exactService(whole)).toBe(whole);
    const extra = { ...whole, 'monitors.rename': () => undefined };
    // @ts-expect-error monitors.rename is not in shared/api.ts
    expect(exactService(extra)).toBe(extra);
  });

  it('a session whose wiring implements a method twice does not start', () => {
    // The real composition (service.ts) over a real store, with the vantage group also claiming
    // monitors.list, as a careless merge of two branches would leave it.
    const clock = new FakeClock(Date.UTC(2030, 0, 1));
    const bus = createEventBus();
    const store = openStore({ path: join(dir, 'lookout.db'), readOnly: false, now: () => clock.now() });
    try {
      const settings = createSettingsService(store.settings);
      const maintenance = createMaintenance({
        windows: store.tables.windows,
        readOnly: false,
        clock,
        bus,
        monitors: store.monitors,
      });
      const deps = {
        store,
        bus,
        clock,
        scheduler: undefined,
        monitoring: {} as ServiceDeps['monitoring'],
        demo: undefined,
        settings,
        info: { version: 'test', mode: 'serve' as const },
        host: {} as ServiceDeps['host'],
        draftSources: {} as ServiceDeps['draftSources'],
        maintenance,
        secrets: createKeyFileBox(join(dir, 'secrets.key')),
        alerts: {} as ServiceDeps['alerts'],
        loadchecks: {} as ServiceDeps['loadchecks'],
        deploys: {} as ServiceDeps['deploys'],
      };
      expect(() => createService({ ...deps, vantages: {} as ServiceDeps['vantages'] })).not.toThrow();
      const claimsMonitors = { 'monitors.list': () => [] } as unknown as ServiceDeps['vantages'];
      expect(() => createService({ ...deps, vantages: claimsMonitors })).toThrow(
        'The Api method monitors.list is implemented twice: by the monitors handlers and by the vantages handlers',
      );
    } finally {
      store.close();
    }
  });
});
