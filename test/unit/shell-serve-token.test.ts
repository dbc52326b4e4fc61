import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startCore, type Core } from '../../electron/core/app';
import { startServer } from '../../electron/serve/server';
import { loadIdentity, rememberPort, rotateIdentity, tokenFile } from '../../electron/serve/token-store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-token-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("serve mode's access token, kept per database", () => {
  it('is made once, owner-only, beside the database, and the same on the next start', () => {
    const db = path.join(dir, 'lookout.db');
    const first = loadIdentity(db);
    expect(first).toMatchObject({ persisted: true, port: 0 });
    expect(first.token).toMatch(/^[\w-]{32,}$/);
    expect(tokenFile(db)).toBe(path.join(dir, 'lookout.serve-token'));
    if (process.platform !== 'win32') expect(statSync(tokenFile(db)).mode & 0o077).toBe(0);
    rememberPort(db, first, 43210);
    expect(loadIdentity(db)).toEqual({ token: first.token, port: 43210, persisted: true });
    // Another database in the same folder has its own.
    expect(loadIdentity(path.join(dir, 'other.db')).token).not.toBe(first.token);
  });

  it('changes only when rotated (keeping the port), and a damaged file gets a fresh one', () => {
    const db = path.join(dir, 'lookout.db');
    const first = loadIdentity(db);
    const next = rotateIdentity(db, 43210);
    expect(next.token).not.toBe(first.token);
    expect(loadIdentity(db)).toEqual({ ...next, persisted: true });
    writeFileSync(tokenFile(db), '{"token":"short"}');
    const fresh = loadIdentity(db);
    expect(fresh.token).not.toBe(next.token);
    expect((JSON.parse(readFileSync(tokenFile(db), 'utf8')) as { token: string }).token).toBe(fresh.token);
  });

  it('is tightened to owner-only when someone loosened it', () => {
    if (process.platform === 'win32') return;
    const db = path.join(dir, 'lookout.db');
    loadIdentity(db);
    writeFileSync(tokenFile(db), readFileSync(tokenFile(db)), { mode: 0o644 });
    loadIdentity(db);
    expect(statSync(tokenFile(db)).mode & 0o077).toBe(0);
  });

  it('is kept in memory only, and says so, where it cannot be written beside the database', () => {
    // A folder that cannot take the file, whoever runs the test (root included): its "parent" is a file.
    writeFileSync(path.join(dir, 'not-a-folder'), '');
    const db = path.join(dir, 'not-a-folder', 'lookout.db');
    const id = loadIdentity(db);
    expect(id.persisted).toBe(false);
    expect(id.token).toMatch(/^[\w-]{32,}$/);
    expect(existsSync(tokenFile(db))).toBe(false);
  });
});

describe('rotating the token of a running server', () => {
  let core: Core;
  beforeEach(async () => {
    core = await startCore({ dbPath: path.join(dir, 'lookout.db'), mode: 'serve', version: 't' });
  });
  afterEach(async () => core.close());

  const open = (url: string, origin: string) =>
    new Promise<{ ws: WebSocket; closed: Promise<number> } | number>((resolve) => {
      const ws = new WebSocket(url, { headers: { origin } });
      const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
      ws.once('open', () => resolve({ ws, closed }));
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    });

  it('closes sockets holding the old token and refuses it from then on; the new one works', async () => {
    const served = await startServer({
      dispatch: core.dispatch,
      bus: core.bus,
      rendererDir: path.join(dir, 'renderer'),
      token: 'a'.repeat(32),
    });
    try {
      const origin = `http://127.0.0.1:${served.port}`;
      const wsUrl = (t: string) => `ws://127.0.0.1:${served.port}/ws?token=${t}`;
      const first = await open(wsUrl('a'.repeat(32)), origin);
      if (typeof first === 'number') throw new Error(`refused ${first}`);
      served.setToken('b'.repeat(32));
      // The old socket closes shortly after the switch (its last answer goes out first).
      expect(await first.closed).toBe(4001);
      expect(await open(wsUrl('a'.repeat(32)), origin)).toBe(401);
      const again = await open(wsUrl('b'.repeat(32)), origin);
      if (typeof again === 'number') throw new Error(`refused ${again}`);
      again.ws.close();
      expect(served.url).toBe(`http://127.0.0.1:${served.port}/?token=${'b'.repeat(32)}`);
    } finally {
      await served.close();
    }
  });
});
