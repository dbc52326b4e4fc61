import { existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ShellInfo } from '../../shared/shell';
import { bootShell, closedPort, tempDir, whenSeen, whenSent, type BootedShell, type PageEvent } from './shell-harness';

vi.mock('electron', async () => (await import('../support/electron-double')).currentElectron());

let t: ReturnType<typeof tempDir>;
let shell: BootedShell | undefined;
const servers: Server[] = [];

beforeEach(() => {
  t = tempDir();
});
afterEach(async () => {
  if (shell && !shell.e.state.quit) await shell.quit();
  shell = undefined;
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
  t.cleanup();
});

/** The console's own reachability check would mark failures unknown on an offline test machine. */
async function quietConsole(s: BootedShell): Promise<void> {
  await s.call('settings.update', { connectivity: { enabled: false } });
}

async function tcpMonitor(s: BootedShell, port: number, name = 'api') {
  return s.call<{ id: number }>('monitors.create', {
    name,
    kind: 'tcp',
    config: { host: '127.0.0.1', port, timeoutMs: 1000 },
    intervalSec: 3600,
    retries: 1,
  });
}

describe('desktop behaviour of the shell on the real core', () => {
  it('a confirmed down raises exactly one notification, which opens its incident; title and tray follow the down count', async () => {
    shell = await bootShell(t.dir);
    const s = shell;
    await quietConsole(s);
    const tray = s.e.Tray.instances.at(-1)!;
    const okIcon = tray.image.dataUrl;
    expect(tray.tooltip).toBe('Lookout: nothing down');

    const port = await closedPort();
    const m = await tcpMonitor(s, port);
    const n = await whenSeen(s.e.Notification.events, 'double:shown', () => s.e.Notification.instances[0]);
    expect(n.shown).toBe(true);
    expect(n.options.title).toContain('api');
    await whenSeen(tray, 'double:changed', () => tray.tooltip === 'Lookout: 1 monitor down');
    expect(tray.title).toBe('1');
    expect(tray.image.dataUrl).not.toBe(okIcon);
    expect(s.e.mainWindow()!.title).toBe('Lookout — 1 down');

    const incidents = await s.call<{ items: { id: number; monitorId: number }[] }>('incidents.list', {});
    const incident = incidents.items.find((i) => i.monitorId === m.id)!;
    s.e.mainWindow()!.hide();
    n.click();
    expect(s.e.mainWindow()!.visible).toBe(true);
    expect(s.e.mainWindow()!.webContents.executed.at(-1)).toBe(`location.hash = "#/incidents?id=${incident.id}"`);

    // The target comes back: the count goes back to zero, and there was no second "down" notification.
    const srv = createServer((c) => c.end());
    servers.push(srv);
    await new Promise<void>((r) => srv.listen(port, '127.0.0.1', r));
    await s.call('monitors.update', {
      id: m.id,
      monitor: {
        name: 'api',
        kind: 'tcp',
        config: { host: '127.0.0.1', port, timeoutMs: 1000 },
        intervalSec: 3600,
        retries: 1,
      },
    });
    await whenSeen(tray, 'double:changed', () => tray.tooltip === 'Lookout: nothing down');
    expect(tray.image.dataUrl).toBe(okIcon);
    expect(tray.title).toBe('');
    expect(s.e.mainWindow()!.title).toBe('Lookout');
    const downs = s.e.Notification.instances.filter(
      (x) => !/recover|back up|is up/i.test(`${x.options.title} ${x.options.body}`),
    );
    expect(downs).toHaveLength(1);
  });

  it('the tray menu opens the window, pauses and resumes all, snoozes alerts for an hour and quits, each through the core', async () => {
    shell = await bootShell(t.dir);
    const s = shell;
    await quietConsole(s);
    const a = await tcpMonitor(s, await closedPort(), 'a');
    const b = await tcpMonitor(s, await closedPort(), 'b');
    const tray = s.e.Tray.instances.at(-1)!;
    expect(tray.menu!.items.map((i) => i.label).filter(Boolean)).toEqual([
      'Open Lookout',
      'Pause all monitors',
      'Snooze alerts for 1 hour',
      'Quit Lookout',
    ]);

    s.e.mainWindow()!.hide();
    tray.clickItem('Open Lookout');
    expect(s.e.mainWindow()!.visible).toBe(true);

    tray.clickItem('Pause all monitors');
    await whenSeen(tray, 'double:changed', () => tray.menu!.items.some((i) => i.label === 'Resume all monitors'));
    const paused = await s.call<{ monitorId: number; state: string }[]>('state.list');
    expect(paused.map((x) => x.state)).toEqual(['paused', 'paused']);
    tray.clickItem('Resume all monitors');
    await whenSeen(tray, 'double:changed', () => tray.menu!.items.some((i) => i.label === 'Pause all monitors'));
    expect((await s.call<{ state: string }[]>('state.list')).every((x) => x.state !== 'paused')).toBe(true);

    const before = Date.now();
    const contents = s.e.mainWindow()!.webContents;
    const sentBefore = contents.sent.length;
    tray.clickItem('Snooze alerts for 1 hour');
    // Each monitor's snooze reaches the page as a state event: wait for both, then read them back.
    const snoozedIds = new Set<number>();
    await whenSent(
      contents,
      (x) => {
        const p = x.payload as { monitorId: number; snoozedUntil?: number | null };
        if (x.event === 'state' && (p.snoozedUntil ?? 0) > 0) snoozedIds.add(p.monitorId);
        return snoozedIds.size === 2;
      },
      sentBefore,
    );
    const snoozed = await s.call<{ monitorId: number; snoozedUntil?: number | null }[]>('state.list');
    expect(snoozed.every((x) => (x.snoozedUntil ?? 0) > 0)).toBe(true);
    for (const x of snoozed) {
      expect([a.id, b.id]).toContain(x.monitorId);
      expect(x.snoozedUntil!).toBeGreaterThanOrEqual(before + 3_600_000 - 1000);
      expect(x.snoozedUntil!).toBeLessThanOrEqual(Date.now() + 3_600_000 + 1000);
    }

    tray.clickItem('Quit Lookout');
    await s.e.quitted;
    expect(existsSync(`${s.dbPath}-wal`)).toBe(false);
  });

  it('sleep and wake from powerMonitor record a gap and probe again on resume', async () => {
    shell = await bootShell(t.dir);
    const s = shell;
    await quietConsole(s);
    const srv = createServer((c) => c.end());
    servers.push(srv);
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const m = await tcpMonitor(s, (srv.address() as { port: number }).port);
    const page = s.e.mainWindow()!.webContents;
    const resultOf = (x: PageEvent) =>
      x.event === 'result' && (x.payload as { monitorId: number }).monitorId === m.id && x;
    const powerAction = (action: string) => (x: PageEvent, index: number) =>
      x.event === 'power' &&
      (x.payload as { action: string }).action === action && { ...(x.payload as { at: number }), index };
    await whenSent(page, resultOf);
    const afterFirst = page.sent.length;
    // The shell's core runs on the wall clock, so the gap is as long as the time between the two
    // events: what matters is that it spans exactly what the page was told, not how long it is.
    s.e.powerMonitor.emit('suspend');
    s.e.powerMonitor.emit('resume');
    const slept = await whenSent(page, powerAction('slept'), afterFirst);
    const woke = await whenSent(page, powerAction('woke'), afterFirst);
    // A probe after waking: a result sent after the page heard of the wake.
    await whenSent(page, resultOf, woke.index + 1);
    const gaps = await s.call<{ start: number; end: number; reason: string }[]>('gaps.list', {
      from: slept.at - 1000,
      to: woke.at + 1000,
    });
    expect(gaps).toEqual([{ id: expect.any(Number), start: slept.at, end: woke.at, reason: 'asleep' }]);
  });

  it('quit flushes the writer and closes the database cleanly: no -wal left, every result kept', async () => {
    shell = await bootShell(t.dir);
    const s = shell;
    await quietConsole(s);
    const m = await tcpMonitor(s, await closedPort());
    await whenSent(s.e.mainWindow()!.webContents, (x) => x.event === 'result');
    expect(existsSync(`${s.dbPath}-wal`)).toBe(true);
    await s.quit();
    expect(existsSync(`${s.dbPath}-wal`)).toBe(false);
    expect(existsSync(`${s.dbPath}-shm`)).toBe(false);

    shell = await bootShell(t.dir);
    const latest = await shell.call<{ monitorId: number }[]>('results.latest', {});
    expect(latest.map((r) => r.monitorId)).toContain(m.id);
  });

  it('with a real keyring, secrets are sealed by the OS keychain', async () => {
    shell = await bootShell(t.dir, { double: { safeStorage: { available: true, backend: 'gnome_libsecret' } } });
    const info = await shell.call<ShellInfo>('shell.info');
    expect(info.secrets).toEqual({ protection: 'os-keychain', note: null });
  });

  it("on Linux without a keyring (safeStorage's basic_text backend, a constant key) falls back to the owner-only key file and says so", async () => {
    shell = await bootShell(t.dir, { double: { safeStorage: { available: true, backend: 'basic_text' } } });
    const info = await shell.call<ShellInfo>('shell.info');
    expect(info.secrets.protection).toBe('key-file');
    expect(info.secrets.note).toContain('basic_text');
    await shell.call('monitors.create', {
      name: 'private api',
      kind: 'http',
      config: {
        url: 'http://127.0.0.1:9/',
        headers: { authorization: 'Bearer s3cret' },
        secretHeaders: ['authorization'],
      },
      intervalSec: 3600,
    });
    const key = `${t.dir}/secrets.key`;
    expect(existsSync(key)).toBe(true);
    if (process.platform !== 'win32') expect(statSync(key).mode & 0o077).toBe(0);
  });

  it('closing the window keeps the console running in the tray; the tray or the Dock brings a new window', async () => {
    shell = await bootShell(t.dir);
    const s = shell;
    const first = s.e.mainWindow()!;
    first.close();
    expect(first.isDestroyed()).toBe(true);
    expect(s.e.state.quit).toBe(false);
    // Still answering (and still probing) with no window.
    expect(await s.e.ipcMain.invoke('lookout:app.info', null, {})).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    });
    s.e.Tray.instances.at(-1)!.clickItem('Open Lookout');
    const second = s.e.mainWindow()!;
    expect(second).not.toBe(first);
    expect(second.visible).toBe(true);
    expect(await s.call<{ mode: string }>('app.info')).toMatchObject({ mode: 'electron' });
    second.close();
    s.e.app.emit('activate');
    expect(s.e.mainWindow()).toBeDefined();
    expect(s.e.mainWindow()).not.toBe(second);
  });

  it('macOS hands links over with open-url', async () => {
    shell = await bootShell(t.dir);
    const m = await shell.call<{ id: number }>('monitors.create', {
      name: 'api',
      kind: 'tcp',
      config: { host: '127.0.0.1', port: 9 },
      intervalSec: 3600,
    });
    const e = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    shell.e.app.emit('open-url', e, `lookout://monitor/${m.id}`);
    expect(e.defaultPrevented).toBe(true);
    const contents = shell.e.mainWindow()!.webContents;
    await whenSeen(
      contents,
      'double:executed',
      () => contents.executed.at(-1) === `location.hash = "#/monitor/${m.id}"`,
    );
  });
});
