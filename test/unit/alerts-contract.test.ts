import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_SECRET_MASK, type AlertChannel, type ChannelTestResult } from '../../shared/channels';
import { startCore, type Core } from '../../electron/core/app';
import { startReceiver, type TestReceiver } from '../support/alert-servers';
import { connectionOf } from '../../electron/core/store/connection';

/** channels.* through the real dispatcher and core: validation, masking, sealing, Send test. */
describe('alert channels over the contract', () => {
  let dir: string;
  let core: Core;
  let rx: TestReceiver;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-channels-'));
    rx = await startReceiver();
    core = await startCore({ dbPath: path.join(dir, 'db.sqlite3'), mode: 'serve', version: 'test' });
  });
  afterAll(async () => {
    await core.close();
    await rx.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses bad channels with the field named: link-local URL, a mask with nothing stored, a template that does not render', async () => {
    const ll = await core.dispatch('channels.create', {
      kind: 'discord',
      name: 'x',
      config: { url: 'http://169.254.169.254/latest' },
    });
    expect(ll).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        issues: [{ path: 'config.url', message: expect.stringContaining('link-local') }],
      },
    });
    const masked = await core.dispatch('channels.create', {
      kind: 'slack',
      name: 'x',
      config: { url: CHANNEL_SECRET_MASK },
    });
    expect(masked).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'config.url' }] } });
    const tpl = await core.dispatch('channels.create', {
      kind: 'webhook',
      name: 'x',
      config: { url: rx.url, template: '{"a": "{{ monitor.nmae | upcase }}"' },
    });
    expect(tpl).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        issues: [{ path: 'config.template', message: expect.stringMatching(/line 1, column \d+/) }],
      },
    });
  });

  it('secrets are sealed in the database, masked in channels.list, kept when the mask comes back, and Send test reaches the server', async () => {
    const created = await core.dispatch('channels.create', {
      kind: 'webhook',
      name: 'Status page',
      config: { url: `${rx.url}/hooks/T0K3N-in-the-path`, signingSecret: 'hmac-key-42' },
    });
    expect(created.ok).toBe(true);
    const c = (created as { result: AlertChannel }).result;
    expect(c.config).toMatchObject({ url: CHANNEL_SECRET_MASK, signingSecret: CHANNEL_SECRET_MASK });
    connectionOf(core.store).pragma('wal_checkpoint(TRUNCATE)');
    const file = readFileSync(path.join(dir, 'db.sqlite3')).toString('latin1');
    expect(file).not.toContain('T0K3N-in-the-path');
    expect(file).not.toContain('hmac-key-42');
    const updated = await core.dispatch('channels.update', {
      id: c.id,
      channel: {
        kind: 'webhook',
        name: 'Status page (renamed)',
        config: { url: CHANNEL_SECRET_MASK, signingSecret: CHANNEL_SECRET_MASK },
      },
    });
    expect(updated).toMatchObject({ ok: true, result: { name: 'Status page (renamed)' } });
    const before = rx.requests.length;
    const test = (await core.dispatch('channels.test', { id: c.id })) as { ok: true; result: ChannelTestResult };
    expect(test.result).toMatchObject({ ok: true, answer: 'HTTP 200 ok', code: null });
    expect(rx.requests[before]?.url).toBe('/hooks/T0K3N-in-the-path');
    expect(rx.requests[before]?.headers['x-lookout-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    rx.reply.status = 401;
    rx.reply.body = 'invalid token';
    try {
      const failed = (await core.dispatch('channels.test', { id: c.id })) as { ok: true; result: ChannelTestResult };
      expect(failed.result).toMatchObject({
        ok: false,
        code: 'http_401',
        answer: `${new URL(rx.url).host} answered HTTP 401: invalid token`,
      });
    } finally {
      rx.reply.status = 200;
      rx.reply.body = 'ok';
    }
  });

  it('rules naming a channel that does not exist are refused at that path', async () => {
    const r = await core.dispatch('alerts.setRules', { routes: [{ name: 'x', kinds: ['down'], channelIds: [999] }] });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', issues: [{ path: 'routes.0.channelIds.0' }] },
    });
  });
});
