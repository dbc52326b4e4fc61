import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ShellInfo } from '../../shared/shell';
import { parseCli } from '../../electron/cli/args';
import { parseDeepLink } from '../../electron/shell/deep-link';
import { autostartEntry, createLoginItem } from '../../electron/shell/login-item';
import { flushMicrotasks } from '../support/fake-clock';
import { bootShell, startShell, tempDir, whenSeen, type BootedShell } from './shell-harness';

vi.mock('electron', async () => (await import('../support/electron-double')).currentElectron());

let t: ReturnType<typeof tempDir>;
const running: BootedShell[] = [];
beforeEach(() => {
  t = tempDir();
});
afterEach(async () => {
  for (const s of running.splice(0).reverse()) if (!s.e.state.quit) await s.quit();
  t.cleanup();
  vi.unstubAllEnvs();
});
async function boot(opts: Parameters<typeof bootShell>[1] = {}): Promise<BootedShell> {
  const s = await bootShell(t.dir, opts);
  running.push(s);
  return s;
}
const lastHash = (s: BootedShell) => s.e.mainWindow()!.webContents.executed.at(-1);
/** Settles once the main window's newest script passes `test`: at once, or when the shell runs one. */
const whenHash = (s: BootedShell, test: (last: string | undefined) => boolean) =>
  whenSeen(s.e.mainWindow()!.webContents, 'double:executed', () => test(lastHash(s)));

describe('lookout:// links', () => {
  it('parses monitor, incident and maintenance links and nothing else', () => {
    expect(parseDeepLink('lookout://monitor/12')).toEqual({ kind: 'monitor', id: 12 });
    expect(parseDeepLink('lookout://incident/7/')).toEqual({ kind: 'incident', id: 7 });
    expect(parseDeepLink('LOOKOUT://Maintenance/3')).toEqual({ kind: 'maintenance', id: 3 });
    for (const bad of [
      'lookout://monitor/abc',
      'lookout://monitor/0',
      'lookout://monitor/-1',
      'lookout://secrets/1',
      'lookout://monitor/1?x=1',
      'lookout://monitor/1#x',
      'https://monitor/1',
      'lookout:monitor',
      'lookout://monitor/99999999999',
    ])
      expect(parseDeepLink(bad), bad).toBeUndefined();
  });

  it('a link on the command line opens its monitor once the console is up', async () => {
    const first = await boot();
    const m = await first.call<{ id: number }>('monitors.create', {
      name: 'api',
      kind: 'tcp',
      config: { host: '127.0.0.1', port: 9 },
      intervalSec: 3600,
    });
    await first.quit();
    const s = await boot({ args: [`lookout://monitor/${m.id}`] });
    await whenHash(s, (h) => h === `location.hash = "#/monitor/${m.id}"`);
  });

  it('a second launch with a link focuses the running window and opens it there; a missing target opens the dashboard with a notice', async () => {
    const first = await boot();
    const w = first.e.mainWindow()!;
    w.minimize();
    const second = await bootShell(t.dir, { args: ['lookout://incident/999'] });
    running.push(second);
    await second.e.quitted;
    expect(second.e.state.exitCode).toBeUndefined();
    expect(second.e.mainWindow()).toBeUndefined();
    await whenHash(first, (h) => h?.includes('notice=') === true);
    expect(w.isMinimized()).toBe(false);
    expect(w.focused).toBe(true);
    const hash = JSON.parse(lastHash(first)!.replace('location.hash = ', '')) as string;
    expect(hash.startsWith('#/?notice=')).toBe(true);
    expect(decodeURIComponent(hash.slice('#/?notice='.length))).toBe(
      'Incident 999 does not exist in this database (lookout://incident/999); showing the dashboard.',
    );
  });

  it('a second launch during start-up is not lost: its link opens once the console is up', async () => {
    const setup = await boot();
    const m = await setup.call<{ id: number }>('monitors.create', {
      name: 'api',
      kind: 'tcp',
      config: { host: '127.0.0.1', port: 9 },
      intervalSec: 3600,
    });
    await setup.quit();
    const first = await startShell(t.dir, { double: { holdReady: true } });
    running.push(first);
    const told = new Promise<void>((r) => first.e.app.once('second-instance', () => r()));
    const second = await bootShell(t.dir, { args: [`lookout://monitor/${m.id}`] });
    running.push(second);
    await second.e.quitted;
    // The first instance is told while it still waits for Electron to be ready; now it gets there.
    await told;
    first.e.releaseReady();
    await first.booted;
    await whenHash(first, (h) => h === `location.hash = "#/monitor/${m.id}"`);
  });

  it('a malformed link is ignored and logged', async () => {
    const errors: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((l: unknown) => void errors.push(String(l)));
    try {
      const s = await boot({ args: ['lookout://monitor/abc'] });
      // By now a valid link has opened its page (its dispatch settles within these microtasks).
      await flushMicrotasks();
      expect(s.e.mainWindow()!.webContents.executed).toEqual([]);
      expect(errors.some((e) => e.includes('ignored a malformed link') && e.includes('lookout://monitor/abc'))).toBe(
        true,
      );
    } finally {
      spy.mockRestore();
    }
  });

  it('a second launch for another database refuses with a message naming both files, and leaves the first alone', async () => {
    const first = await boot();
    first.e.mainWindow()!.minimize();
    const told = new Promise<void>((r) => first.e.app.once('second-instance', () => r()));
    const other = path.join(t.dir, 'other.db');
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const second = await bootShell(t.dir, { db: other });
    spy.mockRestore();
    expect(second.e.state.exitCode).toBe(1);
    expect(second.e.state.errorBoxes).toHaveLength(1);
    expect(second.e.state.errorBoxes[0]!.content).toContain(first.dbPath);
    expect(second.e.state.errorBoxes[0]!.content).toContain(other);
    expect(existsSync(other)).toBe(false);
    // The first instance heard of the second launch, and left its window as it was.
    await told;
    expect(first.e.mainWindow()!.isMinimized()).toBe(true);
  });
});

describe('start-up and window', () => {
  it('Electron and Chromium switches are passed through, not rejected', async () => {
    const s = await boot({
      args: ['--no-sandbox', '--enable-logging', '--ozone-platform=wayland', '--js-flags', '--expose-gc'],
    });
    expect(s.e.state.exitCode).toBeUndefined();
    expect(s.e.mainWindow()).toBeDefined();
    expect(parseCli(['--no-sandbox', '--db', 'x.db', '--enable-logging=stderr'])).toMatchObject({
      db: 'x.db',
      passthrough: ['--no-sandbox', '--enable-logging=stderr'],
    });
  });

  it("Lookout's own options stay strict: a bad value or a stray argument exits 2 with the usage", async () => {
    expect(() => parseCli(['--port', 'abc'])).toThrow('--port must be a whole number');
    expect(() => parseCli(['stray.db'])).toThrow('Unexpected argument "stray.db"');
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const s = await bootShell(t.dir, { args: ['stray.db'] });
    spy.mockRestore();
    expect(s.e.state.exitCode).toBe(2);
    expect(s.e.mainWindow()).toBeUndefined();
  });

  it('remembers the window size and position, and ignores a position no display shows any more', async () => {
    const first = await boot();
    first.e.mainWindow()!.setBounds({ x: 300, y: 200, width: 1100, height: 700 });
    await first.quit();
    const again = await boot();
    expect(again.e.mainWindow()!.options).toMatchObject({ x: 300, y: 200, width: 1100, height: 700 });
    again.e.mainWindow()!.setBounds({ x: 5000, y: 200 });
    await again.quit();
    const moved = await boot();
    expect(moved.e.mainWindow()!.options).toMatchObject({ width: 1100, height: 700 });
    expect(moved.e.mainWindow()!.options.x).toBeUndefined();
  });

  it('start at login writes and removes an XDG autostart entry on Linux', async () => {
    if (process.platform !== 'linux') return;
    vi.stubEnv('XDG_CONFIG_HOME', path.join(t.dir, 'config'));
    const s = await boot();
    expect((await s.call<ShellInfo>('shell.info')).startAtLogin).toEqual({ supported: true, enabled: false });
    const on = await s.call<ShellInfo>('shell.setStartAtLogin', { enabled: true });
    expect(on.startAtLogin.enabled).toBe(true);
    const entry = readFileSync(path.join(t.dir, 'config', 'autostart', 'lookout.desktop'), 'utf8');
    expect(entry).toContain('[Desktop Entry]');
    expect(entry).toMatch(/^Exec=.*main\.js --db .*lookout\.db$/m);
    const off = await s.call<ShellInfo>('shell.setStartAtLogin', { enabled: false });
    expect(off.startAtLogin.enabled).toBe(false);
    expect(existsSync(path.join(t.dir, 'config', 'autostart', 'lookout.desktop'))).toBe(false);
  });

  it("start at login uses the OS login item on macOS and Windows, with this launch's arguments", () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const calls: { openAtLogin: boolean; args?: string[] }[] = [];
      let on = false;
      const item = createLoginItem(
        {
          getLoginItemSettings: () => ({ openAtLogin: on }),
          setLoginItemSettings: (s) => void (calls.push(s), (on = s.openAtLogin)),
        },
        ['C:\\Program Files\\Lookout\\Lookout.exe', '--db', 'D:\\ops\\lookout.db'],
        platform,
      );
      expect(item.get()).toBe(false);
      item.set(true);
      expect(item.get()).toBe(true);
      expect(calls).toEqual([{ openAtLogin: true, args: ['--db', 'D:\\ops\\lookout.db'] }]);
    }
  });

  it('quotes an autostart Exec line per the Desktop Entry spec', () => {
    expect(autostartEntry(['/opt/Lookout/lookout', '--db', '/home/op/My Ops/lookout.db'])).toContain(
      'Exec=/opt/Lookout/lookout --db "/home/op/My Ops/lookout.db"\n',
    );
    // `$HOME"` quoted is "\$HOME\"", and string-escaped for the file "\\$HOME\\"".
    expect(autostartEntry(['/x/app', '$HOME"'])).toContain('Exec=/x/app "\\\\$HOME\\\\""');
  });
});
