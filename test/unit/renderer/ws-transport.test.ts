import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/errors';
import { createWsTransport, wsUrlFromLocation, type WsTransport } from '../../../renderer/api/ws-transport';
import { FakeClock } from '../../support/fake-clock';

/** Minimal WebSocket double: the test opens, closes and answers it by hand. */
class FakeSocket {
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: { id: number; method: string; input: unknown }[] = [];
  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onmessage: ((ev: { data: string }) => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(public url: string) {
    FakeSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data) as FakeSocket['sent'][number]);
  }
  close() {
    this.drop();
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  drop() {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onclose?.();
  }
  reply(msg: unknown) {
    this.onmessage?.({ data: JSON.stringify(msg) });
  }
}

const last = () => FakeSocket.all[FakeSocket.all.length - 1]!;

let t: WsTransport;
/** The transport's backoff and wait timers run on the fake clock, passed in (no global timers patched). */
let clock: FakeClock;
beforeEach(() => {
  FakeSocket.all = [];
  clock = new FakeClock(Date.parse('2026-12-02T00:00:00Z'));
  t = createWsTransport({
    url: 'ws://127.0.0.1:1/ws?token=x',
    WebSocketImpl: FakeSocket as unknown as typeof WebSocket,
    timers: clock,
  });
});
afterEach(() => {
  t.close();
  expect(clock.pending(), 'timers left after close').toBe(0);
});

describe('ws transport', () => {
  it('queues calls until the socket opens, then resolves and rejects by id', async () => {
    expect(t.getConnection()).toEqual({ state: 'connecting', opens: 0 });
    const info = t.invoke('app.info', {});
    const bad = t.invoke('monitors.delete', { id: 9 });
    expect(last().sent).toHaveLength(0);
    last().open();
    expect(t.getConnection()).toEqual({ state: 'open', opens: 1 });
    expect(last().sent.map((m) => m.method)).toEqual(['app.info', 'monitors.delete']);
    const [a, b] = last().sent;
    last().reply({
      id: b!.id,
      error: { code: 'not_found', message: 'No monitor 9', issues: [{ path: 'id', message: 'x' }] },
    });
    last().reply({ id: a!.id, result: { version: '1' } });
    await expect(info).resolves.toEqual({ version: '1' });
    const err = await bad.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'not_found', message: 'No monitor 9', issues: [{ path: 'id', message: 'x' }] });
  });

  it('delivers events to listeners across reconnects', async () => {
    const seen: unknown[] = [];
    const off = t.on('monitors', (p) => seen.push(p));
    last().open();
    last().reply({ event: 'monitors', payload: { reason: 'created', id: 1 } });
    last().drop();
    await clock.advance(250);
    last().open();
    last().reply({ event: 'monitors', payload: { reason: 'deleted', id: 1 } });
    off();
    last().reply({ event: 'monitors', payload: { reason: 'loaded' } });
    expect(seen).toEqual([
      { reason: 'created', id: 1 },
      { reason: 'deleted', id: 1 },
    ]);
  });

  it('rejects calls in flight when the socket drops, reconnects with backoff, and reports state', async () => {
    const states: string[] = [];
    t.onConnectionChange(() => states.push(`${t.getConnection().state}:${t.getConnection().opens}`));
    last().open();
    const pending = t.invoke('monitors.list', {});
    last().drop();
    await expect(pending).rejects.toMatchObject({ code: 'internal' });
    expect(t.getConnection().state).toBe('closed');

    // Backoff 250, 500, 1000 … capped at 5000.
    expect(FakeSocket.all).toHaveLength(1);
    await clock.advance(249);
    expect(FakeSocket.all).toHaveLength(1);
    await clock.advance(1);
    expect(FakeSocket.all).toHaveLength(2);
    last().drop();
    await clock.advance(499);
    expect(FakeSocket.all).toHaveLength(2);
    await clock.advance(1);
    expect(FakeSocket.all).toHaveLength(3);
    for (let i = 0; i < 6; i++) {
      last().drop();
      await clock.advance(5000);
    }
    const before = FakeSocket.all.length;
    last().drop();
    await clock.advance(4999);
    expect(FakeSocket.all).toHaveLength(before);
    await clock.advance(1);
    last().open();
    expect(t.getConnection()).toEqual({ state: 'open', opens: 2 });
    expect(states.slice(0, 4)).toEqual(['open:1', 'closed:1', 'connecting:1', 'closed:1']);

    // After a successful open the backoff starts again at 250 ms.
    last().drop();
    const n = FakeSocket.all.length;
    await clock.advance(250);
    expect(FakeSocket.all).toHaveLength(n + 1);
  });

  it('gives up on a call that waited 10 s for a connection', async () => {
    const call = t.invoke('app.info', {});
    const settled = call.catch((e: unknown) => e);
    await clock.advance(10_000);
    const err = await settled;
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'internal', message: 'Not connected to Lookout' });
    last().open();
    expect(last().sent).toHaveLength(0);
  });

  it('builds the socket URL from the page address and token', () => {
    expect(wsUrlFromLocation({ protocol: 'http:', host: '127.0.0.1:4100', search: '?token=a%2Bb&x=1' })).toBe(
      'ws://127.0.0.1:4100/ws?token=a%2Bb',
    );
  });
});
