import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NoticePreview, NoticeSend } from '../../shared/channels';
import { startCore, type Core } from '../../electron/core/app';
import { startSmtp, type TestSmtp } from '../support/alert-servers';

async function ok<T>(core: Core, method: string, input: unknown): Promise<T> {
  const r = await core.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
  return r.result as T;
}

describe('a notice draft sent through a channel, only after confirmation', () => {
  let dir: string;
  let core: Core;
  let smtp: TestSmtp;
  let draftId: number;
  let channelId: number;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-notice-'));
    smtp = await startSmtp();
    core = await startCore({ dbPath: path.join(dir, 'db.sqlite3'), mode: 'serve', version: 'test' });
    channelId = (
      await ok<{ id: number }>(core, 'channels.create', {
        kind: 'email',
        name: 'Customers',
        config: {
          host: '127.0.0.1',
          port: smtp.port,
          security: 'none',
          from: 'status@example.test',
          to: ['list@example.test', 'ops@example.test'],
        },
      })
    ).id;
    const context = {
      kind: 'incident',
      incident: {
        monitor: 'Checkout API',
        services: ['Task submissions'],
        start: Date.parse('2026-12-01T14:02:00Z'),
        durationMs: 600_000,
        firstError: 'HTTP 503',
        lastError: 'HTTP 503',
        uptime: null,
        state: 'down',
      },
    };
    draftId = (
      await ok<{ id: number }>(core, 'drafts.create', {
        step: 'investigating',
        source: { kind: 'incident', incidentId: 1 },
        context,
      })
    ).id;
  });
  afterAll(async () => {
    await core.close();
    await smtp.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the preview shows the recipients and the exact text; the mail carries exactly that', async () => {
    const p = await ok<NoticePreview>(core, 'drafts.sendPreview', { id: draftId, channelId });
    expect(p.recipients).toEqual(['list@example.test', 'ops@example.test']);
    expect(p.subject).not.toBe('');
    expect(p.text).toContain('We are investigating problems with Task submissions since 14:02 UTC');
    expect(smtp.mails).toHaveLength(0);
    const sent = await ok<NoticeSend>(core, 'drafts.send', { id: draftId, channelId, confirm: p.confirm });
    expect(sent).toMatchObject({
      ok: true,
      recipients: p.recipients,
      subject: p.subject,
      text: p.text,
      answer: expect.stringMatching(/^250 /),
    });
    const [mail] = await smtp.waitFor(1);
    expect(mail?.parsed.subject).toBe(p.subject);
    expect(mail?.parsed.text?.trim()).toBe(p.text.trim());
    expect(mail?.envelope.to).toEqual(['list@example.test', 'ops@example.test']);
    expect(await ok<NoticeSend[]>(core, 'drafts.sends', { id: draftId })).toEqual([sent]);
  });

  it('nothing is sent without a confirmation of the text as it is now', async () => {
    const before = smtp.mails.length;
    const bad = await core.dispatch('drafts.send', { id: draftId, channelId, confirm: 'guessed' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const p = await ok<NoticePreview>(core, 'drafts.sendPreview', { id: draftId, channelId });
    await ok(core, 'drafts.update', { id: draftId, content: { body: 'Edited after the confirmation' } });
    const stale = await core.dispatch('drafts.send', { id: draftId, channelId, confirm: p.confirm });
    expect(stale).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('changed after it was confirmed') },
    });
    const missing = await core.dispatch('drafts.send', { id: draftId, channelId });
    expect(missing).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    // drafts.send answers after the server's reply, and the test server records a mail before replying: no wait needed.
    expect(smtp.mails.length).toBe(before);
  });
});
